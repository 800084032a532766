/**
 * A curator corrects a pose label whose table is known with the contributors' 3D box gizmo, against the
 * real server and SQLite file: the box starts at the label's box3d, is dragged and turned with real
 * pointer events and keys, and the saved version stores the gizmo's box as box3d, whose projection is
 * the stored corners.
 */
import { expect, test } from '@playwright/test';
import { projectBox } from '../shared/geometry/box3d';
import type { TablePose } from '../shared/geometry/camera';
import type { Box3d, Vec2 } from '../shared/geometry/types';
import { handleImage } from '../client/tools/pose/gizmo';
import { CanvasPage, type Pt } from './fixtures/canvasPage';
import { createAccount } from './fixtures/cli';
import { readDb } from './fixtures/db';
import { signIn } from './fixtures/pages';
import { GIZMO_K, GIZMO_POSE, GIZMO_W2C, importGizmoItem } from './fixtures/reviewGizmoData';
import { ReviewPage } from './fixtures/reviewPage';

const cam = { K: GIZMO_K, w2c: GIZMO_W2C };
const stored = (id: string) => {
  const row = readDb((db) => db.prepare('select item, version, review_status s from questions where id = ?').get(id) as { item: string; version: number; s: string });
  return { ...(JSON.parse(row.item) as { box3d: Box3d; answer: Vec2[] }), version: row.version, status: row.s };
};

test('a pose label with world_to_camera is corrected as its 3D box; box3d is the gizmo\'s box', async ({ page }) => {
  const data = importGizmoItem();
  const curator = createAccount('curator');
  await page.goto(`/curate?task=pose&q=${encodeURIComponent(data.prefix)}`);
  await signIn(page, curator.username, curator.password);
  const review = new ReviewPage(page);
  await expect(review.rows()).toHaveCount(1);
  await review.open(data.id);
  await review.expectVersion(1, 'unreviewed');
  const canvas = new CanvasPage(page);
  await expect(canvas.surface).toHaveAttribute('data-tool', 'cuboid3d');
  // Nothing moved yet: the box drawn is the label, so the page offers to accept.
  await expect(page.getByTestId('review-save')).toContainText('Accept & next');

  // Drag the box by its body 60 mm along the table's x, then turn it 10° with the keys.
  const to: TablePose = { ...GIZMO_POSE, x: GIZMO_POSE.x + 60 };
  const a = handleImage(cam, GIZMO_POSE, 'move') as Pt;
  const b = handleImage(cam, to, 'move') as Pt;
  await canvas.drag(a, b, 8);
  await expect(page.getByTestId('review-save')).toContainText('Save correction');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await page.screenshot({ path: 'test-results/screens/review-gizmo-1366.png' });
  await page.setViewportSize({ width: 2560, height: 1440 });
  await expect(canvas.surface).toHaveAttribute('data-image-ready', 'true');
  await page.screenshot({ path: 'test-results/screens/review-gizmo-2560.png' });
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-ok')).toContainText(`Saved ${data.id}`);
  const after = stored(data.id);
  expect([after.version, after.status]).toEqual([2, 'corrected']);
  // The stored box is the gizmo's: moved 60 mm along the table, turned 10°, same size, a rotation...
  const before = data.box3d;
  const R = GIZMO_W2C.R;
  const shift = [0, 1, 2].map((i) => after.box3d.center[i] - before.center[i]);
  const shiftWorld = [0, 1, 2].map((j) => R[0][j] * shift[0] + R[1][j] * shift[1] + R[2][j] * shift[2]);
  expect(Math.hypot(shiftWorld[0] - 60, shiftWorld[1], shiftWorld[2])).toBeLessThan(3);
  expect(after.box3d.size).toEqual(GIZMO_POSE.size);
  const cosTurn = [0, 1, 2].reduce((s, i) => s + before.rotation[i][0] * after.box3d.rotation[i][0], 0);
  expect((Math.acos(Math.min(1, cosTurn)) * 180) / Math.PI).toBeCloseTo(10, 3);
  // ...and its projection is the stored answer, corner by corner.
  projectBox(GIZMO_K, after.box3d).forEach((q, i) => expect(Math.hypot(q[0] - after.answer[i][0], q[1] - after.answer[i][1]), `corner ${i + 1}`).toBeLessThanOrEqual(0.5));
  expect(after.answer).not.toEqual(data.answer);

  // The history shows the import and the correction, which changed the answer and the box.
  await expect(review.historyVersions()).toHaveCount(2);
  await expect(page.locator('[data-testid="history-version"][data-version="2"]')).toContainText('changed answer, box3d');
  // Reopened, the gizmo starts at the saved box.
  await page.reload();
  await review.expectVersion(2, 'corrected');
  await expect(canvas.surface).toHaveAttribute('data-tool', 'cuboid3d');
  await expect(page.getByTestId('review-save')).toContainText('Accept');
});

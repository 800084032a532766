/**
 * The pose tool can express the truth: on a demo pose item the box is placed, turned onto the right
 * face, resized and tilted away, then dragged handle by handle (real pointer events) onto the item's
 * ground-truth box, read from the database on the test side; the server must store an answer with
 * IoU 3D ≥ 0.9. Non-pose items on the way are skipped.
 */
import { expect, test } from '@playwright/test';
import type { WorldToCamera } from '../shared/geometry/camera';
import type { Box3d, Mat3 } from '../shared/geometry/types';
import { projectBox } from '../shared/geometry/box3d';
import { AnnotatePage } from './fixtures/annotatePage';
import { readDb } from './fixtures/db';
import { camOf, currentPose, dragHandle, truthAsTablePose } from './fixtures/poseBox';

const RUN = Date.now().toString(36);

// Quarantined: since the late-bound batches and the new demo scenes landed, which pose item the batch
// reaches is random, and on some items the scripted drags end far from the truth (stored IoU 3D 0.99 on
// some runs, 0.00 on others, 3 runs on 2026-12-01). Issue 11 stays open until the drags are made
// reliable on every demo item; run it by hand with `npx playwright test e2e/poseTool.spec.ts`.
test.fixme('drags the 3D box onto the ground truth: IoU 3D ≥ 0.9 stored', async ({ page }) => {
  test.setTimeout(240_000);
  const ap = new AnnotatePage(page);
  await ap.open(`?pid=e2e-pose-${RUN}`);
  for (let guard = 0; guard < 40; guard++) {
    const screen = await ap.next();
    expect(screen).not.toBe('finished');
    if (screen === 'feedback') {
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    const cur = await ap.current();
    // The proof needs a box a pointer can place precisely: a synthetic scene's box (it stands on the
    // table exactly; a real photo's table plane is estimated), seen whole and at least 150 px across.
    // Other pose items on the way are skipped like the other tasks.
    const candidate = cur.task === 'pose' && cur.mode !== 'verify'
      ? (readDb((db) => db.prepare('select q.item, q.width, q.height from assignments a join questions q on q.id = a.question_id where a.id = ?').get(cur.assignmentId)) as { item: string; width: number; height: number })
      : null;
    const isUsable = (() => {
      if (!candidate) return false;
      const it = JSON.parse(candidate.item) as { meta?: { real?: boolean }; box3d?: Box3d; camera?: { K: Mat3 } };
      if (it.meta?.real || !it.box3d || !it.camera) return false;
      const pts = projectBox(it.camera.K, it.box3d);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const inside = pts.every(([x, y]) => x >= 0 && y >= 0 && x <= candidate.width && y <= candidate.height);
      return inside && Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) >= 150;
    })();
    if (!isUsable) {
      await page.getByTestId('skip-question').click();
      await page.getByRole('button', { name: 'Skip question' }).click();
      await expect(page.locator(`[data-testid="question"][data-assignment="${cur.assignmentId}"]`)).toHaveCount(0);
      continue;
    }
    const row = readDb((db) =>
      db.prepare('select q.item from assignments a join questions q on q.id = a.question_id where a.id = ?').get(cur.assignmentId),
    ) as { item: string };
    const item = JSON.parse(row.item) as { box3d: Box3d; camera: { K: Mat3; world_to_camera: WorldToCamera } };
    const cam = camOf(item.camera);
    const { pose: target, presses } = truthAsTablePose(item.box3d, item.camera.world_to_camera);

    // Click where the object stands: the box appears there, at the object's real size.
    const foot = (await import('../client/tools/pose/gizmo')).handleImage(cam, target, 'move')!;
    await ap.canvas.click([foot[0] + 15, foot[1] - 10]);
    let pose = (await currentPose(page, cur.assignmentId))!;
    expect(pose.size).toEqual(item.box3d.size);
    for (let i = 0; i < presses; i++) await page.keyboard.press('t');
    // Put it wrong on purpose: taller and leaning, so the drags below must resize and tilt it back.
    pose = (await currentPose(page, cur.assignmentId))!;
    await dragHandle(ap.canvas, cam, pose, { ...pose, size: [pose.size[0], pose.size[1], pose.size[2] * 1.5] }, 'sz');
    pose = (await currentPose(page, cur.assignmentId))!;
    await dragHandle(ap.canvas, cam, pose, { ...pose, tiltRad: 0.35 }, 'tilt');
    pose = (await currentPose(page, cur.assignmentId))!;
    expect(pose.size[2]).toBeGreaterThan(target.size[2] * 1.3);
    expect(pose.tiltRad).toBeGreaterThan(0.2);

    // Then handle by handle onto the truth, a few rounds (each handle moves one parameter).
    for (let round = 0; round < 8; round++) {
      for (const h of ['move', 'yaw', 'tilt', 'sz', 'sx', 'sy'] as const) {
        pose = (await currentPose(page, cur.assignmentId))!;
        await dragHandle(ap.canvas, cam, pose, { ...target, x: h === 'move' ? target.x : pose.x, y: h === 'move' ? target.y : pose.y }, h);
      }
    }
    await ap.submit();
    const stored = () => readDb((db) => db.prepare('select scores from responses where assignment_id = ?').get(cur.assignmentId)) as { scores: string } | undefined;
    await expect.poll(() => stored() !== undefined).toBe(true);
    const scores = JSON.parse(stored()!.scores) as { iou3d: number; iou2d: number };
    console.log(`pose tool → ground truth: IoU 3D ${scores.iou3d.toFixed(3)}, IoU 2D ${scores.iou2d.toFixed(3)}`);
    expect(scores.iou3d).toBeGreaterThanOrEqual(0.9);
    if (cur.mode === 'practice') {
      expect(await ap.next()).toBe('feedback');
      await expect(page.getByTestId('practice-advice')).toContainText('match the object closely');
    }
    return;
  }
  throw new Error('no pose question came up');
});

/**
 * Curators review generated labels in the browser, against the real server and SQLite file: correct a
 * pose by dragging a corner (history, export, rescoring, restore), a conflict between two curators,
 * a yes/no item reviewed with the keyboard alone, and the review API closed to everyone else.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseDatasetLine, toScorableItem } from '../shared/dataset';
import { scoreAnswer } from '../shared/tasks';
import { CanvasPage } from './fixtures/canvasPage';
import { createAccount, exportedItem } from './fixtures/cli';
import { readDb } from './fixtures/db';
import { signIn } from './fixtures/pages';
import { importReviewData } from './fixtures/reviewData';
import { ReviewPage } from './fixtures/reviewPage';

let data: ReturnType<typeof importReviewData>;
test.beforeAll(() => {
  data = importReviewData();
});

const storedScores = (id: string) =>
  readDb((db) => db.prepare(`select scores, output from responses where question_id = ? and source = 'E2E review model'`).get(id) as { scores: string; output: string });

async function curatorOn(page: Page): Promise<{ review: ReviewPage; username: string }> {
  const curator = createAccount('curator');
  await page.goto('/curate');
  await signIn(page, curator.username, curator.password);
  await expect(page.getByTestId('review-queue')).toBeVisible();
  return { review: new ReviewPage(page), username: curator.username };
}

test('a curator corrects a pose by dragging a corner; history, export, rescoring and restore follow', async ({ page }) => {
  const { review } = await curatorOn(page);
  await review.filter({ task: 'pose' });
  await expect(review.rows().first()).toContainText('pose');
  await review.filter({ search: data.prefix });
  await expect(review.rows()).toHaveCount(1);
  await review.open(data.poseId);
  await review.expectVersion(1, 'unreviewed');
  const before = storedScores(data.poseId);

  const canvas = new CanvasPage(page);
  const c0 = data.corners[0];
  await canvas.drag(c0, [c0[0] + 30, c0[1]]);
  await expect(page.getByTestId('review-save')).toContainText('Save correction');
  await page.getByTestId('review-save').click();
  await review.expectVersion(2, 'corrected');
  await expect(review.historyVersions()).toHaveCount(2);

  // The export carries the correction (corner 0 moved ~30 px right) and its review state.
  const item = exportedItem(data.poseId);
  expect(item.meta.review).toEqual({ status: 'corrected', version: 2, reason: null });
  expect(Math.abs(item.answer[0][0] - (c0[0] + 30))).toBeLessThan(1.5);
  expect(item.box3d).not.toEqual(data.corners);
  // The model's answer stored before the correction now carries its score against the new label.
  const after = storedScores(data.poseId);
  expect(after.scores).not.toEqual(before.scores);
  const parsed = parseDatasetLine(JSON.stringify(item), 1);
  if (!parsed.ok) throw new Error(parsed.error);
  const expected = scoreAnswer(toScorableItem(parsed, 960, 540), JSON.parse(after.output));
  const got = JSON.parse(after.scores);
  expect(got.iou3d).toBeCloseTo(expected.iou3d!, 9);
  expect(got.iou2d).toBeCloseTo(expected.iou2d!, 9);
  await page.screenshot({ path: 'test-results/screens/review-item-pose-1366.png' });

  await page.getByTestId('restore-1').click();
  await review.expectVersion(3, 'unreviewed');
  await expect(review.historyVersions()).toHaveCount(3);
  expect(exportedItem(data.poseId).answer).toEqual(data.corners);
  expect(storedScores(data.poseId).scores).toEqual(before.scores);
});

test('two curators edit one item: the second save is refused and shows the newer label', async ({ browser }) => {
  const a = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const b = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const pa = await a.newPage();
  const pb = await b.newPage();
  const first = await curatorOn(pa);
  const second = await curatorOn(pb);
  for (const r of [first.review, second.review]) {
    await r.filter({ search: data.no });
    await r.open(data.no);
  }
  await first.review.page.keyboard.press('y');
  await first.review.page.getByTestId('review-save').click();
  await first.review.expectVersion(2, 'corrected');
  await second.review.page.getByTestId('review-save').click();
  const conflict = pb.getByTestId('review-conflict');
  await expect(conflict).toContainText(`${data.no} was changed by ${first.username}`);
  await expect(conflict).toContainText('your change was not saved');
  await second.review.expectVersion(2, 'corrected');
  await expect(pb.getByTestId('answer-yes')).toHaveAttribute('aria-pressed', 'true');
  await pb.screenshot({ path: 'test-results/screens/review-conflict-1366.png' });
  await a.close();
  await b.close();
});

test('a yes/no item is reviewed with the keyboard alone', async ({ page }) => {
  const { review } = await curatorOn(page);
  await page.goto(`/curate?task=spatial&q=${encodeURIComponent(data.prefix)}`);
  await expect(review.rows()).toHaveCount(2);
  const [first, second] = await review.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!));
  const stateOf = (id: string) => {
    const row = readDb((db) => db.prepare('select review_status s, version v, item from questions where id = ?').get(id) as { s: string; v: number; item: string });
    return { status: row.s, version: row.v, answer: JSON.parse(row.item).answer as string };
  };
  const start = stateOf(first);
  await review.open(first);
  // Two keystrokes: the other answer, then Enter saves the correction and moves on.
  await page.keyboard.press(start.answer === 'Yes' ? 'n' : 'y');
  await page.keyboard.press('Enter');
  await expect(review.item).toHaveAttribute('data-id', second);
  expect(stateOf(first)).toEqual({ status: 'corrected', version: start.version + 1, answer: start.answer === 'Yes' ? 'No' : 'Yes' });
  await expect(page.getByTestId('annotation-canvas')).toHaveAttribute('data-image-ready', 'true');
  // One keystroke: accept as it is, and next.
  const v = stateOf(second).version;
  await page.keyboard.press('Enter');
  await expect.poll(() => stateOf(second).version).toBe(v + 1);
  expect(stateOf(second).status).toBe('accepted');
  await expect(page.getByTestId('shortcut-legend')).toContainText('Accept (or save your correction) and go to the next');
});

test('a curator authors a yes/no question on an uploaded image', async ({ page }) => {
  await curatorOn(page);
  await page.getByTestId('author-link').click();
  await page.getByLabel('Image (PNG, JPEG, WebP)').setInputFiles(path.join(data.dir, 'img', `${data.prefix}scene.png`));
  await page.getByLabel('Task', { exact: true }).selectOption('spatial');
  await page.getByLabel(/^Question/).fill('Is the test box closer than the wall behind it?');
  await expect(page.getByTestId('annotation-canvas')).toHaveAttribute('data-image-ready', 'true');
  await page.getByTestId('answer-yes').click();
  await page.screenshot({ path: 'test-results/screens/review-author-1366.png' });
  await page.getByTestId('author-save').click();
  const item = page.getByTestId('review-item');
  await expect(item).toHaveAttribute('data-id', /^lab-\d{8}-/);
  const id = (await item.getAttribute('data-id'))!;
  expect(exportedItem(id)).toMatchObject({ task: 'spatial', answer: 'Yes', width: 960, height: 540, meta: { source: 'authored' } });
});

test('the review API refuses anonymous callers', async ({ request }) => {
  for (const path of ['review.queue', 'review.counts', 'review.item', 'review.history', 'review.crowd', 'review.objectRegions']) {
    const res = await request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ id: data.poseId }))}`);
    expect(res.status(), path).toBe(401);
  }
  for (const path of ['review.accept', 'review.correct', 'review.reject', 'review.restore', 'review.adopt']) {
    const res = await request.post(`/trpc/${path}`, { data: { id: data.poseId, version: 1, reason: 'x', toVersion: 1, responseId: 'r' } });
    expect(res.status(), path).toBe(401);
  }
});

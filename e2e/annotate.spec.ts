/**
 * The contributor's flow against the real server and database: a whole mixed batch drawn with the
 * mouse (at two zoom levels), practice feedback, a verification, a reload mid-batch, a retried submit,
 * and every network response checked for leaked ground truth. Then two more contributors' batches.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseDatasetLine } from '../shared/dataset';
import { AnnotatePage } from './fixtures/annotatePage';
import type { Pt } from './fixtures/canvasPage';
import { readDb } from './fixtures/db';

const SHOTS = 'test-results/screens';
// Participant ids unique to this run, so a reused data folder never resumes an old batch.
const RUN = Date.now().toString(36);

type Expected = { assignmentId: number; task: string; check: (output: unknown, row: StoredRow) => void };
type StoredRow = { kind: string; output: string | null; is_correct_verdict: number | null; time_ms: number };

function close(a: Pt, b: Pt, tol = 1) {
  expect(Math.hypot(a[0] - b[0], a[1] - b[1]), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
}

function closeAll(actual: Pt[], expected: Pt[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => close(p, expected[i]));
}

/** Where the diagonals of quad abcd meet: the image of the face's centre under perspective. */
function diagonalsMeet([a, b, c, d]: Pt[]): Pt {
  const den = (a[0] - c[0]) * (b[1] - d[1]) - (a[1] - c[1]) * (b[0] - d[0]);
  const t = ((a[0] - b[0]) * (b[1] - d[1]) - (a[1] - b[1]) * (b[0] - d[0])) / den;
  return [a[0] + t * (c[0] - a[0]), a[1] + t * (c[1] - a[1])];
}

/** Draws an answer for the current question and returns what the server must store. */
async function drawAnswer(ap: AnnotatePage, zoomIn: boolean): Promise<(output: unknown) => void> {
  const { task, size } = await ap.current();
  const at = (fx: number, fy: number): Pt => [Math.round(size.width * fx * 10) / 10, Math.round(size.height * fy * 10) / 10];
  if (zoomIn && !['spatial', 'depth'].includes(task)) await ap.canvas.zoomAt(at(0.5, 0.55), -400);
  const points = (o: unknown) => (o as { points: Pt[] }).points;
  switch (task) {
    case 'rearrangement': {
      const pts = [at(0.46, 0.52), at(0.55, 0.6)];
      for (const p of pts) await ap.canvas.click(p);
      return (o) => closeAll(points(o), pts);
    }
    case 'trajectory': {
      const pts = [at(0.42, 0.6), at(0.5, 0.5), at(0.58, 0.56)];
      for (const p of pts) await ap.canvas.click(p);
      return (o) => closeAll(points(o), pts);
    }
    case 'grasp': {
      const c = at(0.5, 0.55);
      const right: Pt = [c[0] + 40, c[1] + 12];
      await ap.canvas.drag(c, right);
      return (o) => closeAll(points(o).slice(0, 3), [c, [2 * c[0] - right[0], 2 * c[1] - right[1]], right]);
    }
    case 'pose': {
      const p = at(0.5, 0.6);
      await ap.canvas.click(p);
      return (o) => {
        expect(points(o)).toHaveLength(8);
        close(diagonalsMeet(points(o).slice(0, 4)), p);
      };
    }
    default: {
      await ap.page.getByTestId('answer-yes').click();
      return (o) => expect(o).toEqual({ task, value: true });
    }
  }
}

async function groundTruthStrings(ids: string[]): Promise<string[]> {
  return readDb((db) =>
    ids.flatMap((id) => {
      const row = db.prepare('select item from questions where id = ?').get(id) as { item: string };
      const parsed = parseDatasetLine(row.item, 0);
      if (!parsed.ok || !('points' in parsed.gt)) return [];
      // A leak in any JSON form would contain the first point as compact JSON.
      return [JSON.stringify(parsed.gt.points[0])];
    }),
  );
}

test('a contributor answers a whole mixed batch with the mouse; the server stores what was drawn', async ({ page }) => {
  test.setTimeout(300_000);
  const ap = new AnnotatePage(page);
  await ap.open(`?pid=e2e-1-${RUN}`);
  const expected: Expected[] = [];
  const shot = new Set<string>();
  let drawn = 0;
  let didReload = false;
  let didRetry = false;
  let didVerifyFix = false;

  for (let guard = 0; guard < 60; guard++) {
    const screen = await ap.next();
    if (screen === 'finished') break;
    if (screen === 'feedback') {
      await expect(page.getByTestId('practice-score')).not.toBeEmpty();
      await expect(page.getByTestId('verify-badge')).toContainText('Correct answer');
      const key = 'feedback-' + (await page.getByTestId('question-text').count());
      if (!shot.has(key)) await page.screenshot({ path: `${SHOTS}/annotate-practice-feedback.png` });
      shot.add(key);
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    const cur = await ap.current();
    if (cur.mode === 'verify') {
      await expect(page.getByTestId('verify-badge')).toBeVisible();
      if (!shot.has('verify')) await page.screenshot({ path: `${SHOTS}/annotate-verify.png` });
      shot.add('verify');
      if (!didVerifyFix) {
        // "Not correct – fix it": the proposal becomes editable in the same tool; submit the correction.
        didVerifyFix = true;
        await page.getByTestId('verify-wrong').click();
        await expect(page.getByTestId('submit-answer')).toBeEnabled();
        await page.getByTestId('submit-answer').click();
        expected.push({ assignmentId: cur.assignmentId, task: cur.task, check: (o, row) => {
          expect(row.kind).toBe('verify');
          expect(row.is_correct_verdict).toBe(0);
          expect(o).toHaveProperty('task', cur.task);
        } });
      } else {
        await page.getByTestId('verify-correct').click();
        expected.push({ assignmentId: cur.assignmentId, task: cur.task, check: (o, row) => {
          expect(row.kind).toBe('verify');
          expect(row.is_correct_verdict).toBe(1);
          expect(o).toBeNull();
        } });
      }
      await expect(page.locator(`[data-testid="question"][data-assignment="${cur.assignmentId}"]`)).toHaveCount(0);
      continue;
    }
    const check = await drawAnswer(ap, drawn % 2 === 1);
    drawn++;
    if (!shot.has(cur.task)) await page.screenshot({ path: `${SHOTS}/annotate-${cur.task}.png` });
    shot.add(cur.task);
    if (!didReload && cur.mode === 'answer' && cur.task !== 'spatial' && cur.task !== 'depth') {
      // A reload mid-batch comes back to the same question with the half-done answer kept.
      didReload = true;
      await page.reload();
      expect(await ap.next()).toBe('question');
      expect((await ap.current()).assignmentId).toBe(cur.assignmentId);
      await expect(page.getByTestId('submit-answer')).toBeEnabled();
    }
    if (!didRetry && cur.mode === 'answer') {
      // Capture the submit and send it again, as a client would after a lost reply.
      didRetry = true;
      const req = page.waitForRequest((r) => r.url().includes('annotate.submit'));
      await ap.submit();
      const sent = await req;
      const replay = await page.request.post(sent.url(), { data: sent.postData()!, headers: { 'content-type': 'application/json' } });
      expect(replay.status()).toBe(200);
      expect(await replay.text()).toContain('"isRetry":true');
    } else {
      await ap.submit();
    }
    expected.push({ assignmentId: cur.assignmentId, task: cur.task, check: (o) => check(o) });
  }

  await expect(page.getByTestId('completion-code')).toHaveText(/^[0-9A-F]{10}$/);
  // The copy button puts the code on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-completion-code').click();
  await expect(page.getByTestId('copy-completion-code')).toHaveText('Copied ✓');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('completion-code').textContent());
  await page.screenshot({ path: `${SHOTS}/annotate-finished.png` });
  expect({ didReload, didRetry, didVerifyFix }).toEqual({ didReload: true, didRetry: true, didVerifyFix: true });
  expect(new Set(expected.map((e) => e.task)).size).toBe(6);

  // What the server stored is what was drawn, one response per question.
  const stored = readDb((db) =>
    expected.map((e) => db.prepare('select kind, output, is_correct_verdict, time_ms from responses where assignment_id = ?').all(e.assignmentId) as StoredRow[]),
  );
  expected.forEach((e, i) => {
    expect(stored[i], `assignment ${e.assignmentId}`).toHaveLength(1);
    e.check(stored[i][0].output === null ? null : JSON.parse(stored[i][0].output), stored[i][0]);
    expect(stored[i][0].time_ms).toBeGreaterThan(0);
  });

  // No response the page received carried a benchmark ground truth, a region, a box or alternatives.
  const all = ap.apiBodies.join('\n');
  expect(all).not.toMatch(/"answer":|"box3d"|"regions"|"source_region"|"target_region"|"alternatives"/);
  const benchmarkIds = readDb((db) =>
    (db.prepare(`select a.question_id id from assignments a join participants p on p.id = a.participant_id
      where p.external_id = ? and a.mode != 'practice'`).all(`e2e-1-${RUN}`) as { id: string }[]).map((r) => r.id),
  );
  for (const s of await groundTruthStrings(benchmarkIds)) expect(all).not.toContain(s);
  // Nor the question ids or image paths, which would point to the source data's published labels.
  for (const id of benchmarkIds) expect(all).not.toContain(id);
  expect(all).not.toMatch(/rgb\/\d+\.png/);
});

async function batchQuestionIds(page: Page, pid: string): Promise<string[]> {
  const ap = new AnnotatePage(page);
  await ap.open(`?pid=${pid}`);
  await expect(page.getByTestId('annotate-page')).toBeVisible();
  return readDb((db) =>
    (db.prepare(`select a.question_id id from assignments a join participants p on p.id = a.participant_id
      where p.external_id = ? and a.mode = 'answer' and a.question_id is not null`).all(pid) as { id: string }[]).map((r) => r.id),
  );
}

test('second and third contributors get questions nobody has yet, and opening a batch holds only what is reached', async ({ browser }) => {
  const [a, b] = await Promise.all([browser.newContext({ viewport: { width: 2560, height: 1440 } }), browser.newContext()]);
  const [first, second] = await Promise.all([batchQuestionIds(await a.newPage(), `e2e-2-${RUN}`), batchQuestionIds(await b.newPage(), `e2e-3-${RUN}`)]);
  // Late binding: the page opens at the first question, so the question there and the next are taken.
  expect(first).toHaveLength(2);
  expect(second).toHaveLength(2);
  expect(new Set([...first, ...second]).size).toBe(4);
  // While unanswered questions remain, nobody gets a question someone else already holds.
  const held = readDb((db) =>
    db.prepare(`select question_id, count(*) n from assignments where mode = 'answer' and question_id is not null group by question_id having n > 1`).all(),
  );
  expect(held).toEqual([]);
  // The contributor's page on a large screen, as a curator would check it.
  const big = a.pages()[0];
  const ap = new AnnotatePage(big);
  expect(await ap.next()).toBe('question');
  await big.screenshot({ path: `${SHOTS}/annotate-2560.png` });
  await Promise.all([a.close(), b.close()]);
});

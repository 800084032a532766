/**
 * The contributor's keyboard flow and the verify step: each question opens with focus on the canvas; a
 * yes/no item is one key and Enter; practice feedback continues with Enter; verify items have no
 * default, show a yes/no proposal plainly, take A / E / R, and "Fix it" shows the proposal unchanged,
 * survives a reload as a draft and can be left with B. Then a submit while offline.
 */
import { expect, test, type Page } from '@playwright/test';
import { AnnotatePage } from './fixtures/annotatePage';
import { readDb } from './fixtures/db';

const RUN = Date.now().toString(36);

function stored(assignmentId: number) {
  return readDb((db) => db.prepare('select kind, output, is_correct_verdict from responses where assignment_id = ?').get(assignmentId)) as
    | { kind: string; output: string | null; is_correct_verdict: number | null }
    | undefined;
}

/** The proposal the page was sent for a verify item, from the batch replies it received. */
function shownAnswerOf(bodies: string[], assignmentId: number): unknown {
  let found: unknown = undefined;
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const rec = o as { assignmentId?: number; shownAnswer?: unknown };
    if (rec.assignmentId === assignmentId && rec.shownAnswer !== undefined) found = rec.shownAnswer;
    Object.values(o).forEach(walk);
  };
  for (const b of bodies) {
    try {
      walk(JSON.parse(b));
    } catch {
      // Not JSON (an aborted reply): nothing in it.
    }
  }
  return found;
}

async function gone(page: Page, assignmentId: number) {
  await expect(page.locator(`[data-testid="question"][data-assignment="${assignmentId}"]`)).toHaveCount(0);
}

test('keys alone: yes/no in two keys, Enter past feedback, verify with A / E / R and a way back out of a fix', async ({ page }) => {
  test.setTimeout(300_000);
  const ap = new AnnotatePage(page);
  await ap.open(`?pid=e2e-keys-${RUN}`);
  const seen = { yesNo: 0, feedback: 0, accepted: 0, fixed: 0 };
  for (let guard = 0; guard < 60 && (seen.yesNo < 2 || seen.accepted < 1 || seen.fixed < 1); guard++) {
    const screen = await ap.next();
    if (screen === 'finished') break;
    if (screen === 'feedback') {
      seen.feedback++;
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('practice-feedback')).toHaveCount(0);
      continue;
    }
    const cur = await ap.current();
    await expect(ap.canvas.surface).toBeFocused();
    if (cur.mode === 'verify') {
      // No default choice: none of the three is the highlighted one.
      for (const id of ['verify-correct', 'verify-wrong', 'verify-wrong-only']) await expect(page.getByTestId(id)).not.toHaveClass(/primary/);
      const legend = page.getByTestId('shortcut-legend');
      for (const k of ['Correct: accept the shown answer', 'Not correct – fix it', 'Not correct (no fix)']) await expect(legend).toContainText(k);
      if (cur.task === 'spatial' || cur.task === 'depth') {
        await expect(page.getByTestId('proposed-answer')).toHaveText(/Proposed answer: (Yes|No)\./);
        await expect(page.getByTestId('answer-yes')).toHaveCount(0);
      }
      if (seen.fixed === 0) {
        const shown = shownAnswerOf(ap.apiBodies, cur.assignmentId);
        await page.keyboard.press('e');
        await expect(ap.question).toHaveAttribute('data-correcting', 'true');
        await expect(page.getByTestId('shortcut-legend')).toContainText('Back to checking');
        if (cur.task === 'pose') await expect(page.getByTestId('shortcut-legend')).toContainText('Drag any corner of the box');
        // A reload during the fix comes back to the fix.
        await page.reload();
        expect(await ap.next()).toBe('question');
        await expect(ap.question).toHaveAttribute('data-correcting', 'true');
        // B goes back to checking; E again, and Enter submits the untouched proposal: stored exactly as shown.
        await ap.canvas.surface.focus();
        await page.keyboard.press('b');
        await expect(ap.question).toHaveAttribute('data-correcting', 'false');
        await page.keyboard.press('e');
        await expect(page.getByTestId('submit-answer')).toBeEnabled();
        await page.keyboard.press('Enter');
        await gone(page, cur.assignmentId);
        await expect.poll(() => stored(cur.assignmentId)?.kind).toBe('verify');
        const row = stored(cur.assignmentId)!;
        expect(row.is_correct_verdict).toBe(0);
        expect(JSON.parse(row.output!)).toEqual(shown);
        seen.fixed++;
      } else {
        await page.keyboard.press('a');
        await gone(page, cur.assignmentId);
        await expect.poll(() => stored(cur.assignmentId)?.is_correct_verdict).toBe(1);
        seen.accepted++;
      }
      continue;
    }
    if (cur.task === 'spatial' || cur.task === 'depth') {
      // Enter with nothing chosen does nothing; Y then Enter submits.
      await page.keyboard.press('Enter');
      await expect(ap.question).toHaveAttribute('data-assignment', String(cur.assignmentId));
      await page.keyboard.press('y');
      await page.keyboard.press('Enter');
      await gone(page, cur.assignmentId);
      await expect.poll(() => stored(cur.assignmentId)?.output).toBe(JSON.stringify({ task: cur.task, value: true }));
      seen.yesNo++;
      continue;
    }
    await page.getByTestId('skip-question').click();
    await page.getByRole('button', { name: 'Skip question' }).click();
    await gone(page, cur.assignmentId);
  }
  expect(seen.yesNo).toBeGreaterThanOrEqual(2);
  expect(seen.fixed).toBe(1);
  expect(seen.accepted).toBe(1);
  expect(seen.feedback).toBeGreaterThan(0);
});

test('a submit while offline is kept, said so, and sent when the connection is back', async ({ page, context }) => {
  const ap = new AnnotatePage(page);
  await ap.open(`?pid=e2e-offline-${RUN}`);
  for (let guard = 0; guard < 30; guard++) {
    const screen = await ap.next();
    if (screen === 'feedback') {
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    expect(screen).toBe('question');
    const cur = await ap.current();
    if (cur.mode === 'verify' || (cur.task !== 'spatial' && cur.task !== 'depth')) {
      await page.getByTestId('skip-question').click();
      await page.getByRole('button', { name: 'Skip question' }).click();
      await gone(page, cur.assignmentId);
      continue;
    }
    await page.keyboard.press('n');
    await context.setOffline(true);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('offline-notice')).toContainText('Your answer is kept on this device and will be sent');
    if (cur.mode === 'practice') await expect(page.getByText('Your practice answer is kept')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/annotate-offline.png' });
    expect(stored(cur.assignmentId)).toBeUndefined();
    await context.setOffline(false);
    await expect(page.getByTestId('sent-notice')).toBeVisible();
    await expect.poll(() => stored(cur.assignmentId)?.output).toBe(JSON.stringify({ task: cur.task, value: false }));
    return;
  }
  throw new Error('no yes/no question came up');
});

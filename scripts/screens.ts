/**
 * Screenshots of the contributor's page for a person to look at: every task's instruction and question,
 * practice feedback, a verify item (and its "Fix it"), the offline notice and the end page, each at
 * 1366×768 and 2560×1440. Walks one real batch on a running server, answering with simple strokes so
 * the batch earns its completion code. Not part of `npm test`.
 *
 *   npx tsx scripts/screens.ts --url http://localhost:3000 --out test-results/screens-review
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/fixtures/browser';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const url = arg('url', 'http://localhost:3000');
const out = arg('out', 'test-results/screens-review');
fs.mkdirSync(out, { recursive: true });
const SIZES = [[1366, 768], [2560, 1440]] as const;
const taken = new Set<string>();

async function shoot(page: Page, name: string) {
  if (taken.has(name)) return;
  taken.add(name);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `${name}-${w}.png`) });
  }
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  await page.waitForTimeout(300);
}

async function toPage(page: Page, fx: number, fy: number): Promise<[number, number]> {
  const el = page.getByTestId('annotation-canvas');
  const box = (await el.boundingBox())!;
  const [s, x, y, w, h] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map((a) => el.getAttribute(a)).concat(
    ['data-image-width', 'data-image-height'].map((a) => page.getByTestId('question').getAttribute(a)),
  ));
  return [box.x + Number(x) + fx * Number(w) * Number(s), box.y + Number(y) + fy * Number(h) * Number(s)];
}

async function answer(page: Page, task: string) {
  const click = async (fx: number, fy: number) => {
    const [x, y] = await toPage(page, fx, fy);
    await page.mouse.click(x, y);
  };
  if (task === 'pose') await click(0.5, 0.6);
  else if (task === 'grasp') {
    const [x, y] = await toPage(page, 0.5, 0.55);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 40, y + 5, { steps: 5 });
    await page.mouse.up();
  } else if (task === 'trajectory') {
    await click(0.4, 0.6);
    await click(0.6, 0.5);
  } else if (task === 'rearrangement') await click(0.5, 0.55);
  else await page.keyboard.press('y');
}

async function main() {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ viewport: { width: SIZES[0][0], height: SIZES[0][1] } });
  const page = await context.newPage();
  await page.goto(`${url}/annotate?pid=screens-${Date.now().toString(36)}`);
  let fixed = false;
  let offline = false;
  for (let guard = 0; guard < 80; guard++) {
    await page.waitForTimeout(400);
    if (await page.getByTestId('batch-finished').isVisible()) {
      await shoot(page, 'end');
      break;
    }
    if (await page.getByTestId('task-intro').isVisible()) {
      const task = await page.getByTestId('question').count() ? '' : (await page.getByRole('heading').first().innerText()).split(':')[0].toLowerCase().replace(/\W+/g, '-');
      await shoot(page, `intro-${task}`);
      await page.getByRole('button', { name: 'Start practice' }).click();
      continue;
    }
    if (await page.getByTestId('practice-feedback').isVisible()) {
      const task = await page.locator('.question-text').first().innerText();
      await shoot(page, `feedback-${taken.size}-${task.slice(0, 0)}`.replace(/-$/, ''));
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    const q = page.getByTestId('question');
    if (!(await q.isVisible())) continue;
    await page.locator('[data-image-ready="true"]').waitFor();
    const task = (await q.getAttribute('data-task'))!;
    const mode = (await q.getAttribute('data-mode'))!;
    const id = await q.getAttribute('data-assignment');
    if (mode === 'verify') {
      await shoot(page, `verify-${task}`);
      if (!fixed) {
        fixed = true;
        await page.keyboard.press('e');
        await shoot(page, `verify-fix-${task}`);
        await page.keyboard.press('Enter');
      } else await page.keyboard.press('a');
    } else {
      await answer(page, task);
      await shoot(page, `${mode}-${task}`);
      if (!offline && (task === 'spatial' || task === 'depth') && mode === 'answer') {
        offline = true;
        await context.setOffline(true);
        await page.keyboard.press('Enter');
        await page.getByTestId('offline-notice').waitFor();
        await shoot(page, 'offline');
        await context.setOffline(false);
        await page.getByTestId('sent-notice').waitFor();
      } else await page.keyboard.press('Enter');
    }
    await page.locator(`[data-testid="question"][data-assignment="${id}"]`).waitFor({ state: 'detached' });
  }
  console.log(`${taken.size} screens × ${SIZES.length} sizes in ${out}: ${[...taken].join(', ')}`);
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

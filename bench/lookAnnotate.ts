/**
 * A look at the contributor's page as a new contributor sees it: starts the app on a fresh database
 * (the demo is generated), opens /annotate and saves a screenshot of each of the first questions at
 * 1366×768 and 2560×1440 (skipping each after its picture). Not part of the tests.
 * Usage: npx tsx bench/lookAnnotate.ts OUT-DIR [questions]   (after `npm run build`)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/fixtures/browser';

const [, , outDir = 'test-results/look', countArg = '8'] = process.argv;
fs.mkdirSync(outDir, { recursive: true });
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-look-'));
const server = spawn('node', ['--import', 'tsx', 'server/index.ts'], {
  env: { ...process.env, PORT: String(port), DATABASE_PATH: path.join(data, 'db.sqlite'), IMAGES_DIR: path.join(data, 'images') },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/trpc/items.stats`)).ok) break;
    } catch {
      if (i > 600) throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`http://localhost:${port}/annotate`);
  let shot = 0;
  for (let step = 0; step < 60 && shot < Number(countArg); step++) {
    const intro = page.getByTestId('task-intro');
    const question = page.getByTestId('question');
    const feedback = page.getByTestId('practice-feedback');
    await intro.or(question).or(feedback).or(page.getByTestId('batch-finished')).first().waitFor();
    if (await intro.isVisible()) {
      await page.getByRole('button', { name: 'Start practice' }).click();
      continue;
    }
    if (await feedback.isVisible()) {
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    if (!(await question.isVisible())) break;
    await page.getByTestId('annotation-canvas').locator('[data-image-ready="true"]').or(page.locator('[data-testid="annotation-canvas"][data-image-ready="true"]')).first().waitFor({ timeout: 30_000 });
    const task = await question.getAttribute('data-task');
    const text = await page.getByTestId('question-text').first().textContent();
    for (const [w, h] of [[1366, 768], [2560, 1440]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `${String(shot).padStart(2, '0')}-${task}-${w}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    console.log(`${shot} ${task}: ${text}`);
    shot++;
    await page.getByTestId('skip-question').click();
    await page.getByRole('button', { name: 'Skip question' }).click();
    await question.and(page.locator(`[data-assignment="${await question.getAttribute('data-assignment')}"]`)).waitFor({ state: 'detached' }).catch(() => {});
  }
  await browser.close();
} finally {
  server.kill();
  fs.rmSync(data, { recursive: true, force: true });
}

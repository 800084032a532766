/**
 * The constructed set (server/testing/baselineFixture.ts) through the running app: the results page
 * shows the hand-known figures with intervals and counts, agrees with `bopask table` exactly, moves when
 * a curator excludes a contributor or rejects a question (and says so), groups models, and downloads.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { writeBaselineFixture } from '../server/testing/baselineFixture';
import { bopask, createAccount } from './fixtures/cli';
import { signIn } from './fixtures/pages';

const fx = writeBaselineFixture(`e2e${process.pid}-`);

test.beforeAll(() => {
  bopask(['import', '--dataset', fx.dataset]);
  bopask(['import-predictions', '--predictions', fx.humans]);
  bopask(['import-predictions', '--predictions', fx.model]);
});

test('results: intervals, inf with its valid-only mean, exclusions that move the table, groups and downloads', async ({ page, browser }) => {
  const curator = createAccount('curator');
  await page.goto('/results');
  await signIn(page, curator.username, curator.password);
  const table = page.getByTestId('results-table');
  const model = table.locator(`tr[data-source="${fx.modelSource}"]`);
  await expect(model.locator('td[data-column="traj_dist"] .figure')).toHaveText('inf');
  await expect(page.getByTestId('statistics-age')).toContainText(/resamples, seed \d+, computed/, { timeout: 30_000 });
  await expect(model.locator('td[data-column="traj_dist"] .ci')).toContainText('valid 0.0');
  await expect(model.locator('td[data-column="traj_sr"] .ci')).toContainText('n = 2');
  await expect(page.getByTestId('human-stats').locator('tr[data-task="pose"]')).toBeVisible();

  // The page's plain export is byte for byte `bopask table`.
  await page.getByRole('checkbox', { name: /with intervals/ }).uncheck();
  await page.getByLabel('Export format').selectOption('md');
  const exportBox = page.getByTestId('results-export');
  await expect(exportBox).toContainText('| Source |');
  expect(await exportBox.textContent()).toBe(bopask(['table']));
  const humanSpatial = table.locator('tr[data-source="Human"] td[data-column="spatial_sr"] .figure');
  const before = await humanSpatial.textContent();

  // Exclude contributor x (wrong on spatial-1) from the contributors panel; reject spatial-5 by the API.
  const row = page.getByTestId('contributors').locator(`tr[data-annotator="e2e${process.pid}-x"]`);
  await row.getByRole('textbox').fill('answered in under a second');
  await row.getByRole('button', { name: 'Exclude' }).click();
  const reject = await page.request.post('/trpc/results.exclusions.excludeQuestion', { data: { questionId: fx.ids.spatial[4], reason: 'ambiguous label' } });
  expect(reject.status()).toBe(200);
  await page.reload();
  const notes = page.getByTestId('results-notes');
  await expect(notes).toContainText('by curator decision: 1 × "answered in under a second"');
  await expect(notes).toContainText('Every row excludes 1 question(s) rejected by a curator');
  await expect(humanSpatial).not.toHaveText(before!);
  await page.getByRole('checkbox', { name: /with intervals/ }).uncheck();
  await page.getByLabel('Export format').selectOption('md');
  await expect(exportBox).toContainText('answered in under a second');
  expect(await exportBox.textContent()).toBe(bopask(['table']));

  // Groups: the model goes under a group heading.
  await page.getByLabel(`Group of ${fx.modelSource}`).fill('Trained on BOP-Ask');
  await page.getByLabel(`Group of ${fx.modelSource}`).press('Enter');
  await expect(table.locator('tr.group-row', { hasText: 'Trained on BOP-Ask' })).toBeVisible();

  // Download the LaTeX table with intervals as ±.
  await page.getByRole('checkbox', { name: /with intervals/ }).check();
  await page.getByLabel('Export format').selectOption('latex');
  await page.getByLabel('Interval style').selectOption('pm');
  await expect(exportBox).toContainText('$\\pm$');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('bopask-table.tex');
  const tex = fs.readFileSync((await download.path())!, 'utf8');
  expect(tex).toContain('\\toprule');
  expect(tex).toContain(fx.modelSource);

  // Nobody signed out gets the raw downloads.
  const anon = await browser.newContext();
  expect((await anon.request.get(page.url().replace(/\/results.*/, '/download/human-responses.jsonl'))).status()).toBe(401);
  await anon.close();
});

test('question page: ground truth and both answers with scores, highlight; gallery PNG; histograms', async ({ page }) => {
  const curator = createAccount('curator');
  await page.goto(`/question/${encodeURIComponent(fx.ids.pose)}`);
  await signIn(page, curator.username, curator.password);
  await expect(page.getByTestId('answers-overlay')).toHaveAttribute('data-image-ready', 'true');
  const legend = page.getByTestId('answers-legend');
  await expect(legend.locator('li')).toHaveCount(3);
  await expect(legend.locator('li').first()).toContainText('Ground truth');
  await expect(legend).toContainText('IoU 3D 60.0%');
  await expect(legend).toContainText('IoU 3D 20.0%');
  const second = legend.locator('li').nth(1);
  await second.hover();
  await expect(second).toHaveClass(/hot/);
  await expect(legend.locator('li').nth(2)).toHaveClass(/dim/);
  await second.click();
  await page.mouse.move(0, 0);
  await expect(second).toHaveClass(/hot/);
  // The drawing holds one group per drawn answer (ground truth and the two contributors).
  const groups = await page.evaluate(`window.Konva.stages[0].find((n) => n.name().startsWith('answer-')).length`);
  expect(groups).toBe(3);

  await page.goto(`/gallery?ids=${encodeURIComponent(`${fx.ids.pose},${fx.ids.traj[0]}`)}`);
  await expect(page.getByTestId('gallery-tile')).toHaveCount(2);
  await expect(page.getByTestId('answers-overlay').nth(1)).toHaveAttribute('data-image-ready', 'true');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('bopask-gallery.png');
  const bytes = fs.readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // Two 420 px tiles side by side at twice the resolution, with a gap.
  expect(bytes.readUInt32BE(16)).toBe(2 * (2 * 420) + 2 * 12);

  await page.goto('/results');
  await expect(page.getByTestId('histograms').locator('figure[data-task="spatial"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('histograms').locator('figure[data-task="spatial"] .recharts-bar-rectangle').first()).toBeVisible();
});

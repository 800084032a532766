/** Screenshots of the human-baseline pages at two screen sizes (see screens.playwright.config.ts). */
import { expect, test } from '@playwright/test';
import { writeBaselineFixture } from '../server/testing/baselineFixture';
import { bopask, createAccount } from './fixtures/cli';
import { signIn } from './fixtures/pages';

const fx = writeBaselineFixture(`shot${process.pid}-`);

test('baseline screens', async ({ page }) => {
  test.setTimeout(300_000);
  bopask(['import', '--dataset', fx.dataset]);
  bopask(['import-predictions', '--predictions', fx.humans]);
  bopask(['import-predictions', '--predictions', fx.model]);
  const curator = createAccount('curator');
  await page.goto('/results');
  await signIn(page, curator.username, curator.password);
  await expect(page.getByTestId('results-table')).toBeVisible();
  for (const [w, h] of [[1366, 768], [2560, 1440]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/results');
    await expect(page.getByTestId('histograms')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: `test-results/screens/baseline-results-${w}.png` });
    await page.screenshot({ path: `test-results/screens/baseline-results-full-${w}.png`, fullPage: true });
    await page.getByTestId('histograms').scrollIntoViewIfNeeded();
    await page.getByTestId('histograms').screenshot({ path: `test-results/screens/baseline-plots-${w}.png` });
    await page.goto(`/question/${encodeURIComponent(fx.ids.pose)}`);
    await expect(page.getByTestId('answers-overlay')).toHaveAttribute('data-image-ready', 'true');
    await page.getByTestId('answers-legend').locator('li').nth(1).hover();
    await page.screenshot({ path: `test-results/screens/baseline-question-${w}.png` });
  }
});

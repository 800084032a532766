import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/cli';
import { signIn } from '../fixtures/pages';
import { importReviewData } from '../fixtures/reviewData';
import { CanvasPage } from '../fixtures/canvasPage';
import { ReviewPage } from '../fixtures/reviewPage';

const OUT = `${process.cwd()}/test-results/review-screens`;

for (const size of [{ width: 1366, height: 768 }, { width: 2560, height: 1440 }]) {
  test(`review screens at ${size.width}×${size.height}`, async ({ browser }) => {
    const data = importReviewData();
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    const admin = createAccount('admin');
    const shot = (name: string) => page.screenshot({ path: `${OUT}/${name}-${size.width}.png` });
    await page.goto('/curate');
    await signIn(page, admin.username, admin.password);
    const review = new ReviewPage(page);
    await expect(review.rows().first()).toBeVisible();
    await shot('queue');
    await page.getByTestId('bulk-accept').locator('summary').click();
    await review.filter({ task: 'pose' });
    await expect(review.rows().first()).toContainText('pose');
    await shot('queue-pose-bulk');
    await review.filter({ search: data.prefix });
    await review.open(data.poseId);
    await shot('item-pose');
    await page.goto(`/curate?q=${encodeURIComponent(data.prefix)}&task=spatial`);
    await review.open(data.yes);
    await page.keyboard.press('n');
    await shot('item-yesno-changed');
    await page.goto(`/curate?q=${encodeURIComponent(data.rearr)}`);
    await review.open(data.rearr);
    await page.keyboard.press('v');
    await expect(page.getByTestId('answers-overlay')).toHaveAttribute('data-image-ready', 'true');
    await page.getByTestId('answers-legend').locator('li').nth(1).hover();
    await shot('item-crowd');
    await page.keyboard.press('v');
    await new CanvasPage(page).click([800, 450]);
    await page.keyboard.press('r');
    await expect(page.getByTestId('region-editor')).toHaveAttribute('data-image-ready', 'true');
    await review.regionClick([300, 230]);
    await shot('item-regions');
    await page.goto('/curate?author=1');
    await page.getByLabel('Image (PNG, JPEG, WebP)').setInputFiles(`${data.dir}/img/${data.prefix}scene.png`);
    await expect(page.getByTestId('annotation-canvas')).toHaveAttribute('data-image-ready', 'true');
    await shot('author');
    await page.goto('/admin');
    await expect(page.getByTestId('accounts-panel')).toBeVisible();
    await shot('admin');
    await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
    await shot('admin-import');
    await context.close();
  });
}

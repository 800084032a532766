/**
 * The crowd beside the label, adopt-as-label and region editing on the curate item view, against the
 * real server and SQLite file: answers drawn with their scores, one adopted (a new version, every
 * response rescored, the export changed), regions dragged, a vertex added, and a new marker given its
 * region (taken from an object, and drawn) — saved as a version and seen in history and export.
 */
import { expect, test, type Page } from '@playwright/test';
import { createAccount, exportedItem } from './fixtures/cli';
import { readDb } from './fixtures/db';
import { signIn } from './fixtures/pages';
import { importReviewData, REGIONS } from './fixtures/reviewData';
import { ReviewPage } from './fixtures/reviewPage';
import { CanvasPage } from './fixtures/canvasPage';

let data: ReturnType<typeof importReviewData>;
test.beforeAll(() => {
  data = importReviewData();
});

const scoresOf = (id: string) =>
  Object.fromEntries(
    readDb((db) => db.prepare(`select source, scores from responses where question_id = ? order by source`).all(id) as { source: string; scores: string }[]).map((r) => [r.source, JSON.parse(r.scores)]),
  );

async function openItem(page: Page, id: string): Promise<ReviewPage> {
  const curator = createAccount('curator');
  await page.goto('/curate');
  await signIn(page, curator.username, curator.password);
  const review = new ReviewPage(page);
  await review.filter({ search: id });
  await review.open(id);
  return review;
}

test('the crowd and the models are drawn beside the label with their scores, and one is adopted as the label', async ({ page }) => {
  const review = await openItem(page, data.rearr);
  await page.keyboard.press('v');
  const panel = page.getByTestId('crowd-panel');
  await expect(panel.getByTestId('answers-overlay')).toHaveAttribute('data-image-ready', 'true');
  await expect(panel.getByTestId('crowd-count')).toContainText('2 answers, scored against the current label');
  const legend = panel.getByTestId('answers-legend').locator('li');
  await expect(legend).toHaveCount(3);
  await expect(legend.nth(0)).toContainText('Current label (v1)');
  const model = legend.filter({ hasText: 'E2E crowd model' });
  const person = legend.filter({ hasText: 'Human e2e-pers' });
  await expect(model).toContainText('recall 50.0% · precision 50.0%');
  await expect(person).toContainText('recall 100.0% · precision 100.0%');
  // Hover highlights one answer and dims the rest; ↓ walks the list from the keyboard.
  await model.hover();
  await expect(model).toHaveClass(/hot/);
  await expect(person).toHaveClass(/dim/);
  await page.mouse.move(5, 5);
  await page.keyboard.press('ArrowDown');
  await expect(model).toHaveClass(/hot/);
  await expect(page.getByTestId('shortcut-legend')).toContainText('Adopt the highlighted answer as the label');
  await page.screenshot({ path: 'test-results/screens/review-crowd-1366.png' });

  // A: the highlighted answer (the model's) becomes version 2; every response is rescored.
  await page.keyboard.press('a');
  await review.expectVersion(2, 'corrected');
  await expect(page.getByTestId('review-ok')).toContainText("Adopted E2E crowd model's answer as version 2; 2 response(s) rescored");
  await expect(review.historyVersions().first()).toContainText('adopted from E2E crowd model');
  await expect(review.historyVersions().first()).toContainText('changed answer, regions');
  await expect(legend.nth(0)).toContainText('Current label (v2)');
  await expect(model).toContainText('recall 100.0% · precision 100.0%');
  await expect(person).toContainText('recall 50.0% · precision 50.0%');
  const stored = scoresOf(data.rearr);
  expect(stored['E2E crowd model']).toMatchObject({ recall: 1, precision: 1 });
  expect(stored.Human).toMatchObject({ recall: 0.5, precision: 0.5 });
  // The export carries the adopted markers, each with the region of the object it lies on.
  const item = exportedItem(data.rearr);
  expect(item.answer).toEqual([[300, 200], [150, 400]]);
  expect(item.regions).toEqual([REGIONS.mug, REGIONS.can]);
  expect(item.meta.review).toEqual({ status: 'corrected', version: 2, reason: 'adopted from E2E crowd model' });
});

test('regions are edited (drag, add a vertex) and a new marker gets its region; saved as a version', async ({ page }) => {
  const review = await openItem(page, data.rearr2);
  await page.keyboard.press('r');
  await expect(page.getByTestId('region-editor')).toHaveAttribute('data-image-ready', 'true');
  // Select region 1, drag its first vertex, add a vertex on its top edge.
  await review.regionClick([300, 230]);
  await expect(page.getByTestId('region-editor')).toHaveAttribute('data-selected', 'r0');
  await review.regionDrag([260, 160], [240, 150]);
  await review.regionClick([290, 155]);
  await expect(page.getByTestId('review-save')).toContainText('Save correction');

  // Back on the label, a new marker on the yellow bowl: the page asks for its region before saving.
  await page.keyboard.press('r');
  const canvas = new CanvasPage(page);
  await expect(canvas.surface).toHaveAttribute('data-image-ready', 'true');
  await canvas.click([800, 450]);
  await expect(page.getByTestId('review-problem')).toContainText('Marker 2 has no region yet');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-error')).toContainText('Marker 2 has no region yet');
  await review.expectVersion(1, 'unreviewed');
  await page.keyboard.press('r');
  await expect(page.getByTestId('region-missing')).toContainText('Marker 2 has no region');
  await page.getByRole('button', { name: 'Use yellow bowl’s region' }).click();
  await expect(page.getByTestId('review-problem')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/review-regions-1366.png' });

  await page.getByTestId('review-save').click();
  await review.expectVersion(2, 'corrected');
  await expect(review.historyVersions().first()).toContainText('changed answer, regions');
  const v2 = exportedItem(data.rearr2);
  expect(v2.answer).toHaveLength(2);
  expect(v2.regions).toHaveLength(2);
  expect(v2.regions[0]).toHaveLength(5);
  expect(v2.regions[0][0][0]).toBeCloseTo(240, -0.5);
  expect(v2.regions[0][0][1]).toBeCloseTo(150, -0.5);
  expect(v2.regions[1]).toEqual(REGIONS.bowl);

  // A third marker on nothing known: its region is drawn point by point, closed on the first point.
  await page.keyboard.press('r');
  await expect(canvas.surface).toHaveAttribute('data-image-ready', 'true');
  await canvas.click([80, 80]);
  await page.keyboard.press('r');
  await page.getByTestId('region-draw').click();
  for (const p of [[60, 60], [110, 60], [110, 110], [60, 110], [60, 60]] as [number, number][]) await review.regionClick(p);
  await expect(page.getByTestId('region-missing')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await review.expectVersion(3, 'corrected');
  const v3 = exportedItem(data.rearr2);
  expect(v3.regions).toHaveLength(3);
  expect(v3.regions[2]).toHaveLength(4);
  for (const [x, y] of v3.regions[2]) {
    expect(x).toBeGreaterThan(55);
    expect(y).toBeLessThan(115);
  }
});

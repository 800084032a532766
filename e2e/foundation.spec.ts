import { expect, test } from '@playwright/test';
import { createAccount } from './fixtures/cli';
import { signIn } from './fixtures/pages';

test('a new install opens on work: the demo dataset is imported on first start', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'BOP-Ask Studio' })).toBeVisible();
  const total = Number(await page.getByTestId('question-total').textContent());
  expect(total).toBeGreaterThan(500);
  // A contributor (no staff sign-in) sees only their page: no Curate, Results or Admin links anywhere.
  await expect(page.getByRole('link', { name: 'Open annotate' })).toBeVisible();
  for (const name of [/curate/i, /results/i, /admin/i]) await expect(page.getByRole('link', { name })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/home-1366.png', fullPage: true });
  await page.goto('/annotate?pid=foundation-nav');
  await expect(page.getByTestId('annotate-page')).toBeVisible();
  await expect(page.getByTestId('staff-nav')).toHaveCount(0);
  for (const name of [/^curate$/i, /^results$/i, /^admin$/i]) await expect(page.getByRole('link', { name })).toHaveCount(0);
  // The production build has no developer pages.
  await page.goto('/dev/canvas');
  await expect(page.getByTestId('annotation-canvas')).toHaveCount(0);
  await expect(page.getByText(/not found/i).first()).toBeVisible();
});

test('after a staff sign-in the staff pages are linked', async ({ page }) => {
  const admin = createAccount('admin');
  await page.goto('/admin');
  await signIn(page, admin.username, admin.password);
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await page.goto('/');
  for (const role of ['Annotate', 'Curate', 'Results', 'Admin']) {
    await expect(page.getByRole('link', { name: `Open ${role.toLowerCase()}` })).toBeVisible();
  }
  await expect(page.getByTestId('staff-nav').getByRole('link', { name: 'Curate' })).toBeVisible();
});

test('results show the demo model scored by the shared metrics, with a LaTeX export, to curators only', async ({ page, request }) => {
  expect((await request.get('/trpc/results.table')).status()).toBe(401);
  const curator = createAccount('curator');
  await page.goto('/results');
  await signIn(page, curator.username, curator.password);
  const table = page.getByTestId('results-table');
  await expect(table.getByRole('row', { name: /Demo noisy oracle/ })).toBeVisible();
  await expect(page.getByTestId('results-export')).toContainText('\\toprule');
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.screenshot({ path: 'test-results/screens/results-2560.png', fullPage: true });
});

test('admin: a wrong password is refused; an admin changes the batch size', async ({ page }) => {
  const admin = createAccount('admin');
  await page.goto('/admin');
  await signIn(page, admin.username, 'not the password');
  await expect(page.getByRole('alert')).toHaveText('wrong username or password');
  await signIn(page, admin.username, admin.password);
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await page.getByLabel('Questions per batch (10–25)').fill('40');
  await page.getByRole('button', { name: 'Save' }).click();
  // The browser refuses the out-of-range value; the server refuses it too, with the field named.
  expect(await page.getByLabel('Questions per batch (10–25)').evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false);
  const refused = await page.request.post('/trpc/admin.updateSettings', { data: { batchSize: 40 } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('batchSize: Too big');
  await page.getByLabel('Questions per batch (10–25)').fill('12');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Questions per batch (10–25)')).toHaveValue('12');
  await page.getByLabel('Questions per batch (10–25)').fill('15');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
});

test('curate lists questions with their images to a curator only', async ({ page, request }) => {
  const denied = await request.get('/trpc/items.list?input=' + encodeURIComponent('{}'));
  expect(denied.status()).toBe(401);
  const curator = createAccount('curator');
  await page.goto('/curate');
  await signIn(page, curator.username, curator.password);
  const list = page.getByTestId('review-list');
  await expect(list.locator('tbody tr')).toHaveCount(50);
  const src = await list.locator('img').first().getAttribute('src');
  const image = await request.get(src!);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toContain('image/png');
  expect(src).toMatch(/^\/img\/[0-9a-f]{24}$/); // a key, not the dataset's image path
  await page.getByLabel('Task').selectOption('grasp');
  await expect(list.locator('tbody tr').first()).toContainText('grasp');
  await page.screenshot({ path: 'test-results/screens/curate-1366.png' });
});

test('the API refuses malformed input with a clear message', async ({ request }) => {
  const res = await request.post('/trpc/annotate.submit', { data: { token: 'short', assignmentId: 'x' } });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('token');
  const unknown = await request.get('/trpc/nope');
  expect(unknown.status()).toBe(404);
});

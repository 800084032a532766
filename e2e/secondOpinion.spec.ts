/**
 * "Redundancy where it matters" from the admin page: the admin turns the setting on, it survives a
 * reload, and the results page's notes then say how the questions answered twice were chosen; off
 * again, they say "at random" (the rest of the suite shares this server, so it ends off).
 */
import { expect, test, type Page } from '@playwright/test';
import { createAccount } from './fixtures/cli';
import { signIn } from './fixtures/pages';

const SHOTS = 'test-results/screens';
const SETTING = /Second answers first where the first answer disagrees with the label/;

async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.screenshot({ path: `${SHOTS}/${name}-2560.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('admin: second answers where the first disagrees, and the results notes say so', async ({ page }) => {
  const admin = createAccount('admin');
  await page.goto('/admin');
  await signIn(page, admin.username, admin.password);
  const setting = page.getByRole('checkbox', { name: SETTING });
  await expect(setting).not.toBeChecked();
  try {
    await setting.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: SETTING })).toBeChecked();
    await shots(page, 'admin-second-opinion');

    await page.goto('/results');
    await expect(page.getByTestId('statistics-age')).toContainText(/computed/, { timeout: 30_000 });
    const notes = page.getByTestId('results-notes');
    await expect(notes).toContainText('went first to those whose first answer agreed least with the label');
    await expect(notes).toContainText('then at random; unlike the paper, this can lower the Human row.');
    await expect(notes).not.toContainText('were chosen at random');
    await notes.scrollIntoViewIfNeeded();
    await shots(page, 'results-second-opinion');
  } finally {
    await page.goto('/admin');
    await page.getByRole('checkbox', { name: SETTING }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
  }
  await page.goto('/results');
  await expect(page.getByTestId('results-notes')).toContainText('were chosen at random (a stable share by question id), as in the paper.');
});

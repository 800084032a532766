/** An admin imports from the page: a dataset with a bad line 500 is refused with the line named, nothing imported. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createAccount } from './fixtures/cli';
import { readDb } from './fixtures/db';
import { signIn } from './fixtures/pages';

test('an admin uploads a dataset with a bad line 500 and sees it named; nothing is imported', async ({ page }) => {
  // Lines naming an image already in the store (the demo's), so no images need uploading.
  const image = readDb((db) => (db.prepare(`select image from questions where pool = 'benchmark' limit 1`).get() as { image: string }).image);
  const prefix = `up${process.pid}x${Date.now() % 1e7}-`;
  const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ id: `${prefix}${i}`, task: 'spatial', image, question: `Upload question ${i}?`, answer: i % 2 ? 'Yes' : 'No' }));
  lines[499] = JSON.stringify({ id: `${prefix}499`, task: 'spatial', image, question: 'Broken?', answer: 'perhaps' });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-upload-e2e-')), 'dataset.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const count = () => readDb((db) => (db.prepare('select count(*) n from questions').get() as { n: number }).n);
  const before = count();

  const admin = createAccount('admin');
  await page.goto('/admin');
  await signIn(page, admin.username, admin.password);
  await page.getByLabel('File (.jsonl)').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('nothing was imported');
  await expect(error).toContainText('dataset.jsonl:500: field answer');
  expect(count()).toBe(before);
  await page.screenshot({ path: 'test-results/screens/admin-import-error-1366.png' });

  // Fixed, the same file imports every line.
  lines[499] = JSON.stringify({ id: `${prefix}499`, task: 'spatial', image, question: 'Fixed?', answer: 'Yes' });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await page.getByLabel('File (.jsonl)').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 600 new question(s)');
  expect(count()).toBe(before + 600);
});

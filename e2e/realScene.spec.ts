/**
 * The real YCB-V scene (testdata/normative/real-bop/ycbv, a copy of ../shared/real-bop) goes through the
 * researcher's path: `bopask generate` → `bopask import` into the running app → a curator opens a pose
 * question and sees the box drawn over the photo.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { projectBox } from '../shared/geometry/box3d';
import { normativePath } from '../testdata/normative';
import { bopask, createAccount } from './fixtures/cli';
import { signIn } from './fixtures/pages';

test('the real YCB-V scene converts, imports and draws over its photo', async ({ page }) => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-ycbv-')), 'out');
  bopask(['generate', '--bop', normativePath('real-bop/ycbv'), '--out', out]);
  const items = fs.readFileSync(path.join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const pose = items.find((i) => i.task === 'pose');
  expect(pose).toBeDefined();
  expect(bopask(['import', '--dataset', path.join(out, 'dataset.jsonl')])).toMatch(/imported \d+ new question/);

  const curator = createAccount('curator');
  await page.goto('/curate');
  await signIn(page, curator.username, curator.password);
  await page.getByLabel('Search id or text').fill(pose.id);
  const list = page.getByTestId('review-list');
  // The search matches ids containing the text: the demo's own copy of these frames ('demo-' ids) too.
  const review = list.getByRole('button', { name: `Review ${pose.id}`, exact: true });
  await expect(review).toHaveCount(1);
  await review.click();
  const canvas = page.getByTestId('annotation-canvas');
  await expect(canvas).toHaveAttribute('data-image-ready', 'true');
  await expect(page.getByTestId('review-item')).toContainText((pose.question_human ?? pose.question).slice(0, 40));
  // The stored answer is the projection of the model box under the real pose.
  const corners = projectBox(pose.camera.K, pose.box3d);
  const answer = (pose.answer as string).match(/-?\d+(\.\d+)?/g)!.map(Number);
  corners.flat().forEach((v, i) => expect(Math.abs(v - answer[i])).toBeLessThan(0.5));
  await page.screenshot({ path: 'test-results/screens/curate-ycbv-pose.png' });
});

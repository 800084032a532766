import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectBox } from '../../../shared/geometry/box3d';
import { openDb } from '../../db/client';
import { importDataset } from '../importDataset';
import { POSE_BOX, POSE_ID, POSE_K, reviewDb } from '../../testing/reviewFixture';
import { exportLines, historyLines } from './exportDataset';
import { acceptLabel, correctLabel, rejectLabel } from './review';
import { reviewItem } from './view';

const user = { id: 1, username: 'cora', role: 'curator' as const };

async function reviewed() {
  const fixture = await reviewDb(1);
  const { db } = fixture;
  const moved = projectBox(POSE_K, { ...POSE_BOX, center: [25, 20, 800] });
  correctLabel(db, user, { id: POSE_ID, version: 1, label: { answer: { task: 'pose', points: moved } }, reason: 'moved' });
  acceptLabel(db, user, { id: 'spatial-0', version: 1 });
  rejectLabel(db, user, { id: 'depth-0', version: 1, reason: 'ambiguous' });
  return fixture;
}

describe('export with review state', () => {
  it('writes meta.review on reviewed items only, and unreviewed items exactly as imported', async () => {
    const { db, datasetPath } = await reviewed();
    const original = fs.readFileSync(datasetPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const out = [...exportLines(db, { pool: 'benchmark' })].map((l) => JSON.parse(l));
    expect(out.map((i) => i.id)).toEqual(original.map((i) => i.id));
    for (const [i, item] of out.entries()) {
      if ([POSE_ID, 'spatial-0', 'depth-0'].includes(item.id)) continue;
      expect(item).toEqual(original[i]);
    }
    const pose = out.find((i) => i.id === POSE_ID);
    expect(pose.meta).toEqual({ dataset: 'synth', scene: 7, review: { status: 'corrected', version: 2, reason: 'moved' } });
    expect(pose.box3d.center[0]).toBeCloseTo(25, 0);
    expect(out.find((i) => i.id === 'depth-0').meta).toEqual({ review: { status: 'rejected', version: 2, reason: 'ambiguous' } });
    expect([...exportLines(db, { pool: 'benchmark', reviewedOnly: true })].map((l) => JSON.parse(l).id)).toEqual(['spatial-0', POSE_ID]);
    const history = [...historyLines(db, { pool: 'benchmark' })].map((l) => JSON.parse(l));
    expect(history.map((h) => [h.id, h.version, h.action, h.by])).toEqual([
      [POSE_ID, 1, 'import', null],
      [POSE_ID, 2, 'correct', 'cora'],
      ['spatial-0', 1, 'import', null],
      ['spatial-0', 2, 'accept', 'cora'],
      ['depth-0', 1, 'import', null],
      ['depth-0', 2, 'reject', 'cora'],
    ]);
    expect(history[0].item).toEqual(original.find((i) => i.id === POSE_ID));
  });

  it('re-importing the export changes nothing; a new database gets the review states back', async () => {
    const { db, dir, datasetPath } = await reviewed();
    const file = path.join(path.dirname(datasetPath), 'export.jsonl');
    const text = [...exportLines(db, { pool: 'benchmark' })].join('\n') + '\n';
    fs.writeFileSync(file, text);
    const again = await importDataset(db, { datasetPath: file, imagesDir: path.join(dir, 'images') });
    expect(again).toMatchObject({ inserted: 0, unchanged: again.total });

    const fresh = openDb(':memory:');
    await importDataset(fresh, { datasetPath: file, imagesDir: path.join(dir, 'images2') });
    expect(reviewItem(fresh, POSE_ID)).toMatchObject({ status: 'corrected', version: 2, reason: 'moved' });
    expect(reviewItem(fresh, 'depth-0')).toMatchObject({ status: 'rejected', version: 2 });
    expect([...exportLines(fresh, { pool: 'benchmark' })].join('\n') + '\n').toBe(text);

    // A file whose review state disagrees with the database's is refused, naming the line.
    fs.writeFileSync(file, text.replace('"status":"accepted","version":2', '"status":"accepted","version":5'));
    await expect(importDataset(db, { datasetPath: file, imagesDir: path.join(dir, 'images') })).rejects.toThrow(
      /export.jsonl:\d+: field meta.review: 'spatial-0' is at version 2 \(accepted\) here, the file says version 5/,
    );
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { importPredictions } from '../importPredictions';
import { reviewDb } from '../../testing/reviewFixture';
import { queueCounts, queueWalk, reviewQueue, type QueueFilter } from './queue';
import { acceptLabel, rejectLabel } from './review';

async function withCrowd(): Promise<Db> {
  const { db, dir } = await reviewDb(3);
  const file = path.join(dir, 'human.jsonl');
  const lines = [
    // spatial-0's label is Yes: two of three people say No.
    { id: 'spatial-0', source: 'Human', annotator: 'a', output: 'No' },
    { id: 'spatial-0', source: 'Human', annotator: 'b', output: 'No' },
    { id: 'spatial-0', source: 'Human', annotator: 'c', output: 'Yes' },
    // depth-1's label is No: everybody says Yes.
    { id: 'depth-1', source: 'Human', annotator: 'a', output: 'Yes' },
    // spatial-1 (No): agreed.
    { id: 'spatial-1', source: 'Human', annotator: 'a', output: 'No' },
    // A model's answer is not crowd evidence.
    { id: 'depth-0', source: 'Model', output: 'No' },
  ];
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await importPredictions(db, file);
  return db;
}

const all: QueueFilter = { pool: 'benchmark' };

describe('review queue', () => {
  it('puts the labels the crowd disagrees with first, then the agreed, then those without evidence', async () => {
    const db = await withCrowd();
    const { items } = reviewQueue(db, all, null, 5);
    expect(items.map((i) => [i.id, Number(i.priority.toFixed(3))])).toEqual([
      ['depth-1', 0],
      ['spatial-0', 0.333],
      ['spatial-1', 1],
      ['depth-0', 2],
      ['depth-2', 2],
    ]);
    expect(reviewQueue(db, { ...all, disagrees: true }, null, 50).items.map((i) => i.id)).toEqual(['depth-1', 'spatial-0']);
    expect(queueCounts(db, 'benchmark')).toMatchObject({ total: 19, disagrees: 2, datasets: [{ dataset: 'synth', n: 1 }] });
  });

  it('pages by keyset without gaps or repeats, under every filter', async () => {
    const db = await withCrowd();
    const seen: string[] = [];
    let after = null;
    do {
      const page = reviewQueue(db, all, after, 4);
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(19);
    expect(new Set(seen).size).toBe(19);
    expect(reviewQueue(db, { ...all, task: 'pose' }, null, 50).items.map((i) => i.id)).toEqual(['pose-0', 'pose-1', 'pose-2', 'pose-3d']);
    expect(reviewQueue(db, { ...all, dataset: 'synth', scene: '7' }, null, 50).items.map((i) => i.id)).toEqual(['pose-3d']);
    expect(reviewQueue(db, { ...all, search: 'NUMBER 2' }, null, 50).items.map((i) => i.id).sort()).toEqual(
      ['depth-2', 'grasp-2', 'pose-2', 'rearrangement-2', 'spatial-2', 'trajectory-2'],
    );
  });

  it('filters and counts by review status', async () => {
    const db = await withCrowd();
    const user = { id: 1, username: 'cora', role: 'curator' as const };
    acceptLabel(db, user, { id: 'grasp-0', version: 1 });
    rejectLabel(db, user, { id: 'grasp-1', version: 1, reason: 'gripper cannot reach' });
    expect(reviewQueue(db, { ...all, status: 'rejected' }, null, 50).items.map((i) => i.id)).toEqual(['grasp-1']);
    expect(reviewQueue(db, { ...all, task: 'grasp', status: 'unreviewed' }, null, 50).items.map((i) => i.id)).toEqual(['grasp-2']);
    const counts = queueCounts(db, 'benchmark');
    expect(counts.byStatus).toEqual({ unreviewed: 17, accepted: 1, corrected: 0, rejected: 1 });
    expect(counts.byTask.grasp).toEqual({ unreviewed: 1, accepted: 1, corrected: 0, rejected: 1 });
  });

  it('walks an index in order for every filter: no table scan, no sort', async () => {
    const { db } = await reviewDb(1);
    const filters: QueueFilter[] = [
      all,
      { ...all, task: 'pose' },
      { ...all, status: 'unreviewed' },
      { ...all, task: 'pose', status: 'accepted' },
      { ...all, dataset: 'hope' },
      { ...all, dataset: 'hope', scene: '3' },
      { ...all, disagrees: true },
      { ...all, task: 'depth', disagrees: true },
    ];
    for (const f of filters) {
      for (const after of [null, { priority: 0.5, id: 'x' }]) {
        const q = queueWalk(db, f, after, 50).toSQL();
        const plan = (db.$client.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail).join('; ');
        expect(plan, JSON.stringify(f)).toMatch(/USING (COVERING )?INDEX questions_queue/);
        expect(plan, JSON.stringify(f)).not.toMatch(/TEMP B-TREE/);
        // The cursor is a seek into the index (a range constraint), not a filter from its start.
        if (after) expect(plan, JSON.stringify(f)).toMatch(/\(review_priority,id\)>\(\?,\?\)/);
      }
    }
  });
});

describe('bulk accept by crowd agreement', () => {
  it('accepts only unreviewed questions whose crowd answers all agree, each with its own version', async () => {
    const db = await withCrowd();
    const { previewBulkAccept, runBulkAccept } = await import('./bulkAccept');
    const { labelHistory } = await import('./view');
    const rule = { minAnswers: 1, minAgreement: 0.9 };
    // spatial-1: one agreeing answer. spatial-0 (2 of 3 disagree) and depth-1 (all disagree) stay.
    expect(previewBulkAccept(db, rule)).toEqual({ count: 1, rule: expect.stringContaining('at least 1 crowd answer(s), every one agreeing with the label at least 90%') });
    expect(previewBulkAccept(db, { ...rule, minAnswers: 2 }).count).toBe(0);
    const user = { id: 1, username: 'cora', role: 'curator' as const };
    expect(runBulkAccept(db, user, rule).accepted).toBe(1);
    expect(labelHistory(db, 'spatial-1').versions.map((v) => [v.version, v.action, v.status])).toEqual([
      [1, 'import', 'unreviewed'],
      [2, 'bulk-accept', 'accepted'],
    ]);
    expect(previewBulkAccept(db, rule).count).toBe(0);
  });
});

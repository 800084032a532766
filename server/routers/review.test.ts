import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectBox } from '../../shared/geometry/box3d';
import type { Vec2 } from '../../shared/geometry/types';
import { questions, responses } from '../db/schema';
import { importPredictions } from '../services/importPredictions';
import { decodeScores, scoreStored } from '../services/scoring';
import { callerWith, POSE_BOX, POSE_ID, POSE_K, reviewDb, signedIn } from '../testing/reviewFixture';
import { appRouter } from './_app';

const shifted = (dx: number): Vec2[] => projectBox(POSE_K, { ...POSE_BOX, center: [POSE_BOX.center[0] + dx, POSE_BOX.center[1], POSE_BOX.center[2]] });

describe('review router', () => {
  it('corrects a pose label: new version, box3d lifted, history, responses rescored, restore', async () => {
    const { db, dir } = await reviewDb();
    const predictions = path.join(dir, 'p.jsonl');
    // A model answer that matches the box moved 30 mm right: poor against the imported label.
    fs.writeFileSync(predictions, JSON.stringify({ id: POSE_ID, source: 'M', output: shifted(30) }) + '\n');
    await importPredictions(db, predictions);
    const scoreOf = () => decodeScores(db.select().from(responses).where(eq(responses.questionId, POSE_ID)).get()!.scores!);
    const before = scoreOf().iou3d!;
    expect(before).toBeLessThan(0.9);

    const cora = await signedIn(db, 'cora');
    const item = await cora.review.item({ id: POSE_ID });
    expect(item).toMatchObject({ version: 1, status: 'unreviewed', task: 'pose' });
    const res = await cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points: shifted(30) } }, reason: 'box sits further right' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.rescored).toBe(1);
    expect(res.item).toMatchObject({ version: 2, status: 'corrected', reason: 'box sits further right' });
    // box3d follows the corners: the lifted box is the moved one.
    expect(res.item.box3d!.center[0]).toBeCloseTo(30, 0);
    expect(res.item.box3d!.size).toEqual(POSE_BOX.size);
    // The stored response now agrees with the label, exactly as a fresh score would say.
    const after = scoreOf();
    expect(after.iou3d).toBeGreaterThan(0.99);
    const q = db.select().from(questions).where(eq(questions.id, POSE_ID)).get()!;
    expect(after).toEqual(scoreStored(q, shifted(30)));

    const history = await cora.review.history({ id: POSE_ID });
    expect(history.versions.map((v) => [v.version, v.action, v.status, v.by])).toEqual([
      [1, 'import', 'unreviewed', null],
      [2, 'correct', 'corrected', 'cora'],
    ]);
    expect(history.versions[1].changed).toEqual(['answer', 'box3d']);

    const restored = await cora.review.restore({ id: POSE_ID, version: 2, toVersion: 1 });
    expect(restored.ok && restored.item).toMatchObject({ version: 3, status: 'unreviewed', reason: 'restored version 1' });
    expect(restored.item.box3d).toEqual(POSE_BOX);
    expect(scoreOf().iou3d).toBeCloseTo(before, 10);
  });

  it('refuses a save based on an older version and returns the newer label', async () => {
    const { db } = await reviewDb();
    const cora = await signedIn(db, 'cora');
    const carl = await signedIn(db, 'carl');
    expect((await cora.review.accept({ id: 'spatial-0', version: 1 })).ok).toBe(true);
    const late = await carl.review.correct({ id: 'spatial-0', version: 1, label: { answer: { task: 'spatial', value: false } } });
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.conflict).toMatch(/spatial-0 was changed by cora at .* UTC \(now version 2\) after you opened version 1: your change was not saved/);
    expect(late.item).toMatchObject({ version: 2, status: 'accepted', label: { task: 'spatial', value: true } });
    expect((await carl.review.history({ id: 'spatial-0' })).versions).toHaveLength(2);
  });

  it('rejected questions leave the table, which says how many it left out', async () => {
    const { db, dir } = await reviewDb();
    const predictions = path.join(dir, 'p.jsonl');
    fs.writeFileSync(predictions, ['spatial-0', 'spatial-1'].map((id) => JSON.stringify({ id, source: 'M', output: 'Yes' })).join('\n') + '\n');
    await importPredictions(db, predictions);
    const cora = await signedIn(db, 'cora');
    const spatial = (rows: { source: string; counts: Record<string, { questions: number }> }[]) => rows.find((r) => r.source === 'M')!.counts.spatial.questions;
    expect(spatial((await cora.results.table()).rows)).toBe(2);
    await expect(cora.review.reject({ id: 'spatial-1', version: 1, reason: ' ' })).rejects.toThrow(/needs a reason/);
    await cora.review.reject({ id: 'spatial-1', version: 1, reason: 'two identical mugs: ambiguous' });
    const table = await cora.results.table();
    expect(table.rejected).toBe(1);
    expect(spatial(table.rows)).toBe(1);
  });

  it('refuses a correction that would not import, and changes nothing', async () => {
    const { db } = await reviewDb();
    const cora = await signedIn(db, 'cora');
    await expect(
      cora.review.correct({ id: 'rearrangement-0', version: 1, label: { answer: { task: 'rearrangement', points: [[1, 1], [5, 5]] } } }),
    ).rejects.toThrow(/label for item rearrangement-0: 2 markers but 1 region: markers and regions are one-to-one/);
    await expect(cora.review.correct({ id: 'spatial-0', version: 1, label: { answer: { task: 'depth', value: true } } })).rejects.toThrow(/expected a spatial answer, got depth/);
    expect((await cora.review.item({ id: 'rearrangement-0' })).version).toBe(1);
    await expect(cora.review.item({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('every curator procedure refuses an anonymous caller and a contributor', async () => {
    const { db } = await reviewDb();
    const anon = callerWith(db).api;
    const { token } = await anon.annotate.start({});
    const contributor = callerWith(db, `bopask_token=${token}`).api;
    const curatorOnly = Object.entries(appRouter._def.procedures).filter(([name]) => /^(review|items\.list|results|admin)\b/.test(name));
    expect(curatorOnly.map(([n]) => n)).toEqual(expect.arrayContaining(['review.correct', 'review.accept', 'review.reject', 'review.restore', 'review.history', 'review.item']));
    for (const api of [anon, contributor]) {
      for (const [name] of curatorOnly) {
        const call = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], api) as (input: unknown) => Promise<unknown>;
        await expect(call({ id: POSE_ID, version: 1, reason: 'x', label: { answer: { task: 'pose', points: [] } } }), name).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
    }
  });
});

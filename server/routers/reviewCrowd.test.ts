/**
 * The crowd beside the label, adopt-as-label and region edits, through the router: scores against the
 * current label, paging on the question index, a new version per change, and bad input refused with
 * nothing changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectBox } from '../../shared/geometry/box3d';
import { pointInPolygon } from '../../shared/geometry/polygon';
import type { Vec2 } from '../../shared/geometry/types';
import type { Db } from '../db/client';
import { questions, responses } from '../db/schema';
import { importPredictions } from '../services/importPredictions';
import { decodeScores, scoreStored } from '../services/scoring';
import { callerWith, POSE_BOX, POSE_ID, POSE_K, reviewDb, signedIn } from '../testing/reviewFixture';

const shifted = (dx: number): Vec2[] => projectBox(POSE_K, { ...POSE_BOX, center: [POSE_BOX.center[0] + dx, POSE_BOX.center[1], POSE_BOX.center[2]] });

async function withPredictions(db: Db, dir: string, lines: object[]) {
  const file = path.join(dir, `p${Math.random()}.jsonl`);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await importPredictions(db, file);
}
const row = (db: Db, id: string) => db.select().from(questions).where(eq(questions.id, id)).get()!;

describe('review.crowd', () => {
  it('returns every answer scored against the current label, a page at a time, on the question index', async () => {
    const { db, dir } = await reviewDb();
    await withPredictions(db, dir, [
      { id: POSE_ID, source: 'M1', output: shifted(30) },
      { id: POSE_ID, source: 'M2', output: shifted(0) },
      { id: POSE_ID, source: 'Human', annotator: 'p-1', output: shifted(5) },
      { id: POSE_ID, source: 'M3', output: 'no idea' },
      { id: 'pose-0', source: 'M1', output: shifted(0) },
    ]);
    const cora = await signedIn(db, 'cora');
    const first = await cora.review.crowd({ id: POSE_ID, limit: 2 });
    expect(first.total).toBe(4);
    expect(first.answers.map((a) => [a.index, a.source])).toEqual([[0, 'M1'], [1, 'M2']]);
    const second = await cora.review.crowd({ id: POSE_ID, cursor: first.next, limit: 2 });
    expect(second.answers.map((a) => [a.index, a.source, a.annotator])).toEqual([[2, 'Human', 'p-1'], [3, 'M3', null]]);
    expect(second.next).toBeNull();
    expect(second.answers[1].answer).toBeNull();
    expect(second.answers[1].scores.valid).toBe(false);
    const q = row(db, POSE_ID);
    for (const a of [...first.answers, ...second.answers]) expect(a.isStoredStale).toBe(false);
    expect(first.answers[1].scores).toEqual(scoreStored(q, shifted(0)));
    expect(first.answers[1].agreement).toBeGreaterThan(0.99);

    // A stored score that no longer matches the label is flagged, and the shown one is fresh.
    db.update(responses).set({ scores: { valid: true, iou3d: 0.01, iou2d: 0.01 } }).where(eq(responses.source, 'M2')).run();
    const again = await cora.review.crowd({ id: POSE_ID, limit: 2 });
    expect(again.answers[1]).toMatchObject({ isStoredStale: true, scores: scoreStored(q, shifted(0)) });

    // At any size a page reads one question's rows: the plan walks responses_question_idx.
    const plan = db.$client
      .prepare(`explain query plan select r.rowid from responses r indexed by responses_question_idx where r.question_id = ? and r.rowid > ? and r.kind = 'answer' order by r.rowid limit 51`)
      .all(POSE_ID, 0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/SEARCH r USING INDEX responses_question_idx \(question_id=\? AND rowid>\?\)/);
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });

  it('is closed to anonymous callers (contributors have no session)', async () => {
    const { db } = await reviewDb();
    const anon = callerWith(db).api;
    await expect(anon.review.crowd({ id: POSE_ID })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.review.adopt({ id: POSE_ID, version: 1, responseId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.review.objectRegions({ id: POSE_ID })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('review.adopt', () => {
  it('makes one answer the new label: a version naming its source, box3d lifted, responses rescored', async () => {
    const { db, dir } = await reviewDb();
    await withPredictions(db, dir, [{ id: POSE_ID, source: 'M1', output: shifted(30) }, { id: POSE_ID, source: 'M2', output: shifted(0) }]);
    const cora = await signedIn(db, 'cora');
    const { answers } = await cora.review.crowd({ id: POSE_ID });
    const m1 = answers.find((a) => a.source === 'M1')!;
    expect(m1.agreement).toBeLessThan(0.9);
    const res = await cora.review.adopt({ id: POSE_ID, version: 1, responseId: m1.responseId });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.rescored).toBe(2);
    expect(res.item).toMatchObject({ version: 2, status: 'corrected', reason: 'adopted from M1' });
    expect(res.item.box3d!.center[0]).toBeCloseTo(30, 0);
    const after = await cora.review.crowd({ id: POSE_ID });
    expect(after.answers.find((a) => a.source === 'M1')!.agreement).toBeGreaterThan(0.99);
    expect(after.answers.every((a) => !a.isStoredStale)).toBe(true);
    const stored = db.select().from(responses).where(eq(responses.source, 'M1')).get()!;
    expect(decodeScores(stored.scores!).iou3d).toBeGreaterThan(0.99);
    const history = await cora.review.history({ id: POSE_ID });
    expect(history.versions.map((v) => [v.version, v.action, v.by, v.reason])).toEqual([
      [1, 'import', null, null],
      [2, 'correct', 'cora', 'adopted from M1'],
    ]);

    // A stale version is refused and changes nothing.
    const m2 = after.answers.find((a) => a.source === 'M2')!;
    const stale = await cora.review.adopt({ id: POSE_ID, version: 1, responseId: m2.responseId });
    expect(stale.ok).toBe(false);
    expect(row(db, POSE_ID).version).toBe(2);
  });

  it('refuses an answer of another question or an unreadable one, changing nothing', async () => {
    const { db, dir } = await reviewDb();
    await withPredictions(db, dir, [{ id: 'pose-0', source: 'M1', output: shifted(0) }, { id: POSE_ID, source: 'M3', output: 'no idea' }]);
    const cora = await signedIn(db, 'cora');
    const other = (await cora.review.crowd({ id: 'pose-0' })).answers[0];
    await expect(cora.review.adopt({ id: POSE_ID, version: 1, responseId: other.responseId })).rejects.toThrow(`response ${other.responseId} is not an answer to ${POSE_ID}`);
    const bad = (await cora.review.crowd({ id: POSE_ID })).answers[0];
    await expect(cora.review.adopt({ id: POSE_ID, version: 1, responseId: bad.responseId })).rejects.toThrow("M3's answer to pose-3d cannot be read as a pose answer");
    expect(row(db, POSE_ID)).toMatchObject({ version: 1, reviewStatus: 'unreviewed' });
  });

  it('gives each adopted rearrangement marker the object region it lies on, or refuses', async () => {
    const { db, dir } = await reviewDb();
    // (500, 400) lies on trajectory-0's target object and (50, 50) on its source; (600, 20) on nothing.
    await withPredictions(db, dir, [
      { id: 'rearrangement-0', source: 'M1', output: [[500, 400], [50, 50]] },
      { id: 'rearrangement-0', source: 'M2', output: [[500, 400], [600, 20]] },
    ]);
    const cora = await signedIn(db, 'cora');
    const { answers } = await cora.review.crowd({ id: 'rearrangement-0' });
    await expect(cora.review.adopt({ id: 'rearrangement-0', version: 1, responseId: answers[1].responseId })).rejects.toThrow(
      "M2's marker 2 at (600, 20) lies on no known object region",
    );
    expect(row(db, 'rearrangement-0').version).toBe(1);
    const res = await cora.review.adopt({ id: 'rearrangement-0', version: 1, responseId: answers[0].responseId });
    expect(res.ok).toBe(true);
    const regions = res.item.regions!;
    expect(regions).toHaveLength(2);
    expect(pointInPolygon([500, 400], regions[0])).toBe(true);
    expect(pointInPolygon([50, 50], regions[1])).toBe(true);
  });
});

describe('region edits', () => {
  it('saves edited regions as a new version and refuses bad polygons with nothing changed', async () => {
    const { db } = await reviewDb();
    const cora = await signedIn(db, 'cora');
    const answer = { task: 'rearrangement' as const, points: [[100, 100]] as Vec2[] };
    const square = (x: number, y: number, s = 40): Vec2[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
    const refuse = (label: object, message: string) =>
      expect(cora.review.correct({ id: 'rearrangement-0', version: 1, label: { answer, ...label } as never })).rejects.toThrow(message);
    await refuse({ regions: [[[0, 0], [10, 0]]] }, 'a region needs at least 3 vertices');
    await refuse({ regions: [square(620, 100)] }, 'region 1, vertex 2 (660, 100) lies outside the 640×480 image');
    await refuse({ regions: [[[0, 0], [10, 10], [20, 20]]] }, 'region 1 has no area');
    await refuse({ regions: [square(80, 80), square(200, 200)] }, '1 marker but 2 regions: markers and regions are one-to-one');
    await refuse({ source_region: square(10, 10) }, 'source_region belongs to trajectory items, not rearrangement');
    expect(row(db, 'rearrangement-0').version).toBe(1);

    const res = await cora.review.correct({ id: 'rearrangement-0', version: 1, label: { answer, regions: [[[70, 70], [130, 75], [125, 130], [75, 125], [60, 100]]] } });
    expect(res.ok && res.item.regions).toEqual([[[70, 70], [130, 75], [125, 130], [75, 125], [60, 100]]]);
    const history = await cora.review.history({ id: 'rearrangement-0' });
    expect(history.versions[1]).toMatchObject({ action: 'correct', changed: ['regions'] });

    // A marker added with its region: still one-to-one.
    const two = await cora.review.correct({
      id: 'rearrangement-0',
      version: 2,
      label: { answer: { task: 'rearrangement', points: [[100, 100], [300, 300]] }, regions: [square(70, 70, 60), square(280, 280)] },
    });
    expect(two.ok && two.item.regions).toHaveLength(2);

    const traj = await cora.review.correct({ id: 'trajectory-0', version: 1, label: { answer: { task: 'trajectory', points: [[50, 50], [300, 100], [500, 400]] }, target_region: square(470, 370, 60) } });
    expect(traj.ok && traj.item.targetRegion).toEqual(square(470, 370, 60));
    await expect(
      cora.review.correct({ id: 'trajectory-0', version: 2, label: { answer: { task: 'trajectory', points: [[50, 50], [500, 400]] }, source_region: [[-5, 0], [10, 0], [10, 10]] } }),
    ).rejects.toThrow('the source region, vertex 1 (-5, 0) lies outside');
  });

  it('lists the object regions known for the image, the item’s own first', async () => {
    const { db } = await reviewDb();
    const cora = await signedIn(db, 'cora');
    const regions = await cora.review.objectRegions({ id: 'rearrangement-0' });
    expect(regions[0].name).toBe('region 1 of rearrangement-0');
    expect(regions.map((r) => r.name)).toContain('source of trajectory-0');
    expect(new Set(regions.map((r) => JSON.stringify(r.points))).size).toBe(regions.length);
  });
});

import { describe, expect, it, beforeEach } from 'vitest';
import { openDb, type Db } from '../db/client';
import { importDataset } from '../services/importDataset';
import { importPredictions } from '../services/importPredictions';
import { refreshStatistics } from '../services/baseline/statistics';
import { bootstrapSettings, getSettings } from '../services/settings';
import { writeBaselineFixture, type BaselineFixture } from '../testing/baselineFixture';
import { anonymousCaller, signedInCaller } from '../testing/callers';

let db: Db;
let fx: BaselineFixture;
beforeEach(async () => {
  db = openDb(':memory:');
  fx = writeBaselineFixture();
  await importDataset(db, { datasetPath: fx.dataset, imagesDir: fx.dir + '/images-store' });
  await importPredictions(db, fx.humans);
  await importPredictions(db, fx.model);
});

describe('results: the constructed table through the database', () => {
  it('averages two contributors (IoU 0.2 and 0.6 → 40.0), shows inf for an unreadable output with the valid-only mean', async () => {
    const api = await signedInCaller(db, 'curator');
    const { rows, notes } = await api.results.table();
    expect(rows.map((r) => r.source)).toEqual(['Human', fx.modelSource]);
    expect(rows[0].pose_iou3d as number).toBeCloseTo(40, 4);
    expect(rows[0].spatial_sr).toBeCloseTo(50, 10);
    expect(rows[1].traj_dist).toBe('inf');
    expect(rows[1].traj_dist_valid).toBeCloseTo(0, 10);
    expect(notes.some((n) => /chosen at random/.test(n))).toBe(true);
  });

  it('an excluded contributor and a rejected question leave the table, which says how many; both are reversible', async () => {
    const api = await signedInCaller(db, 'curator');
    await expect(api.results.exclusions.excludeContributor({ annotator: 'hb-x', reason: '  ' })).rejects.toThrow(/needs a reason/);
    await expect(api.results.exclusions.excludeContributor({ annotator: 'nobody', reason: 'fast' })).rejects.toThrow(/no contributor 'nobody'/);
    await api.results.exclusions.excludeContributor({ annotator: 'hb-x', reason: 'median time 0.8 s' });
    await api.results.exclusions.excludeQuestion({ questionId: fx.ids.spatial[4], reason: 'ambiguous label' });
    const { rows, notes, exclusions } = await api.results.table();
    expect(rows[0].spatial_sr).toBeCloseTo(75, 10);
    expect(rows[0].counts.spatial).toEqual({ questions: 4, responses: 4, invalid: 0 });
    expect(exclusions.contributors).toEqual([{ annotator: 'hb-x', reason: 'median time 0.8 s', responses: 1 }]);
    expect(notes).toContain('Human row excludes 1 contributor(s) and their 1 response(s), by curator decision: 1 × "median time 0.8 s".');
    expect(notes).toContain('Every row excludes 1 question(s) rejected by a curator (1 response(s)); coverage counts the remaining questions.');
    const stats = refreshStatistics(db, bootstrapSettings(getSettings(db)));
    expect(stats.humanTasks.spatial).toMatchObject({ questions: 4, answered: 4, responses: 4, contributors: 3, multiAnnotated: 0 });
    await api.results.exclusions.includeContributor({ annotator: 'hb-x' });
    await api.results.exclusions.includeQuestion({ questionId: fx.ids.spatial[4] });
    expect((await api.results.table()).rows[0].spatial_sr).toBeCloseTo(50, 10);
    await expect(api.results.exclusions.includeQuestion({ questionId: fx.ids.spatial[4] })).rejects.toThrow(/is not excluded/);
  });

  it('computes intervals in the background and shows their age; per-task coverage, contributors and agreement', async () => {
    const api = await signedInCaller(db, 'curator');
    const first = await api.results.statistics();
    expect(first).toMatchObject({ stats: null, isStale: true, isComputing: true });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 10));
    const ready = await api.results.statistics();
    expect(ready.isStale).toBe(false);
    expect(ready.computedAt).toBeLessThanOrEqual(ready.now);
    const s = ready.stats!;
    expect(s.bootstrap).toEqual({ seed: 1, resamples: 1000, level: 0.95 });
    expect(s.figures.Human.pose_iou3d.n).toBe(1);
    expect(s.figures.Human.pose_iou3d.ci!.lo).toBeCloseTo(40, 4);
    expect(s.figures.Human.spatial_sr.n).toBe(5);
    expect(s.figures[fx.modelSource].traj_dist).toMatchObject({ n: 2, ci: null, validN: 1 });
    expect(s.humanTasks.pose).toMatchObject({ questions: 1, answered: 1, coverage: 1, responses: 2, contributors: 2, multiAnnotated: 1, multiShare: 1 });
    // Agreement of a and b: their two lifted boxes are 66.7 − 25 = 41.7 mm apart on a 100 mm side: 58.3/141.7.
    expect(s.humanTasks.pose.agreement.value!).toBeCloseTo((100 * (100 - 125 / 3)) / (100 + 125 / 3), 3);
    expect(s.humanTasks.spatial).toMatchObject({ questions: 5, answered: 5, contributors: 4, multiAnnotated: 1, multiShare: 0.2 });
    expect(s.humanTasks.trajectory).toMatchObject({ questions: 2, answered: 0, coverage: 0, multiShare: null });
    // A new answer makes them stale (the last ones still shown) until recomputed.
    const more = `${fx.dir}/more.jsonl`;
    (await import('node:fs')).writeFileSync(more, JSON.stringify({ id: fx.ids.traj[0], source: 'Human', annotator: 'hb-d', output: [[60, 60], [560, 400]] }) + '\n');
    await importPredictions(db, more);
    const after = await api.results.statistics();
    expect(after).toMatchObject({ isStale: true, computedAt: ready.computedAt });
    expect(after.stats).toEqual(s);
  });

  it('groups models, ordered by declaration, editable; Human takes no group', async () => {
    const api = await signedInCaller(db, 'curator');
    await expect(api.results.setGroup({ sources: ['Human'], group: 'x' })).rejects.toThrow(/reference row/);
    await expect(api.results.setGroup({ sources: [fx.modelSource], group: '   ' })).rejects.toThrow(/blank/);
    await api.results.setGroup({ sources: [fx.modelSource], group: 'Open-source' });
    const { groups } = await api.results.table();
    expect(groups).toEqual({ order: ['Open-source'], bySource: { [fx.modelSource]: 'Open-source' } });
    const latex = (await api.results.export({ format: 'latex' })).text;
    expect(latex).toContain('hb-Broken');
    await api.results.setGroup({ sources: [fx.modelSource], group: null });
    expect((await api.results.table()).groups.order).toEqual([]);
  });

  it('refuses contributors and anonymous callers on every results procedure', async () => {
    const anon = anonymousCaller(db);
    await expect(anon.results.table()).rejects.toThrow(/sign in/);
    await expect(anon.results.statistics()).rejects.toThrow(/sign in/);
    await expect(anon.results.export({ format: 'csv' })).rejects.toThrow(/sign in/);
    await expect(anon.results.setGroup({ sources: ['M'], group: 'g' })).rejects.toThrow(/sign in/);
    await expect(anon.results.exclusions.excludeContributor({ annotator: 'hb-x', reason: 'r' })).rejects.toThrow(/sign in/);
    await expect(anon.results.exclusions.excludeQuestion({ questionId: fx.ids.pose, reason: 'r' })).rejects.toThrow(/sign in/);
  });
});

describe('results.contributors', () => {
  it('gives per-contributor answers, agreement with others and with the label; curators only', async () => {
    const api = await signedInCaller(db, 'curator');
    expect(await api.results.contributors()).toMatchObject({ list: null, isStale: true });
    await new Promise((r) => setTimeout(r, 20));
    const { list: computed, isStale } = await api.results.contributors();
    expect(isStale).toBe(false);
    const list = computed!;
    const a = list.find((c) => c.annotator === 'hb-a')!;
    // a: pose (IoU 0.6, passes) and two right spatial answers; paired with b on the pose (the lifted
    // boxes overlap 0.41 < 0.5) and with x on spatial-1 (Yes against No): no agreeing pairing.
    expect(a).toMatchObject({ answered: 3, skips: 0, labelPassShare: 1, agreementPairs: 2, agreementShare: 0, excluded: null });
    const b = list.find((c) => c.annotator === 'hb-b')!;
    expect(b).toMatchObject({ answered: 2, labelPassShare: 0 });
    await expect(anonymousCaller(db).results.contributors()).rejects.toThrow(/sign in/);
  });
});

describe('items.answers (the question page)', () => {
  it('gives the ground truth and every answer with its scores to curators, nothing to anyone else', async () => {
    const api = await signedInCaller(db, 'curator');
    const d = await api.items.answers({ questionId: fx.ids.pose });
    expect(d.groundTruth.task).toBe('pose');
    expect(d.answers.map((a) => a.annotator)).toEqual(['hb-a', 'hb-b']);
    expect(d.answers[0].scores!.iou3d!).toBeCloseTo(0.6, 4);
    expect(d.answers[1].scores!.iou3d!).toBeCloseTo(0.2, 4);
    const t = await api.items.answers({ questionId: fx.ids.traj[0] });
    expect(t.answers[0]).toMatchObject({ source: fx.modelSource, answer: null, isExcluded: false });
    await expect(api.items.answers({ questionId: 'nope' })).rejects.toThrow(/no question 'nope'/);
    await expect(anonymousCaller(db).items.answers({ questionId: fx.ids.pose })).rejects.toThrow(/sign in/);
  });
});

describe('the table after a new crowd answer', () => {
  it('moves at once: a submitted answer is in the next table read', async () => {
    const api = await signedInCaller(db, 'curator');
    const before = (await api.results.table()).rows[0].counts.spatial;
    const anon = anonymousCaller(db);
    const { token } = await anon.annotate.start({ batchSize: 10 });
    const item = (await anon.annotate.batch({ token })).items.find((i) => i.mode === 'answer' && i.question.task === 'spatial')!;
    await anon.annotate.submit({ token, assignmentId: item.assignmentId, responseId: '7d8a6b0e-2f6a-4a57-9d4e-0e7c3c1d2b11', timeMs: 900, answer: { task: 'spatial', value: true } });
    const after = (await api.results.table()).rows[0].counts.spatial;
    expect(after.responses).toBe(before.responses + 1);
  });
});

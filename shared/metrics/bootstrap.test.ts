import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import type { Task } from '../tasks';
import type { Scores } from '../metrics/scores';
import { bootstrapFigures, streamSeed } from './bootstrap';
import { QuestionScoreCollector } from './questionScores';

/** numpy's default ("linear", type 7) quantile, written out here independently of the library. */
function quantile7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]);
}

/** A plain bootstrap of the mean of `values` (in question-id order) with the documented stream. */
function independentBootstrap(values: number[], seed: number, source: string, task: Task, resamples: number) {
  const rng = xoroshiro128plus(streamSeed(seed, source, task));
  const means: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[uniformInt(rng, 0, values.length - 1)];
    means.push(s / values.length);
  }
  means.sort((a, b) => a - b);
  return { lo: quantile7(means, 0.025), hi: quantile7(means, 0.975) };
}

function collect(rows: { q: string; task: Task; source?: string; scores: Scores }[]) {
  const c = new QuestionScoreCollector();
  for (const r of rows) c.add({ questionId: r.q, task: r.task, source: r.source ?? 'Human', scores: r.scores });
  return c;
}

describe('bootstrapFigures', () => {
  it('matches an independent bootstrap with the same seed, over per-question means', () => {
    // 30 spatial questions; q00–q09 answered by two people (one right, one wrong → 0.5).
    const rows = [];
    for (let i = 0; i < 30; i++) {
      const q = `q${String(i).padStart(2, '0')}`;
      rows.push({ q, task: 'spatial' as const, scores: { valid: true, correct: i % 3 === 0 ? 0 : 1 } });
      if (i < 10) rows.push({ q, task: 'spatial' as const, scores: { valid: true, correct: 1 - (i % 3 === 0 ? 0 : 1) } });
    }
    const perQuestion = Array.from({ length: 30 }, (_, i) => (i < 10 ? 50 : i % 3 === 0 ? 0 : 100));
    const stats = bootstrapFigures(collect(rows).rows(), { seed: 7, resamples: 400, level: 0.95 }).get('Human')!;
    expect(stats.spatial_sr.n).toBe(30);
    const want = independentBootstrap(perQuestion, 7, 'Human', 'spatial', 400);
    expect(stats.spatial_sr.ci!.lo).toBeCloseTo(want.lo, 10);
    expect(stats.spatial_sr.ci!.hi).toBeCloseTo(want.hi, 10);
    expect(stats.spatial_sr.ci!.lo).toBeLessThan(stats.spatial_sr.ci!.hi);
    // Another seed gives another interval; the same seed the same one.
    const again = bootstrapFigures(collect(rows).rows(), { seed: 7, resamples: 400, level: 0.95 }).get('Human')!;
    expect(again.spatial_sr.ci).toEqual(stats.spatial_sr.ci);
    const other = bootstrapFigures(collect(rows).rows(), { seed: 8, resamples: 400, level: 0.95 }).get('Human')!;
    expect(other.spatial_sr.ci).not.toEqual(stats.spatial_sr.ci);
  });

  it('does not depend on the order responses arrive in', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ q: `p${i}`, task: 'pose' as const, scores: { valid: true, iou3d: (i * 7) % 10 / 10, iou2d: i / 20 } }));
    const a = bootstrapFigures(collect(rows).rows(), { seed: 3, resamples: 100, level: 0.95 }).get('Human')!;
    const b = bootstrapFigures(collect([...rows].reverse()).rows(), { seed: 3, resamples: 100, level: 0.95 }).get('Human')!;
    expect(b).toEqual(a);
  });

  it('a single question or identical values give a zero-width interval at the value', () => {
    const one = bootstrapFigures(collect([{ q: 'a', task: 'pose', scores: { valid: true, iou3d: 0.2, iou2d: 0.3 } }, { q: 'a', task: 'pose', scores: { valid: true, iou3d: 0.6, iou2d: 0.5 } }]).rows(), { seed: 1, resamples: 50, level: 0.95 }).get('Human')!;
    expect(one.pose_iou3d).toMatchObject({ n: 1 });
    expect(one.pose_iou3d.ci!.lo).toBeCloseTo(40, 12);
    expect(one.pose_iou3d.ci!.hi).toBeCloseTo(40, 12);
    expect(one.pose_iou2d.ci!.lo).toBeCloseTo(40, 12);
  });

  it('an inf figure has no interval; its valid-only mean has one, over questions with a valid answer', () => {
    const rows = [
      { q: 't1', task: 'trajectory' as const, source: 'M', scores: { valid: false, success: 0, dist: Infinity } },
      { q: 't2', task: 'trajectory' as const, source: 'M', scores: { valid: true, success: 1, dist: 10 } },
      { q: 't3', task: 'trajectory' as const, source: 'M', scores: { valid: true, success: 1, dist: 30 } },
    ];
    const s = bootstrapFigures(collect(rows).rows(), { seed: 1, resamples: 200, level: 0.95 }).get('M')!;
    expect(s.traj_dist).toMatchObject({ n: 3, ci: null, validN: 2 });
    expect(s.traj_dist.validCi!.lo).toBeGreaterThanOrEqual(10);
    expect(s.traj_dist.validCi!.hi).toBeLessThanOrEqual(30);
    expect(s.traj_sr.ci).not.toBeNull();
    // Figures of tasks the source never answered rest on no question.
    expect(s.grasp_nce).toEqual({ n: 0, ci: null, validN: 0, validCi: null });
    expect(s.spatial_sr).toEqual({ n: 0, ci: null, validN: null, validCi: null });
  });
});

/**
 * 95% bootstrap confidence intervals of the table's figures, over questions (the unit the table
 * averages over, METRICS.md step 3): resample a source's questions of one task with replacement, take
 * each figure's mean over the resample, and report the percentile interval of those means.
 *
 * Reproducible: one seeded xoroshiro128+ stream per (seed, source, task), so adding a model or a task's
 * answers never moves another source's or task's interval, and questions are taken in id order (rows
 * from `QuestionScoreCollector` are sorted), so the CLI and the database give the same interval.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { quantileSorted } from 'simple-statistics';
import type { Task } from '../tasks';
import type { QuestionMetric, QuestionScore } from './questionScores';

/** A table figure: which task's which metric, and the factor to the table's unit (percent). */
export interface FigureSpec {
  key: FigureKey;
  task: Task;
  metric: QuestionMetric;
  scale: number;
  /** Distance-like: may be `inf`; its valid-only mean gets its own interval. */
  isDistance: boolean;
}

export type FigureKey =
  | 'pose_iou3d' | 'pose_iou2d' | 'traj_sr' | 'traj_dist' | 'grasp_nce'
  | 'spatial_sr' | 'depth_sr' | 'rearr_recall' | 'rearr_precision';

export const FIGURES: readonly FigureSpec[] = [
  { key: 'pose_iou3d', task: 'pose', metric: 'iou3d', scale: 100, isDistance: false },
  { key: 'pose_iou2d', task: 'pose', metric: 'iou2d', scale: 100, isDistance: false },
  { key: 'traj_sr', task: 'trajectory', metric: 'success', scale: 100, isDistance: false },
  { key: 'traj_dist', task: 'trajectory', metric: 'dist', scale: 1, isDistance: true },
  { key: 'grasp_nce', task: 'grasp', metric: 'nce', scale: 1, isDistance: true },
  { key: 'spatial_sr', task: 'spatial', metric: 'correct', scale: 100, isDistance: false },
  { key: 'depth_sr', task: 'depth', metric: 'correct', scale: 100, isDistance: false },
  { key: 'rearr_recall', task: 'rearrangement', metric: 'recall', scale: 100, isDistance: false },
  { key: 'rearr_precision', task: 'rearrangement', metric: 'precision', scale: 100, isDistance: false },
];

export interface BootstrapSettings {
  seed: number;
  /** Number of resamples (the paper-style default is 1,000). */
  resamples: number;
  /** Coverage of the interval, e.g. 0.95. */
  level: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { seed: 1, resamples: 1000, level: 0.95 };

/** An interval in the table's unit (percent, px or NCE). */
export interface Interval {
  lo: number;
  hi: number;
}

/** What one table figure rests on, and its interval. */
export interface FigureStats {
  /** Questions that carry the metric (the mean's denominator). */
  n: number;
  /** The interval of the figure; null with no question, or when the figure is `inf`. */
  ci: Interval | null;
  /** Distance figures: questions with at least one valid answer, and the interval of the valid-only mean. */
  validN: number | null;
  validCi: Interval | null;
}

export type SourceFigureStats = Record<FigureKey, FigureStats>;

/** FNV-1a over the UTF-16 code units of `text`: the 32-bit seed of one (seed, source, task) stream. */
export function streamSeed(seed: number, source: string, task: Task): number {
  const text = `${seed}\u0000${source}\u0000${task}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Percentile interval of `means` (sorted in place); null when empty or when any resample is not finite. */
function percentileInterval(means: Float64Array, level: number): Interval | null {
  if (means.length === 0) return null;
  means.sort();
  if (!Number.isFinite(means[0]) || !Number.isFinite(means[means.length - 1])) return null;
  const tail = (1 - level) / 2;
  return { lo: quantileSorted(Array.from(means), tail), hi: quantileSorted(Array.from(means), 1 - tail) };
}

/**
 * Resamples one (source, task)'s questions, given as one value column per figure (NaN = the question
 * does not carry it), and returns per column the resampled means that had at least one value.
 */
function resampleColumns(columns: Float64Array[], settings: BootstrapSettings, rngSeed: number): Float64Array[] {
  const n = columns[0].length;
  const rng = xoroshiro128plus(rngSeed);
  const out = columns.map(() => new Float64Array(settings.resamples));
  const filled = new Uint32Array(columns.length);
  const sum = new Float64Array(columns.length);
  const count = new Uint32Array(columns.length);
  for (let b = 0; b < settings.resamples; b++) {
    sum.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const j = uniformInt(rng, 0, n - 1);
      for (let c = 0; c < columns.length; c++) {
        const v = columns[c][j];
        if (v === v) {
          sum[c] += v;
          count[c]++;
        }
      }
    }
    for (let c = 0; c < columns.length; c++) if (count[c] > 0) out[c][filled[c]++] = sum[c] / count[c];
  }
  return out.map((o, c) => o.subarray(0, filled[c]));
}

/**
 * Per source, the count and bootstrap interval of every figure. `rows` must be sorted by source then
 * question id (as `QuestionScoreCollector.rows()` yields them). Cost: resamples × questions per
 * (source, task), all of a task's figures drawn from the same resample.
 */
export function bootstrapFigures(rows: Iterable<QuestionScore>, settings: BootstrapSettings = DEFAULT_BOOTSTRAP): Map<string, SourceFigureStats> {
  const grouped = new Map<string, Map<Task, QuestionScore[]>>();
  for (const r of rows) {
    let tasks = grouped.get(r.source);
    if (!tasks) grouped.set(r.source, (tasks = new Map()));
    const list = tasks.get(r.task);
    if (list) list.push(r);
    else tasks.set(r.task, [r]);
  }
  const result = new Map<string, SourceFigureStats>();
  for (const [source, tasks] of grouped) {
    const stats = Object.fromEntries(FIGURES.map((f) => [f.key, { n: 0, ci: null, validN: f.isDistance ? 0 : null, validCi: null }])) as SourceFigureStats;
    for (const [task, questions] of tasks) {
      const figures = FIGURES.filter((f) => f.task === task);
      // One column per figure, then one per distance figure's valid-only mean.
      const specs = [
        ...figures.map((f) => ({ f, isValidOnly: false })),
        ...figures.filter((f) => f.isDistance).map((f) => ({ f, isValidOnly: true })),
      ];
      const columns = specs.map(({ f, isValidOnly }) =>
        Float64Array.from(questions, (q) => {
          const v = isValidOnly ? q.validMeans[f.metric as 'dist' | 'nce'] : q.means[f.metric];
          return v === undefined ? NaN : v * f.scale;
        }),
      );
      const resampled = resampleColumns(columns, settings, streamSeed(settings.seed, source, task));
      specs.forEach(({ f, isValidOnly }, c) => {
        const n = columns[c].reduce((k, v) => (v === v ? k + 1 : k), 0);
        // An infinite question makes the figure `inf`: no interval for it (the valid-only one stands beside).
        const hasInf = columns[c].some((v) => v === Infinity);
        const ci = n > 0 && !hasInf ? percentileInterval(resampled[c], settings.level) : null;
        if (isValidOnly) Object.assign(stats[f.key], { validN: n, validCi: ci });
        else Object.assign(stats[f.key], { n, ci });
      });
    }
    result.set(source, stats);
  }
  return result;
}

/**
 * From response scores to table rows (METRICS.md "From scores to the table"). Incremental: memory grows
 * with questions × sources (one small accumulator each), not with responses, so the CLI can stream.
 */
import { TASKS, type Task } from '../tasks';
import type { Scores } from './scores';

/** The source name of the human baseline; its row comes first. */
export const HUMAN_SOURCE = 'Human';

type Cell = number | 'inf' | null;

/** One table row; fractions as percentages (0–100), distance in px, NCE as is, all unrounded. */
export interface TableRow {
  source: string;
  pose_iou3d: Cell;
  pose_iou2d: Cell;
  traj_sr: Cell;
  traj_dist: Cell;
  grasp_nce: Cell;
  spatial_sr: Cell;
  depth_sr: Cell;
  rearr_recall: Cell;
  rearr_precision: Cell;
  counts: Record<Task, { questions: number; responses: number; invalid: number }>;
  /** Mean distance / NCE over valid answers only, shown beside an `inf` column (not in FORMAT.md JSON). */
  traj_dist_valid: number | null;
  grasp_nce_valid: number | null;
}

/** Score fields that are averaged; distance-like ones may be Infinity. */
const METRICS = ['iou3d', 'iou2d', 'success', 'dist', 'nce', 'recall', 'precision', 'correct'] as const;
type Metric = (typeof METRICS)[number];

/** Per (source, question): sums and counts of each metric, plus finite-only sums for dist/nce. */
interface QuestionAcc {
  task: Task;
  responses: number;
  invalid: number;
  sum: Float64Array; // by METRICS index; Infinity propagates
  n: Uint32Array; // responses that carry the metric (iou3d may be null)
  finiteSum: Float64Array;
  finiteN: Uint32Array;
}

/** Mean of one metric over one question's responses; Infinity if any was; undefined if none carried it. */
export interface QuestionMeans {
  questionId: string;
  task: Task;
  source: string;
  responses: number;
  invalid: number;
  scores: Partial<Record<Metric, number>>;
}

export class TableAggregator {
  private readonly sources = new Map<string, Map<string, QuestionAcc>>();

  /** Adds one response's scores. Responses of one source to one question (several annotators) average. */
  add(r: { questionId: string; task: Task; source: string; annotator?: string; scores: Scores }): void {
    let questions = this.sources.get(r.source);
    if (!questions) this.sources.set(r.source, (questions = new Map()));
    let q = questions.get(r.questionId);
    if (!q) {
      const m = METRICS.length;
      q = { task: r.task, responses: 0, invalid: 0, sum: new Float64Array(m), n: new Uint32Array(m), finiteSum: new Float64Array(m), finiteN: new Uint32Array(m) };
      questions.set(r.questionId, q);
    }
    q.responses++;
    if (!r.scores.valid) q.invalid++;
    for (let k = 0; k < METRICS.length; k++) {
      const v = r.scores[METRICS[k]];
      if (typeof v !== 'number') continue;
      q.sum[k] += v;
      q.n[k]++;
      if (Number.isFinite(v)) { q.finiteSum[k] += v; q.finiteN[k]++; }
    }
  }

  /** Sources in table order: `Human` first, then the others in the order they were first seen. */
  sourceNames(): string[] {
    const names = [...this.sources.keys()];
    return names.includes(HUMAN_SOURCE) ? [HUMAN_SOURCE, ...names.filter((s) => s !== HUMAN_SOURCE)] : names;
  }

  /** Per-question means for every source, in table order (for `--per-question`). */
  *questionMeans(): Generator<QuestionMeans> {
    for (const source of this.sourceNames()) {
      for (const [questionId, q] of this.sources.get(source)!) {
        const scores: Partial<Record<Metric, number>> = {};
        METRICS.forEach((m, k) => { if (q.n[k] > 0) scores[m] = q.sum[k] / q.n[k]; });
        yield { questionId, task: q.task, source, responses: q.responses, invalid: q.invalid, scores };
      }
    }
  }

  /** One row per source, `Human` first (METRICS.md steps 2–4). */
  rows(): TableRow[] {
    return this.sourceNames().map((source) => this.row(source, this.sources.get(source)!));
  }

  private row(source: string, questions: Map<string, QuestionAcc>): TableRow {
    const counts = Object.fromEntries(TASKS.map((t) => [t, { questions: 0, responses: 0, invalid: 0 }])) as TableRow['counts'];
    // Per task and metric: sum of per-question means, number of questions, and the finite-only variant.
    const acc = new Map<string, { sum: number; n: number; fSum: number; fN: number }>();
    for (const q of questions.values()) {
      const c = counts[q.task];
      c.questions++;
      c.responses += q.responses;
      c.invalid += q.invalid;
      METRICS.forEach((m, k) => {
        if (q.n[k] === 0) return;
        const key = `${q.task}.${m}`;
        const a = acc.get(key) ?? { sum: 0, n: 0, fSum: 0, fN: 0 };
        a.sum += q.sum[k] / q.n[k];
        a.n++;
        if (q.finiteN[k] > 0) { a.fSum += q.finiteSum[k] / q.finiteN[k]; a.fN++; }
        acc.set(key, a);
      });
    }
    const mean = (task: Task, m: Metric, scale = 1): Cell => {
      const a = acc.get(`${task}.${m}`);
      if (!a || a.n === 0) return null;
      const v = a.sum / a.n;
      return Number.isFinite(v) ? v * scale : 'inf';
    };
    const finiteMean = (task: Task, m: Metric): number | null => {
      const a = acc.get(`${task}.${m}`);
      return a && a.fN > 0 ? a.fSum / a.fN : null;
    };
    return {
      source,
      pose_iou3d: mean('pose', 'iou3d', 100),
      pose_iou2d: mean('pose', 'iou2d', 100),
      traj_sr: mean('trajectory', 'success', 100),
      traj_dist: mean('trajectory', 'dist'),
      grasp_nce: mean('grasp', 'nce'),
      spatial_sr: mean('spatial', 'correct', 100),
      depth_sr: mean('depth', 'correct', 100),
      rearr_recall: mean('rearrangement', 'recall', 100),
      rearr_precision: mean('rearrangement', 'precision', 100),
      counts,
      traj_dist_valid: finiteMean('trajectory', 'dist'),
      grasp_nce_valid: finiteMean('grasp', 'nce'),
    };
  }
}

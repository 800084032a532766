/**
 * From response scores to table rows (METRICS.md "From scores to the table"). Incremental: memory grows
 * with questions × sources (one small accumulator each), not with responses, so the CLI can stream.
 * Every sum is exact (`ExactSum`) and the rows are sorted by one rule, so the table is a function of
 * the set of responses: any order of additions and removals, through the CLI or the database, gives
 * bit-identical figures (METRICS.md step 5).
 */
import { TASKS, type Task } from '../tasks';
import type { Scores } from './scores';

/** The source name of the human baseline; its row comes first. */
export const HUMAN_SOURCE = 'Human';

type Cell = number | 'inf' | null;

/**
 * An exact sum of doubles: the finite values are kept as a Shewchuk expansion (non-overlapping partials,
 * as in Python's `math.fsum`), so `value()` is the correctly rounded exact sum, whatever the order in
 * which values were added and removed; +∞ is counted apart. No npm package offers an accumulator with
 * removal (robust-sum/two-sum are allocation-per-call predicate helpers), hence these few lines.
 */
export class ExactSum {
  /**
   * The partials in a typed array that grows by doubling: a plain array re-allocated its backing store
   * (and boxed its doubles) on many adds, so a long run left tens of MB of short-lived garbage in the old
   * generation (measured on `bopask score`, 1M lines: the heap peak fell by ~50 MB with this).
   */
  private partials = new Float64Array(4);
  private count = 0;
  private infinities = 0;

  /** Adds `x` (finite or +∞; −∞ and NaN are not scores and are refused). */
  add(x: number): void {
    if (x === Infinity) { this.infinities++; return; }
    if (!Number.isFinite(x)) throw new RangeError(`ExactSum: cannot add ${x}`);
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < this.count; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) { const t = x; x = y; y = t; }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) {
      this.partials = new Float64Array(2 * p.length);
      this.partials.set(p);
    }
    this.partials[i] = x;
    this.count = i + 1;
  }

  /** Removes a value added before (the sum is then exactly as if it had never been added). */
  remove(x: number): void {
    if (x === Infinity) {
      if (this.infinities === 0) throw new RangeError('ExactSum: removing an infinity never added');
      this.infinities--;
      return;
    }
    this.add(-x);
  }

  /** The exact sum rounded once to the nearest double; Infinity when an infinity is in it. */
  value(): number {
    if (this.infinities > 0) return Infinity;
    const p = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = p[--n], lo = 0;
    while (n > 0) {
      const x = hi, y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half-even correctly when the rest of the partials push past a halfway case.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2, x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

/** METRICS.md step 5's row order: `Human` first, then the other sources by name (UTF-16 code units). */
export function compareSources(a: string, b: string): number {
  if (a === b) return 0;
  if (a === HUMAN_SOURCE) return -1;
  if (b === HUMAN_SOURCE) return 1;
  return a < b ? -1 : 1;
}

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

/** Per (source, question): exact sums and counts of each metric, plus finite-only sums for dist/nce. */
interface QuestionAcc {
  task: Task;
  responses: number;
  invalid: number;
  sum: (ExactSum | undefined)[]; // by METRICS index; made when a response first carries the metric
  n: Uint32Array; // responses that carry the metric (iou3d may be null)
  finiteSum: (ExactSum | undefined)[];
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
      q = { task: r.task, responses: 0, invalid: 0, sum: new Array(m), n: new Uint32Array(m), finiteSum: new Array(m), finiteN: new Uint32Array(m) };
      questions.set(r.questionId, q);
    }
    q.responses++;
    if (!r.scores.valid) q.invalid++;
    for (let k = 0; k < METRICS.length; k++) {
      const v = r.scores[METRICS[k]];
      if (typeof v !== 'number') continue;
      (q.sum[k] ??= new ExactSum()).add(v);
      q.n[k]++;
      if (Number.isFinite(v)) { (q.finiteSum[k] ??= new ExactSum()).add(v); q.finiteN[k]++; }
    }
  }

  /** Sources in table order (`compareSources`: `Human` first, then by name). */
  sourceNames(): string[] {
    return [...this.sources.keys()].sort(compareSources);
  }

  /** Per-question means for every source, in table order (for `--per-question`). */
  *questionMeans(): Generator<QuestionMeans> {
    for (const source of this.sourceNames()) {
      for (const [questionId, q] of this.sources.get(source)!) {
        const scores: Partial<Record<Metric, number>> = {};
        METRICS.forEach((m, k) => { if (q.n[k] > 0) scores[m] = q.sum[k]!.value() / q.n[k]; });
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
    // Per task and metric: exact sum of per-question means, number of questions, and the finite-only
    // variant (METRICS.md step 3: per question the mean of its valid responses, over the questions with one).
    const acc = new Map<string, { sum: ExactSum; n: number; fSum: ExactSum; fN: number }>();
    for (const q of questions.values()) {
      const c = counts[q.task];
      c.questions++;
      c.responses += q.responses;
      c.invalid += q.invalid;
      METRICS.forEach((m, k) => {
        if (q.n[k] === 0) return;
        const key = `${q.task}.${m}`;
        const a = acc.get(key) ?? { sum: new ExactSum(), n: 0, fSum: new ExactSum(), fN: 0 };
        a.sum.add(q.sum[k]!.value() / q.n[k]);
        a.n++;
        if (q.finiteN[k] > 0) { a.fSum.add(q.finiteSum[k]!.value() / q.finiteN[k]); a.fN++; }
        acc.set(key, a);
      });
    }
    const mean = (task: Task, m: Metric, scale = 1): Cell => {
      const a = acc.get(`${task}.${m}`);
      if (!a || a.n === 0) return null;
      const v = a.sum.value() / a.n;
      return Number.isFinite(v) ? v * scale : 'inf';
    };
    const finiteMean = (task: Task, m: Metric): number | null => {
      const a = acc.get(`${task}.${m}`);
      return a && a.fN > 0 ? a.fSum.value() / a.fN : null;
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

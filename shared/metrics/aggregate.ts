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

  /** The state as plain data (finite doubles survive JSON exactly), to store a running sum. */
  toJSON(): [number[], number] {
    return [Array.from(this.partials.subarray(0, this.count)), this.infinities];
  }

  /** A sum stored by `toJSON`. */
  static fromJSON(data: unknown): ExactSum {
    const s = new ExactSum();
    if (!Array.isArray(data) || data.length !== 2 || !Array.isArray(data[0]) || !Number.isInteger(data[1]) || data[1] < 0) {
      throw new RangeError('ExactSum: not a stored sum');
    }
    const xs = data[0] as unknown[];
    if (xs.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw new RangeError('ExactSum: not a stored sum');
    s.partials = new Float64Array(Math.max(4, xs.length));
    s.partials.set(xs as number[]);
    s.count = xs.length;
    s.infinities = data[1] as number;
    return s;
  }

  /** Doubles `encodeInto` writes: the infinities, the partials' count, the partials. */
  get encodedLength(): number {
    return 2 + this.count;
  }

  /** Writes the state into `out` from `at` (doubles are kept exactly); returns the index after it. */
  encodeInto(out: Float64Array, at: number): number {
    out[at] = this.infinities;
    out[at + 1] = this.count;
    out.set(this.partials.subarray(0, this.count), at + 2);
    return at + 2 + this.count;
  }

  /** A sum written by `encodeInto` at `at` of `a`, and the index after it; a RangeError if it is not one. */
  static decodeFrom(a: Float64Array, at: number): [ExactSum, number] {
    const infinities = a[at], count = a[at + 1];
    if (!(Number.isInteger(infinities) && infinities >= 0 && Number.isInteger(count) && count >= 0 && at + 2 + count <= a.length)) {
      throw new RangeError('ExactSum: not an encoded sum');
    }
    const s = new ExactSum();
    s.partials = new Float64Array(Math.max(4, count));
    s.partials.set(a.subarray(at + 2, at + 2 + count));
    for (let i = 0; i < count; i++) if (!Number.isFinite(s.partials[i])) throw new RangeError('ExactSum: not an encoded sum');
    s.count = count;
    s.infinities = infinities;
    return [s, at + 2 + count];
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
export const METRICS = ['iou3d', 'iou2d', 'success', 'dist', 'nce', 'recall', 'precision', 'correct'] as const;
export type Metric = (typeof METRICS)[number];

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
  /** Per metric, the mean of the finite values only (absent when none was finite). */
  finite: Partial<Record<Metric, number>>;
}

/** One source's answers to one question, reduced to what the per-task means add (METRICS.md step 2). */
export type QuestionMean = Pick<QuestionMeans, 'task' | 'responses' | 'invalid' | 'scores' | 'finite'>;

/** The means of a list of scores of one source for one question (the database's per-question rows). */
export class QuestionAccumulator {
  private readonly acc: QuestionAcc;
  constructor(task: Task) {
    const m = METRICS.length;
    this.acc = { task, responses: 0, invalid: 0, sum: new Array(m), n: new Uint32Array(m), finiteSum: new Array(m), finiteN: new Uint32Array(m) };
  }
  add(scores: Scores): void {
    addScores(this.acc, scores);
  }
  get responses(): number {
    return this.acc.responses;
  }
  mean(): QuestionMean {
    return meanOf(this.acc);
  }

  /**
   * The exact state as doubles (stored as a BLOB), so a stored question can take one more response
   * without its others being read again: `fromArray(task, toArray())` then `add(x)` gives the means a
   * fresh accumulator of all of them gives, to the bit (the sums are exact). Layout: responses,
   * invalid, then per metric (METRICS order) n, finite n, the sum if n > 0, the finite sum if finite n > 0.
   */
  toArray(): Float64Array {
    const q = this.acc;
    let length = 2;
    for (let k = 0; k < METRICS.length; k++) length += 2 + (q.n[k] > 0 ? q.sum[k]!.encodedLength : 0) + (q.finiteN[k] > 0 ? q.finiteSum[k]!.encodedLength : 0);
    const out = new Float64Array(length);
    out[0] = q.responses;
    out[1] = q.invalid;
    let at = 2;
    for (let k = 0; k < METRICS.length; k++) {
      out[at++] = q.n[k];
      out[at++] = q.finiteN[k];
      if (q.n[k] > 0) at = q.sum[k]!.encodeInto(out, at);
      if (q.finiteN[k] > 0) at = q.finiteSum[k]!.encodeInto(out, at);
    }
    return out;
  }

  /** An accumulator of `task` stored by `toArray`; a RangeError on anything else. */
  static fromArray(task: Task, a: Float64Array): QuestionAccumulator {
    const isCount = (x: number) => Number.isInteger(x) && x >= 0;
    const bad = () => new RangeError('QuestionAccumulator: not a stored accumulator');
    if (a.length < 2 + 2 * METRICS.length || !isCount(a[0]) || !isCount(a[1]) || a[1] > a[0]) throw bad();
    const out = new QuestionAccumulator(task);
    const q = out.acc;
    q.responses = a[0];
    q.invalid = a[1];
    let at = 2;
    for (let k = 0; k < METRICS.length; k++) {
      const n = a[at], finiteN = a[at + 1];
      if (!isCount(n) || !isCount(finiteN) || finiteN > n || n > q.responses) throw bad();
      at += 2;
      q.n[k] = n;
      q.finiteN[k] = finiteN;
      if (n > 0) [q.sum[k], at] = ExactSum.decodeFrom(a, at);
      if (finiteN > 0) [q.finiteSum[k], at] = ExactSum.decodeFrom(a, at);
    }
    if (at !== a.length) throw bad();
    return out;
  }
}

/** Each metric's index in METRICS, for `addScores`. */
const [IOU3D, IOU2D, SUCCESS, DIST, NCE, RECALL, PRECISION, CORRECT] = (['iou3d', 'iou2d', 'success', 'dist', 'nce', 'recall', 'precision', 'correct'] as const).map((m) => METRICS.indexOf(m));

/**
 * Each field read by its name: `scores[METRICS[k]]` was a keyed load over the six tasks' score shapes,
 * the slowest step of the CLI's per-line bookkeeping (6% of `bopask score` at 1M lines, profiled).
 */
function addScores(q: QuestionAcc, scores: Scores): void {
  q.responses++;
  if (!scores.valid) q.invalid++;
  addMetric(q, IOU3D, scores.iou3d);
  addMetric(q, IOU2D, scores.iou2d);
  addMetric(q, SUCCESS, scores.success);
  addMetric(q, DIST, scores.dist);
  addMetric(q, NCE, scores.nce);
  addMetric(q, RECALL, scores.recall);
  addMetric(q, PRECISION, scores.precision);
  addMetric(q, CORRECT, scores.correct);
}

function addMetric(q: QuestionAcc, k: number, v: number | null | undefined): void {
  if (typeof v !== 'number') return;
  (q.sum[k] ??= new ExactSum()).add(v);
  q.n[k]++;
  if (Number.isFinite(v)) { (q.finiteSum[k] ??= new ExactSum()).add(v); q.finiteN[k]++; }
}

function meanOf(q: QuestionAcc): QuestionMean {
  const scores: Partial<Record<Metric, number>> = {};
  const finite: Partial<Record<Metric, number>> = {};
  METRICS.forEach((m, k) => {
    if (q.n[k] > 0) scores[m] = q.sum[k]!.value() / q.n[k];
    if (q.finiteN[k] > 0) finite[m] = q.finiteSum[k]!.value() / q.finiteN[k];
  });
  return { task: q.task, responses: q.responses, invalid: q.invalid, scores, finite };
}

interface MetricTotal { sum: ExactSum; n: number; fSum: ExactSum; fN: number }

const ALL_METRICS: readonly number[] = METRICS.map((_, k) => k);

/** The metrics each task's table columns read (`rowOf`), as indices into METRICS. */
const at = (...ms: Metric[]) => ms.map((m) => METRICS.indexOf(m));
export const TABLE_METRICS: Readonly<Record<Task, readonly number[]>> = {
  pose: at('iou3d', 'iou2d'),
  trajectory: at('success', 'dist'),
  grasp: at('nce'),
  rearrangement: at('recall', 'precision'),
  spatial: at('correct'),
  depth: at('correct'),
};

/**
 * A question's means as one flat row: responses, invalid, then per metric (METRICS order) its mean and
 * its finite-only mean, null where absent. The database stores exactly this row (question_sums).
 */
export function meanRow(q: QuestionMean): (number | null)[] {
  const row: (number | null)[] = [q.responses, q.invalid];
  for (const m of METRICS) row.push(q.scores[m] ?? null, q.finite[m] ?? null);
  return row;
}

/**
 * One source's totals over the questions of one task (METRICS.md step 3): exact sums of the
 * per-question means, so a question's mean can be removed and added again when its answers change,
 * and the result is bit-identical to summing the current means afresh. Stored as JSON by the server.
 */
export class TaskTotals {
  questions = 0;
  responses = 0;
  invalid = 0;
  private readonly metrics: (MetricTotal | undefined)[] = new Array(METRICS.length);

  /** Adds (sign 1) or removes (sign −1, a mean added before) one question's means. */
  apply(q: QuestionMean, sign: 1 | -1): void {
    this.applyRow(meanRow(q), sign);
  }

  /**
   * The same from a `meanRow` starting at index `at` of `row` (the database's per-question row, read
   * without building objects: a full recomputation reads a million of them).
   */
  applyRow(row: readonly unknown[], sign: 1 | -1, at = 0): void {
    this.applyMetrics(row, sign, at, ALL_METRICS);
  }

  /**
   * The same from a row that holds only the metrics `ks` (indices into METRICS): responses, invalid,
   * then each one's mean and finite mean. A task's rows carry two to four of the eight, so a full
   * recomputation reads only those columns.
   */
  applyMetrics(row: readonly unknown[], sign: 1 | -1, at: number, ks: readonly number[]): void {
    this.questions += sign;
    this.responses += sign * (row[at] as number);
    this.invalid += sign * (row[at + 1] as number);
    for (let j = 0; j < ks.length; j++) {
      const k = ks[j];
      const v = row[at + 2 + 2 * j] as number | null;
      if (v === null) continue;
      let t = this.metrics[k];
      if (!t) this.metrics[k] = t = { sum: new ExactSum(), n: 0, fSum: new ExactSum(), fN: 0 };
      if (sign === 1) t.sum.add(v); else t.sum.remove(v);
      t.n += sign;
      const f = row[at + 3 + 2 * j] as number | null;
      if (f !== null) {
        if (sign === 1) t.fSum.add(f); else t.fSum.remove(f);
        t.fN += sign;
      }
    }
  }

  get isEmpty(): boolean {
    return this.questions === 0;
  }

  /** The mean over questions (× scale); 'inf' when a question's mean is infinite; null with no question. */
  mean(m: Metric, scale = 1): Cell {
    const t = this.metrics[METRICS.indexOf(m)];
    if (!t || t.n === 0) return null;
    const v = t.sum.value() / t.n;
    return Number.isFinite(v) ? v * scale : 'inf';
  }

  /** The mean over questions of their finite-only means (METRICS.md step 3's "mean over valid answers"). */
  finiteMean(m: Metric): number | null {
    const t = this.metrics[METRICS.indexOf(m)];
    return t && t.fN > 0 ? t.fSum.value() / t.fN : null;
  }

  toJSON(): unknown {
    const metrics: Record<string, unknown> = {};
    this.metrics.forEach((t, k) => {
      if (t && (t.n > 0 || t.fN > 0)) metrics[METRICS[k]] = [t.sum.toJSON(), t.n, t.fSum.toJSON(), t.fN];
    });
    return { questions: this.questions, responses: this.responses, invalid: this.invalid, metrics };
  }

  static fromJSON(data: unknown): TaskTotals {
    const d = data as { questions: number; responses: number; invalid: number; metrics: Record<string, [unknown, number, unknown, number]> };
    const t = new TaskTotals();
    t.questions = d.questions;
    t.responses = d.responses;
    t.invalid = d.invalid;
    for (const [m, [sum, n, fSum, fN]] of Object.entries(d.metrics)) {
      const k = (METRICS as readonly string[]).indexOf(m);
      if (k < 0) throw new RangeError(`TaskTotals: unknown metric ${m}`);
      t.metrics[k] = { sum: ExactSum.fromJSON(sum), n, fSum: ExactSum.fromJSON(fSum), fN };
    }
    return t;
  }
}

/** One table row from a source's per-task totals (METRICS.md step 4); a task without totals is empty. */
export function rowOf(source: string, totals: Partial<Record<Task, TaskTotals>>): TableRow {
  const empty = new TaskTotals();
  const of = (task: Task) => totals[task] ?? empty;
  const counts = Object.fromEntries(
    TASKS.map((t) => [t, { questions: of(t).questions, responses: of(t).responses, invalid: of(t).invalid }]),
  ) as TableRow['counts'];
  return {
    source,
    pose_iou3d: of('pose').mean('iou3d', 100),
    pose_iou2d: of('pose').mean('iou2d', 100),
    traj_sr: of('trajectory').mean('success', 100),
    traj_dist: of('trajectory').mean('dist'),
    grasp_nce: of('grasp').mean('nce'),
    spatial_sr: of('spatial').mean('correct', 100),
    depth_sr: of('depth').mean('correct', 100),
    rearr_recall: of('rearrangement').mean('recall', 100),
    rearr_precision: of('rearrangement').mean('precision', 100),
    counts,
    traj_dist_valid: of('trajectory').finiteMean('dist'),
    grasp_nce_valid: of('grasp').finiteMean('nce'),
  };
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
    addScores(q, r.scores);
  }

  /** Sources in table order (`compareSources`: `Human` first, then by name). */
  sourceNames(): string[] {
    return [...this.sources.keys()].sort(compareSources);
  }

  /** Per-question means for every source, in table order (for `--per-question`). */
  *questionMeans(): Generator<QuestionMeans> {
    for (const source of this.sourceNames()) {
      for (const [questionId, q] of this.sources.get(source)!) yield { questionId, source, ...meanOf(q) };
    }
  }

  /** One row per source, `Human` first (METRICS.md steps 2–4). */
  rows(): TableRow[] {
    return this.sourceNames().map((source) => {
      const totals: Partial<Record<Task, TaskTotals>> = {};
      for (const q of this.sources.get(source)!.values()) (totals[q.task] ??= new TaskTotals()).apply(meanOf(q), 1);
      return rowOf(source, totals);
    });
  }
}

/**
 * Per (source, question) means — METRICS.md step 2 — kept as rows rather than folded into task sums,
 * for what needs the questions one by one: the bootstrap over questions, the per-question JSONL and
 * the score histograms. Valid-only means of the distance metrics are kept beside the plain ones
 * (METRICS.md step 3: an `inf` figure is reported with the mean over valid answers).
 */
import type { Task } from '../tasks';
import type { Scores } from '../metrics/scores';

/** The score fields that are averaged per question. */
export const QUESTION_METRICS = ['iou3d', 'iou2d', 'success', 'dist', 'nce', 'recall', 'precision', 'correct'] as const;
export type QuestionMetric = (typeof QUESTION_METRICS)[number];

/** One source's scores on one question: means over its responses; distance means may be Infinity. */
export interface QuestionScore {
  source: string;
  questionId: string;
  task: Task;
  responses: number;
  invalid: number;
  /** Distinct annotators among the responses (a line without annotator counts as one). */
  contributors: number;
  /** Mean of each metric the responses carry (a metric no response carries is absent). */
  means: Partial<Record<QuestionMetric, number>>;
  /** Mean over the finite values only, for `dist` and `nce`; absent when every response was invalid. */
  validMeans: Partial<Record<'dist' | 'nce', number>>;
}

interface Acc {
  task: Task;
  responses: number;
  invalid: number;
  annotators: Set<string | undefined>;
  /** Per metric, the values in arrival order; summed in sorted order so the mean is order-free. */
  values: Map<QuestionMetric, number[]>;
}

/** Sum of `xs` in ascending order: the same multiset gives the same bits whatever order it came in. */
function orderFreeMean(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  let s = 0;
  for (const x of sorted) s += x;
  return s / sorted.length;
}

/**
 * Collects responses and yields one `QuestionScore` per (source, question), sorted by source then
 * question id (code-unit order), so two collectors fed the same responses in any order yield the same
 * rows. Memory grows with the responses' score values (a question has few responses).
 */
export class QuestionScoreCollector {
  private readonly bySource = new Map<string, Map<string, Acc>>();
  private readonly annotatorsByTask = new Map<string, Set<string | undefined>>();

  add(r: { questionId: string; task: Task; source: string; annotator?: string; scores: Scores }): void {
    let qs = this.bySource.get(r.source);
    if (!qs) this.bySource.set(r.source, (qs = new Map()));
    let a = qs.get(r.questionId);
    if (!a) qs.set(r.questionId, (a = { task: r.task, responses: 0, invalid: 0, annotators: new Set(), values: new Map() }));
    a.responses++;
    a.annotators.add(r.annotator);
    const key = `${r.source}\u0000${r.task}`;
    let all = this.annotatorsByTask.get(key);
    if (!all) this.annotatorsByTask.set(key, (all = new Set()));
    all.add(r.annotator);
    if (!r.scores.valid) a.invalid++;
    for (const m of QUESTION_METRICS) {
      const v = r.scores[m];
      if (typeof v !== 'number') continue;
      const list = a.values.get(m);
      if (list) list.push(v);
      else a.values.set(m, [v]);
    }
  }

  /** Distinct annotators of `source` over the questions of `task`. */
  contributors(source: string, task: Task): number {
    return this.annotatorsByTask.get(`${source}\u0000${task}`)?.size ?? 0;
  }

  *rows(): Generator<QuestionScore> {
    for (const source of [...this.bySource.keys()].sort(compareCodeUnits)) {
      const qs = this.bySource.get(source)!;
      for (const questionId of [...qs.keys()].sort(compareCodeUnits)) {
        yield toQuestionScore(source, questionId, qs.get(questionId)!);
      }
    }
  }
}

function toQuestionScore(source: string, questionId: string, a: Acc): QuestionScore {
  const means: QuestionScore['means'] = {};
  const validMeans: QuestionScore['validMeans'] = {};
  for (const [m, xs] of a.values) {
    means[m] = orderFreeMean(xs);
    if (m === 'dist' || m === 'nce') {
      const finite = xs.filter(Number.isFinite);
      if (finite.length > 0) validMeans[m] = orderFreeMean(finite);
    }
  }
  return { source, questionId, task: a.task, responses: a.responses, invalid: a.invalid, contributors: a.annotators.size, means, validMeans };
}

/** Plain code-unit comparison (not locale-aware), so every runtime sorts ids alike. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

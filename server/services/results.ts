/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { and, eq, sql } from 'drizzle-orm';
import { compareSources, rowOf, TableAggregator, type TableRow, type TaskTotals } from '../../shared/metrics/aggregate';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import type { Task } from '../../shared/tasks';
import { decodeScores, rescoreOutput, type StoredQuestion } from './scoring';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { COUNTS_IN_TABLE } from './baseline/included';
import { storedTotals, totalsFromQuestionSums } from './tableSums';

/**
 * Rows for every source with scored answers to benchmark questions, from the running sums the writes
 * maintain (services/tableSums.ts): a few hundred small rows, whatever the number of responses.
 * Verification responses are kept apart (they are judgements of someone else's answer, not answers),
 * as are skips, questions a curator excluded or rejected and, in the Human row, excluded contributors
 * (baseline/included.ts). Every figure comes from the current metric code: a stored score of another
 * METRIC_VERSION (a rescore still running) is recomputed when its question's sums are.
 */
export function benchmarkTable(db: Db): TableRow[] {
  return rowsOf(storedTotals(db.$client));
}

/** The same rows with every per-task total recomputed from the per-question sums (a full recomputation). */
export function tableFromQuestionSums(db: Db): TableRow[] {
  return rowsOf(totalsFromQuestionSums(db.$client));
}

function rowsOf(totals: Map<string, Partial<Record<Task, TaskTotals>>>): TableRow[] {
  return [...totals.keys()].sort(compareSources).map((source) => rowOf(source, totals.get(source)!));
}

/**
 * The same rows computed from every response (seconds at a million): the reference the running sums
 * are checked against in tests, and what `bopask table --verify` compares.
 */
export function tableFromResponses(db: Db): TableRow[] {
  const agg = new TableAggregator();
  const stmt = db.$client.prepare(
    `select r.id, r.question_id questionId, q.task, r.source, r.annotator, r.scores, r.metric_version metricVersion,
       r.assignment_id assignmentId from responses r
     join questions q on q.id = r.question_id where ${COUNTS_IN_TABLE}`,
  );
  type Row = { id: string; questionId: string; task: Task; source: string; annotator: string | null; scores: string; metricVersion: number | null; assignmentId: number | null };
  const question = db.$client.prepare('select id, width, height, item from questions where id = ?');
  // SEES_STAGED: by the id of a row the visible query above returned.
  const output = db.$client.prepare('select output from responses where id = ?').pluck();
  const rows = stmt.all() as Row[];
  for (const r of rows) {
    let scores = decodeScores(JSON.parse(r.scores));
    if (r.metricVersion !== METRIC_VERSION) {
      const q = question.get(r.questionId) as Omit<StoredQuestion, 'item'> & { item: string };
      const raw = output.get(r.id) as string | null;
      scores = rescoreOutput({ ...q, item: JSON.parse(q.item) as Record<string, unknown> }, raw === null ? null : JSON.parse(raw), r.assignmentId !== null);
    }
    agg.add({ questionId: r.questionId, task: r.task, source: r.source, annotator: r.annotator ?? undefined, scores });
  }
  return agg.rows();
}

/** Benchmark questions a curator rejected, which the table leaves out (questions_queue_status_idx). */
export function excludedQuestions(db: Db): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(questions)
    .where(and(eq(questions.pool, 'benchmark'), eq(questions.reviewStatus, 'rejected')))
    .get()!.n;
}

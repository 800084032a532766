/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { and, eq, sql } from 'drizzle-orm';
import { TableAggregator, type TableRow } from '../../shared/metrics/aggregate';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import type { Task } from '../../shared/tasks';
import { decodeScores, rescoreOutput, type StoredQuestion } from './scoring';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { COUNTS_IN_TABLE, tableStamp } from './baseline/included';

/**
 * Rows for every source with scored answers to benchmark questions. Verification responses are kept
 * apart (they are judgements of someone else's answer, not answers), as are skips, questions a
 * curator excluded or rejected and, in the Human row, excluded contributors (baseline/included.ts).
 * Every figure comes from the current metric code: a stored score of another METRIC_VERSION (a rescore
 * still running) is recomputed here, so a table never mixes versions.
 */
export function benchmarkTable(db: Db, sources?: string[]): TableRow[] {
  // The stamp identifies the table's inputs, so the (seconds-long, at 100k responses) aggregation runs
  // once per change, not once per page view.
  const key = `${tableStamp(db)}:${sources?.join('\u0000') ?? ''}`;
  const hit = tableCache.get(db);
  if (hit?.key === key) return hit.rows;
  const rows = computeTable(db, sources);
  tableCache.set(db, { key, rows });
  return rows;
}

const tableCache = new WeakMap<Db, { key: string; rows: TableRow[] }>();

function computeTable(db: Db, sources?: string[]): TableRow[] {
  const agg = new TableAggregator();
  const bySource = sources && sources.length > 0 ? ` and r.source in (${sources.map(() => '?').join(', ')})` : '';
  const stmt = db.$client.prepare(
    `select r.id, r.question_id questionId, q.task, r.source, r.annotator, r.scores, r.metric_version metricVersion,
       r.assignment_id assignmentId from responses r
     join questions q on q.id = r.question_id where ${COUNTS_IN_TABLE}${bySource}`,
  );
  type Row = { id: string; questionId: string; task: Task; source: string; annotator: string | null; scores: string; metricVersion: number | null; assignmentId: number | null };
  const question = db.$client.prepare('select id, width, height, item from questions where id = ?');
  const output = db.$client.prepare('select output from responses where id = ?').pluck();
  const rows = stmt.all(...(sources ?? [])) as Row[];
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

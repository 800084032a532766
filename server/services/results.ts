/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { TableAggregator, type TableRow } from '../../shared/metrics/aggregate';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { decodeScores, rescoreOutput, type StoredQuestion } from './scoring';
import type { Db } from '../db/client';
import { questions, responses } from '../db/schema';

/**
 * Rows for every source with scored answers to benchmark questions. Verification responses are kept
 * apart (they are judgements of someone else's answer, not answers), as are skips. Every figure comes
 * from the current metric code: a stored score of another METRIC_VERSION (a rescore still running) is
 * recomputed here, so a table never mixes versions.
 */
export function benchmarkTable(db: Db, sources?: string[]): TableRow[] {
  // Responses are only ever added, and otherwise change only by a rescore (which moves them to the
  // current version) or a new label version: count, last rowid, the current-version count and the last
  // label version identify the table's inputs, so the (seconds-long, at 100k responses) aggregation runs
  // once per change, not once per page view.
  const stamp = db.$client
    .prepare(`select count(*) n, max(rowid) last, count(case when metric_version = ${METRIC_VERSION} then 1 end) cur, (select max(rowid) from label_versions) labels from responses`)
    .get() as { n: number; last: number | null; cur: number; labels: number | null };
  const key = `${stamp.n}:${stamp.last}:${stamp.cur}:${stamp.labels}:${sources?.join('\u0000') ?? ''}`;
  const hit = tableCache.get(db);
  if (hit?.key === key) return hit.rows;
  const rows = computeTable(db, sources);
  tableCache.set(db, { key, rows });
  return rows;
}

const tableCache = new WeakMap<Db, { key: string; rows: TableRow[] }>();

function computeTable(db: Db, sources?: string[]): TableRow[] {
  const agg = new TableAggregator();
  const where = and(
    eq(questions.pool, 'benchmark'),
    // Rejected questions leave the benchmark (excludedQuestions says how many).
    ne(questions.reviewStatus, 'rejected'),
    eq(responses.kind, 'answer'),
    sources && sources.length > 0 ? inArray(responses.source, sources) : undefined,
  );
  const rows = db
    .select({
      id: responses.id,
      questionId: responses.questionId,
      task: questions.task,
      source: responses.source,
      annotator: responses.annotator,
      scores: responses.scores,
      metricVersion: responses.metricVersion,
      assignmentId: responses.assignmentId,
    })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(where)
    .all();
  const question = db.$client.prepare('select id, width, height, item from questions where id = ?');
  const output = db.$client.prepare('select output from responses where id = ?').pluck();
  for (const r of rows) {
    if (!r.scores) continue;
    let scores = decodeScores(r.scores);
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

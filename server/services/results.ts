/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { TableAggregator, type TableRow } from '../../shared/metrics/aggregate';
import { decodeScores } from './scoring';
import type { Db } from '../db/client';
import { questions, responses } from '../db/schema';

/**
 * Rows for every source with scored answers to benchmark questions. Verification responses are kept
 * apart (they are judgements of someone else's answer, not answers), as are skips.
 */
export function benchmarkTable(db: Db, sources?: string[]): TableRow[] {
  // Responses are only ever added, and scores change only with a new label version: the responses'
  // count and last rowid plus the last label version identify the table's inputs, so the
  // (seconds-long, at 100k responses) aggregation runs once per change, not once per page view.
  const stamp = db.$client
    .prepare('select count(*) n, max(rowid) last, (select max(rowid) from label_versions) labels from responses')
    .get() as { n: number; last: number | null; labels: number | null };
  const key = `${stamp.n}:${stamp.last}:${stamp.labels}:${sources?.join('\u0000') ?? ''}`;
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
      questionId: responses.questionId,
      task: questions.task,
      source: responses.source,
      annotator: responses.annotator,
      scores: responses.scores,
    })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(where)
    .all();
  for (const r of rows) {
    if (!r.scores) continue;
    agg.add({
      questionId: r.questionId,
      task: r.task,
      source: r.source,
      annotator: r.annotator ?? undefined,
      scores: decodeScores(r.scores),
    });
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

/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { and, eq, inArray } from 'drizzle-orm';
import { TableAggregator, type TableRow } from '../../shared/metrics';
import { decodeScores } from './scoring';
import type { Db } from '../db/client';
import { questions, responses } from '../db/schema';

/**
 * Rows for every source with scored answers to benchmark questions. Verification responses are kept
 * apart (they are judgements of someone else's answer, not answers), as are skips.
 */
export function benchmarkTable(db: Db, sources?: string[]): TableRow[] {
  const agg = new TableAggregator();
  const where = and(
    eq(questions.pool, 'benchmark'),
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

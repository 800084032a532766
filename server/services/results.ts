/** The benchmark table from the database: humans and models, through the shared aggregator. */
import { TableAggregator, type TableRow } from '../../shared/metrics';
import type { Task } from '../../shared/answers';
import { decodeScores } from './scoring';
import type { Db } from '../db/client';
import { COUNTS_IN_TABLE, tableStamp } from './baseline/included';

/**
 * Rows for every source with scored answers to benchmark questions. Verification responses are kept
 * apart (they are judgements of someone else's answer, not answers), as are skips, questions a
 * curator excluded and, in the Human row, excluded contributors (baseline/included.ts).
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
    `select r.question_id questionId, q.task, r.source, r.annotator, r.scores from responses r
     join questions q on q.id = r.question_id where ${COUNTS_IN_TABLE}${bySource}`,
  );
  const rows = stmt.iterate(...(sources ?? [])) as IterableIterator<{ questionId: string; task: Task; source: string; annotator: string | null; scores: string }>;
  for (const r of rows) {
    agg.add({
      questionId: r.questionId,
      task: r.task,
      source: r.source,
      annotator: r.annotator ?? undefined,
      scores: decodeScores(JSON.parse(r.scores)),
    });
  }
  return agg.rows();
}

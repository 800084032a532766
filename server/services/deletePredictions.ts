/**
 * Deleting one source's imported predictions (to replace them: delete, then import the new file).
 * Crowd responses given in the app (those with an assignment) are never deleted this way; the crowd
 * stats of the touched questions are recomputed in the same transaction when the source is Human.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { BadInputError } from '../../shared/errors';
import { HUMAN_SOURCE } from '../../shared/metrics/aggregate';
import type { Db } from '../db/client';
import { responses } from '../db/schema';
import { recomputeCrowdStats } from './review/crowdStats';
import { flushSums } from './tableSums';
import { visibleResponses } from '../db/visibility';

export function deletePredictions(db: Db, source: string): { source: string; deleted: number } {
  // Never a pending import's staged rows: deleting some of them would publish that import incomplete.
  const imported = and(eq(responses.source, source), isNull(responses.assignmentId), visibleResponses);
  return db.transaction((tx) => {
    // SEES_STAGED (this and the delete): `imported` holds visibleResponses.
    const touched = tx.selectDistinct({ q: responses.questionId }).from(responses).where(imported).all();
    if (touched.length === 0) throw new BadInputError(`no imported predictions from source '${source}'`);
    // SEES_STAGED: as above.
    const deleted = tx.delete(responses).where(imported).run().changes;
    if (source === HUMAN_SOURCE) for (const { q } of touched) recomputeCrowdStats(tx, q);
    flushSums(db.$client);
    return { source, deleted };
  });
}

/** Sources with imported predictions and how many (responses_source_annotator_idx, by its prefix). */
export function importedSources(db: Db) {
  return db
    .select({ source: responses.source, n: sql<number>`count(*)` })
    .from(responses)
    .where(and(isNull(responses.assignmentId), visibleResponses))
    .groupBy(responses.source)
    .all();
}

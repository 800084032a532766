/**
 * Scores follow the label: when a label changes, every stored response to the question is scored
 * again against it, inside the caller's transaction, with the same shared scorer that stored them.
 */
import { eq } from 'drizzle-orm';
import type { Scores } from '../../../shared/metrics/scores';
import { answerSchema, scoreParsed } from '../../../shared/tasks';
import type { DbOrTx } from '../../db/client';
import { responses } from '../../db/schema';
import { encodeScores, scorableItem, scoreStored, type StoredQuestion } from '../scoring';
import { recomputeCrowdStats } from './crowdStats';

/**
 * One stored output scored against the question's current label: crowd answers are stored as parsed
 * answers (scored as such, as when they were submitted), predictions as the raw text or points.
 */
function scoreOutput(q: StoredQuestion, output: unknown): Scores {
  const parsed = answerSchema.safeParse(output);
  return parsed.success ? scoreParsed(scorableItem(q), parsed.data) : scoreStored(q, output);
}

/** Rescores the question's scored responses (skips have none) and refreshes its crowd stats; returns how many. */
export function rescoreQuestion(tx: DbOrTx, q: StoredQuestion): number {
  // SEES_STAGED: a staged row is rescored too, or it would be published with scores of the old label.
  const rows = tx
    .select({ id: responses.id, output: responses.output, scores: responses.scores })
    .from(responses)
    .where(eq(responses.questionId, q.id))
    .all();
  let n = 0;
  for (const r of rows) {
    if (r.scores === null) continue;
    tx.update(responses).set({ scores: encodeScores(scoreOutput(q, r.output)) }).where(eq(responses.id, r.id)).run();
    n++;
  }
  recomputeCrowdStats(tx, q.id);
  return n;
}

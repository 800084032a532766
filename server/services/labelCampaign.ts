/**
 * The label-verification campaign: a separate campaign (its own link, `?campaign=labels`, and its own
 * setting, off by default) whose batches show benchmark labels for the crowd to judge. It is the one
 * place contributors are shown ground truth, by design, so:
 * - its participants are never given answer items of the questions they verified, matched by browser
 *   token (a baseline batch keeps `labels_participant_id`) and by platform id (assignment.ts
 *   `questionsOfPerson`, applied whenever a baseline batch binds a question);
 * - its responses are verifications (kind `verify`), which never enter the Human row of the table;
 * - the baseline campaign never shows a label (its verify items are models' answers only).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { assignments, questions } from '../db/schema';
import type { PlannedAssignment } from './assignment';

/**
 * A label-campaign batch: `n` benchmark labels (not rejected), those with the fewest label
 * verifications first, none this participant has seen.
 */
export function planLabelBatch(db: DbOrTx, participantId: string, n: number): PlannedAssignment[] {
  return db
    .select({ questionId: questions.id, task: questions.task })
    .from(questions)
    .where(
      and(
        eq(questions.pool, 'benchmark'),
        sql`${questions.reviewStatus} <> 'rejected'`,
        sql`not exists (select 1 from ${assignments} a where a.question_id = "questions"."id" and a.participant_id = ${participantId})`,
      ),
    )
    .orderBy(sql`${questions.verifyYes} + ${questions.verifyNo}`, sql`random()`)
    .limit(n)
    .all()
    .map((r) => ({ questionId: r.questionId, task: r.task, mode: 'verify' as const }));
}

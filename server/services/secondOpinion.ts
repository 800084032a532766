/**
 * "Redundancy where it matters" (the `redundancyByDisagreement` setting, off by default: the paper chose
 * the questions answered twice at random, and choosing them by score can shift the Human row). When on,
 * the second answers the redundancy share allows go first to the questions whose first crowd answer
 * agrees least with the label, then to the rest at random — so second opinions land where the person or
 * the label is likely wrong, and the curate queue's "crowd disagrees with the label" filter fills.
 *
 * Each question keeps its first answer's score (`questions.first_answer_score`, set in the submit
 * transaction), and `redundancy_counts` keeps per task how many questions there are and how many hold
 * two or more slots (SQL triggers, migrations/0011). A pick is then one primary-key read and one walk
 * of the (pool, task, load, first_answer_score, hash_rank) index: no count over the dataset.
 */
import { eq, sql } from 'drizzle-orm';
import { HUMAN_SOURCE } from '../../shared/metrics/aggregate';
import type { Scores } from '../../shared/metrics/scores';
import type { Task } from '../../shared/tasks';
import type { Db, DbOrTx } from '../db/client';
import { questions, redundancyCounts, settings } from '../db/schema';
import { agreementOf } from './review/agreement';
import { decodeScores } from './scoring';
import { visible } from '../db/visibility';

/**
 * The rule, 0 (disagrees) to 1 (agrees): the curate queue's agreement with the label
 * (review/agreement.ts: pose IoU 3D, or IoU 2D where the item has no 3D box; grasp 1 − NCE/0.2, floored
 * at 0; rearrangement the mean of recall and precision; yes/no 1 when correct), except trajectory,
 * whose success alone would tie every failure: a success scores 0.5 and the path's closeness adds up to
 * 0.5 (1 − distance error / image diagonal, floored at 0). A failure thus stays below 0.5, the queue's
 * "disagrees" line, as in the queue. An invalid answer scores 0.
 */
export function firstAnswerScore(task: Task, s: Scores, width: number, height: number): number {
  if (!s.valid) return 0;
  if (task !== 'trajectory') return agreementOf(s);
  const dist = s.dist ?? Infinity;
  const closeness = Number.isFinite(dist) ? Math.max(0, 1 - dist / Math.hypot(width, height)) : 0;
  return 0.5 * (s.success ?? 0) + 0.5 * closeness;
}

/** The sentence of the table's notes on how the questions answered twice were chosen. */
export function secondOpinionRule(isByDisagreement: boolean, share: number): string {
  const target = `${Math.round(share * 100)}%`;
  return isByDisagreement
    ? `Questions answered by a second contributor (target ${target}) went first to those whose first answer agreed least with the label ` +
        '(pose IoU 3D, or 2D without a 3D box; trajectory success plus path closeness; grasp 1 − NCE/0.2; rearrangement mean of recall and precision; yes/no correct), ' +
        'then at random; unlike the paper, this can lower the Human row.'
    : `Questions answered by a second contributor (target ${target}) were chosen at random (a stable share by question id), as in the paper.`;
}

/** `questions.first_answer_score` of a question with no crowd answer yet: after every score. */
export const NO_FIRST_ANSWER = 2;

/**
 * The earliest crowd answer of each question in `questionIds` (a few responses each, through
 * responses_question_idx) as its first-answer score; NO_FIRST_ANSWER when it has none.
 */
function firstScores(db: DbOrTx, questionIds: string[]): Map<string, number> {
  const out = new Map<string, number>(questionIds.map((id) => [id, NO_FIRST_ANSWER]));
  for (const id of questionIds) {
    const row = db.get<{ task: Task; width: number; height: number; scores: string } | undefined>(
      sql`select q.task, q.width, q.height, r.scores from responses r join questions q on q.id = r.question_id
           where r.question_id = ${id} and r.source = ${HUMAN_SOURCE} and r.kind = 'answer' and r.assignment_id is not null
             and r.scores is not null and ${sql.raw(visible('r'))}
           order by r.rowid limit 1`,
    );
    if (row) out.set(id, firstAnswerScore(row.task, decodeScores(JSON.parse(row.scores) as Record<string, unknown>), row.width, row.height));
  }
  return out;
}

/** After a question's responses were rescored (a label change) or deleted: its first answer's score again. */
export function recomputeFirstAnswerScore(tx: DbOrTx, questionId: string): void {
  const score = firstScores(tx, [questionId]).get(questionId) ?? NO_FIRST_ANSWER;
  tx.update(questions).set({ firstAnswerScore: score }).where(eq(questions.id, questionId)).run();
}

const FILLED_KEY = 'secondOpinion.firstScoresFilled';

/**
 * Once per database, at server start: first-answer scores for answers stored before the column
 * existed (migrations/0010). Reads each answered question once; later answers set theirs on submit.
 */
export function fillFirstAnswerScores(db: Db): number {
  if (db.select({ v: settings.value }).from(settings).where(eq(settings.key, FILLED_KEY)).get()) return 0;
  return db.transaction((tx) => {
    const ids = tx
      .all<{ id: string }>(
        sql`select distinct question_id id from responses r where source = ${HUMAN_SOURCE} and kind = 'answer' and assignment_id is not null and ${sql.raw(visible('r'))}`,
      )
      .map((r) => r.id);
    const scores = firstScores(tx, ids);
    for (const [id, score] of scores) tx.update(questions).set({ firstAnswerScore: score }).where(eq(questions.id, id)).run();
    tx.insert(settings).values({ key: FILLED_KEY, value: 1 }).onConflictDoNothing().run();
    return ids.length;
  });
}

/**
 * Second answers still wanted in `task`: round(share × its questions) less the questions already
 * holding two or more slots. One primary-key read of `redundancy_counts`.
 */
export function secondOpinionsLeft(db: DbOrTx, task: Task, share: number): number {
  const c = db.select().from(redundancyCounts).where(eq(redundancyCounts.task, task)).get();
  return c ? Math.round(share * c.questions) - c.doubled : 0;
}

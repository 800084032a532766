/**
 * Curators leave contributors or questions out of the table, with a reason, and can take it back.
 * The table and its notes move at once (the exclusion bumps the table's input stamp).
 */
import { eq } from 'drizzle-orm';
import { AppError, BadInputError } from '../../../shared/errors';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import type { Db } from '../../db/client';
import { contributorExclusions, questionExclusions, questions } from '../../db/schema';
import { bumpTableVersion } from './included';
import { flushSums } from '../tableSums';
import { visible } from '../../db/visibility';

export const MAX_REASON_LENGTH = 500;

function checkReason(reason: string): string {
  const r = reason.trim();
  if (r === '') throw new BadInputError('an exclusion needs a reason');
  if (r.length > MAX_REASON_LENGTH) throw new BadInputError(`a reason has at most ${MAX_REASON_LENGTH} characters, got ${r.length}`);
  return r;
}

export function excludeContributor(db: Db, annotator: string, reason: string, userId: number | null): void {
  const why = checkReason(reason);
  const known = db.$client.prepare(`select 1 from responses r where source = ? and annotator = ? and ${visible('r')} limit 1`).get(HUMAN_SOURCE, annotator);
  if (!known) throw new AppError('NOT_FOUND', `no contributor '${annotator}' has answered`);
  db.transaction((tx) => {
    tx.insert(contributorExclusions).values({ annotator, reason: why, excludedBy: userId })
      .onConflictDoUpdate({ target: contributorExclusions.annotator, set: { reason: why, excludedBy: userId } }).run();
    bumpTableVersion(tx);
    flushSums(db.$client);
  });
}

export function includeContributor(db: Db, annotator: string): void {
  db.transaction((tx) => {
    const r = tx.delete(contributorExclusions).where(eq(contributorExclusions.annotator, annotator)).run();
    if (r.changes === 0) throw new AppError('NOT_FOUND', `contributor '${annotator}' is not excluded`);
    bumpTableVersion(tx);
    flushSums(db.$client);
  });
}

export function excludeQuestion(db: Db, questionId: string, reason: string, userId: number | null): void {
  const why = checkReason(reason);
  const q = db.select({ pool: questions.pool }).from(questions).where(eq(questions.id, questionId)).get();
  if (!q) throw new AppError('NOT_FOUND', `no question '${questionId}'`);
  if (q.pool !== 'benchmark') throw new BadInputError(`'${questionId}' is a practice question, never in the table`);
  db.transaction((tx) => {
    tx.insert(questionExclusions).values({ questionId, reason: why, excludedBy: userId })
      .onConflictDoUpdate({ target: questionExclusions.questionId, set: { reason: why, excludedBy: userId } }).run();
    bumpTableVersion(tx);
    flushSums(db.$client);
  });
}

export function includeQuestion(db: Db, questionId: string): void {
  db.transaction((tx) => {
    const r = tx.delete(questionExclusions).where(eq(questionExclusions.questionId, questionId)).run();
    if (r.changes === 0) throw new AppError('NOT_FOUND', `question '${questionId}' is not excluded`);
    bumpTableVersion(tx);
    flushSums(db.$client);
  });
}

export interface ExclusionSummary {
  contributors: { annotator: string; reason: string; responses: number }[];
  questions: { questionId: string; reason: string; responses: number }[];
}

/** What the table leaves out, with the responses each exclusion removes (drawn answers only). */
export function exclusionSummary(db: Db): ExclusionSummary {
  const contributors = db.$client
    .prepare(`select ce.annotator, ce.reason, (select count(*) from responses r where r.source = ? and r.annotator = ce.annotator
      and r.kind = 'answer' and ${visible('r')}) responses from contributor_exclusions ce order by ce.created_at, ce.annotator`)
    .all(HUMAN_SOURCE) as ExclusionSummary['contributors'];
  const qs = db.$client
    .prepare(`select qe.question_id questionId, qe.reason, (select count(*) from responses r where r.question_id = qe.question_id
      and r.kind = 'answer' and ${visible('r')}) responses from question_exclusions qe order by qe.created_at, qe.question_id`)
    .all() as ExclusionSummary['questions'];
  return { contributors, questions: qs };
}

/** The table's sentences about what it leaves out and by which rule. */
export function exclusionNotes(s: ExclusionSummary): string[] {
  const notes: string[] = [];
  if (s.contributors.length > 0) {
    const responses = s.contributors.reduce((n, c) => n + c.responses, 0);
    const reasons = new Map<string, number>();
    for (const c of s.contributors) reasons.set(c.reason, (reasons.get(c.reason) ?? 0) + 1);
    const why = [...reasons].map(([r, n]) => `${n} × "${r}"`).join(', ');
    notes.push(`Human row excludes ${s.contributors.length} contributor(s) and their ${responses} response(s), by curator decision: ${why}.`);
  }
  if (s.questions.length > 0) {
    const responses = s.questions.reduce((n, q) => n + q.responses, 0);
    notes.push(`Every row excludes ${s.questions.length} question(s) rejected by a curator (${responses} response(s)); coverage counts the remaining questions.`);
  }
  return notes;
}

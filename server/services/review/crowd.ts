/**
 * The crowd beside the label (curators only): every human and model answer to one question, a page
 * at a time, each scored against the question's CURRENT label by the shared metric code. Stored scores
 * should already be against it (every label change rescores in its transaction), but a row scored by an
 * older metric version, or written by hand, would say otherwise: the page scores afresh and flags a
 * stored score that disagrees, so what the curator sees is always the current label's verdict.
 *
 * Bounded at any size: the page walks responses_question_idx (question_id, rowid) from the cursor, so
 * a request reads one question's rows, never the table's.
 */
import { AppError } from '../../../shared/errors';
import type { Answer } from '../../../shared/tasks';
import type { Scores } from '../../../shared/metrics/scores';
import type { Db } from '../../db/client';
import { storedAnswer } from '../baseline/included';
import { decodeScores, encodeScores, rescoreOutput, type StoredQuestion } from '../scoring';
import { agreementOf } from './agreement';
import { visible } from '../../db/visibility';

export interface CrowdAnswer {
  responseId: string;
  /** Position in the question's answers (0-based, stable across pages): the overlay's colour index. */
  index: number;
  source: string;
  annotator: string | null;
  /** Null: the output cannot be read as the task's answer (nothing to draw, nothing to adopt). */
  answer: Answer | null;
  scores: Scores;
  /** 0–1, how closely it agrees with the current label (the queue's measure). */
  agreement: number;
  /** The stored score differs from the current label's (a rescore is due); the shown one is fresh. */
  isStoredStale: boolean;
  timeMs: number | null;
}

interface Row {
  rowid: number;
  id: string;
  source: string;
  annotator: string | null;
  output: string | null;
  scores: string | null;
  assignmentId: number | null;
  timeMs: number | null;
}

export function loadQuestion(db: Db, id: string): StoredQuestion & { task: Answer['task'] } {
  const q = db.$client.prepare('select id, task, width, height, item from questions where id = ?').get(id) as
    | { id: string; task: Answer['task']; width: number; height: number; item: string }
    | undefined;
  if (!q) throw new AppError('NOT_FOUND', `no question with id '${id}'`);
  return { ...q, item: JSON.parse(q.item) as Record<string, unknown> };
}

/** One page of answers (not verifications or skips) in the order they were stored; `next` is the cursor. */
export function crowdAnswers(db: Db, input: { id: string; cursor?: number | null; limit: number }) {
  const q = loadQuestion(db, input.id);
  const after = input.cursor ?? 0;
  const rows = db.$client
    .prepare(
      `select r.rowid, r.id, r.source, r.annotator, r.output, r.scores, r.assignment_id assignmentId, r.time_ms timeMs
         from responses r indexed by responses_question_idx
        where r.question_id = ? and r.rowid > ? and r.kind = 'answer' and ${visible('r')}
        order by r.rowid limit ?`,
    )
    .all(q.id, after, input.limit + 1) as Row[];
  const page = rows.slice(0, input.limit);
  // The index of the first row of the page: the answers before the cursor (an index range count).
  const before = after === 0 ? 0 : (db.$client
    .prepare(`select count(*) from responses r indexed by responses_question_idx where question_id = ? and rowid <= ? and kind = 'answer' and ${visible('r')}`)
    .pluck()
    .get(q.id, after) as number);
  const answers = page.map((r, i): CrowdAnswer => {
    const output: unknown = r.output === null ? null : JSON.parse(r.output);
    const scores = rescoreOutput(q, output, r.assignmentId !== null);
    const stored = r.scores === null ? null : decodeScores(JSON.parse(r.scores) as Record<string, unknown>);
    return {
      responseId: r.id,
      index: before + i,
      source: r.source,
      annotator: r.annotator,
      answer: storedAnswer(q.task, output),
      scores,
      agreement: agreementOf(scores),
      isStoredStale: stored === null || JSON.stringify(encodeScores(stored)) !== JSON.stringify(encodeScores(scores)),
      timeMs: r.timeMs,
    };
  });
  const total = db.$client
    .prepare(`select count(*) from responses r indexed by responses_question_idx where question_id = ? and kind = 'answer' and ${visible('r')}`)
    .pluck()
    .get(q.id) as number;
  return { id: q.id, total, answers, next: rows.length > input.limit ? page[page.length - 1].rowid : null };
}

/**
 * The statements of reading a contributor's batch (annotate.ts getBatch), prepared once per
 * connection as plain SQL, as the submit's are (submitQueries.ts): the page reads its batch after
 * every answer, and drizzle's building and row mapping cost more than these indexed lookups.
 */
import type Database from 'better-sqlite3';
import type { Task } from '../../shared/tasks';
import type { Db } from '../db/client';
import type { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../db/schema';

export interface BatchParticipant {
  id: string;
  externalId: string | null;
  completionCode: string | null;
  campaign: 'baseline' | 'labels';
}

/** One reached item: its assignment and its question (the item parsed, and as stored). */
export interface BatchRow {
  a: { id: number; position: number; mode: (typeof ASSIGNMENT_MODES)[number]; status: (typeof ASSIGNMENT_STATUSES)[number]; verifyResponseId: string | null };
  q: { id: string; task: Task; imageKey: string; width: number; height: number; question: string; item: Record<string, unknown>; itemText: string };
}

function prepare(client: Database.Database) {
  const participant = client.prepare('select id, external_id externalId, completion_code completionCode, campaign from participants where id = ?');
  const nextOpen = client.prepare(
    "select id, task, question_id questionId from assignments where participant_id = ? and status = 'open' and mode = 'answer' order by position limit ?",
  );
  const rows = client.prepare(`select a.id, a.position, a.mode, a.status, a.verify_response_id verifyResponseId,
      q.id questionId, q.task, q.image_key imageKey, q.width, q.height, q.question, q.item
    from assignments a join questions q on q.id = a.question_id where a.participant_id = ? order by a.position`);
  const bind = client.prepare('update assignments set question_id = ?, task = ?, bound_at = ? where id = ?');
  const counts = client.prepare("select count(*) total, coalesce(sum(status != 'open'), 0) done from assignments where participant_id = ?");
  return {
    participant: (id: string) => participant.get(id) as BatchParticipant | undefined,
    /** The first `n` open answer positions, in order (bound or not). */
    nextOpen: (participantId: string, n: number) => nextOpen.all(participantId, n) as { id: number; task: Task | null; questionId: string | null }[],
    rows: (participantId: string): BatchRow[] =>
      (rows.all(participantId) as (BatchRow['a'] & Omit<BatchRow['q'], 'id' | 'item' | 'itemText'> & { questionId: string; item: string })[]).map((r) => ({
        a: { id: r.id, position: r.position, mode: r.mode, status: r.status, verifyResponseId: r.verifyResponseId },
        q: { id: r.questionId, task: r.task, imageKey: r.imageKey, width: r.width, height: r.height, question: r.question, item: JSON.parse(r.item) as Record<string, unknown>, itemText: r.item },
      })),
    /** Binds a question to an answer position, its hold running from `now` (epoch ms). */
    bind: (assignmentId: number, questionId: string, task: Task, now: number) => bind.run(questionId, task, now, assignmentId),
    counts: (participantId: string) => counts.get(participantId) as { total: number; done: number },
  };
}

const byConnection = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

export function batchQueries(db: Db): ReturnType<typeof prepare> {
  let q = byConnection.get(db.$client);
  if (!q) byConnection.set(db.$client, (q = prepare(db.$client)));
  return q;
}

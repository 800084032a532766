/**
 * The statements of a submit, prepared once per connection as plain SQL. A submit is the one request
 * every contributor makes for every item, so it does not go through drizzle: drizzle builds a query's
 * SQL anew on every call and maps every row through its column objects, and under load
 * (bench/load.ts) that building and mapping cost more than running these indexed lookups. Each
 * statement names the columns it needs, and the few conversions (a timestamp, a boolean, JSON) are
 * written out below, beside the table definitions in db/schema.ts they mirror.
 */
import type Database from 'better-sqlite3';
import type { Task } from '../../shared/tasks';
import type { Db } from '../db/client';
import type { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../db/schema';

export interface SubmitAssignment {
  id: number;
  questionId: string | null;
  position: number;
  mode: (typeof ASSIGNMENT_MODES)[number];
  status: (typeof ASSIGNMENT_STATUSES)[number];
  /** assignments.bound_at (epoch ms), as drizzle's `timestamp_ms` would give it. */
  boundAt: number | null;
}

/** The columns scoring needs, with the stored item as its JSON text (scoring.ts caches by that text). */
export interface SubmitQuestion {
  id: string;
  task: Task;
  width: number;
  height: number;
  itemText: string;
  /** questions.first_answer_score: above 1 while the question has no crowd answer (secondOpinion.ts). */
  firstAnswerScore: number;
}

/** A submit's item with its participant and, once bound, its question: one row, read by one statement. */
export interface SubmitTarget extends SubmitAssignment {
  participantId: string;
  question: SubmitQuestion | undefined;
}

/** A response row as the submit writes it; JSON columns already encoded. */
export interface SubmitRow {
  id: string;
  questionId: string;
  source: string;
  annotator: string;
  kind: 'answer' | 'verify' | 'skip';
  assignmentId: number;
  output: string | null;
  isCorrectVerdict: boolean | null;
  skipReason: string | null;
  timeMs: number;
  scores: string | null;
  metricVersion: number | null;
}

function prepare(client: Database.Database) {
  const participantId = client.prepare('select id from participants where token = ?').pluck();
  // SEES_STAGED: a submit's own client-made id, looked up to tell a retry from a new answer.
  const response = client.prepare('select id, assignment_id assignmentId from responses where id = ?');
  // The item, its participant (by the token) and its question in one lookup: three probes of primary
  // or unique keys, one statement. No row: an unknown token, or an item not in that batch.
  const target = client.prepare(`select a.id, a.question_id questionId, a.position, a.mode, a.status, a.bound_at boundAt, p.id participantId,
      q.task, q.width, q.height, q.item itemText, q.first_answer_score firstAnswerScore
    from participants p join assignments a on a.id = ? and a.participant_id = p.id left join questions q on q.id = a.question_id
    where p.token = ?`);
  const statuses = client.prepare('select mode, status from assignments where participant_id = ?');
  // By the batch (assignments_participant_idx): `+status` keeps SQLite from walking every open item of
  // every batch by the hold index (status, bound_at) until it meets one of this participant's.
  // Rows changed on this connection so far, triggers' included (a failed statement's are not counted).
  const changes = client.prepare('select total_changes()').pluck();
  const dirty = client.prepare('select 1 from sums_dirty where source = ? and question_id = ?').pluck();
  const anyOpen = client.prepare("select 1 from assignments where participant_id = ? and +status = 'open' limit 1").pluck();
  const insert = client.prepare(`insert into responses
    (id, question_id, source, annotator, kind, assignment_id, output, is_correct_verdict, skip_reason, time_ms, scores, metric_version)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const setStatus = client.prepare('update assignments set status = ? where id = ?');
  const setCompletionCode = client.prepare('update participants set completion_code = ? where id = ?');
  const addLoad = client.prepare('update questions set load = load + ? where id = ?');
  // Only the first crowd answer sets it (secondOpinion.ts: above 1 means "no first answer yet"). The
  // caller runs it only when the row it read says so; the condition stays for a concurrent first answer.
  const noteFirstAnswer = client.prepare('update questions set first_answer_score = ? where id = ? and first_answer_score > 1');
  return {
    participantIdByToken: (token: string) => participantId.get(token) as string | undefined,
    responseById: (id: string) => response.get(id) as { id: string; assignmentId: number | null } | undefined,
    targetOf: (token: string, assignmentId: number): SubmitTarget | undefined => {
      const r = target.get(assignmentId, token) as (SubmitAssignment & Omit<SubmitQuestion, 'id'> & { participantId: string }) | undefined;
      if (!r) return undefined;
      const { task, width, height, itemText, firstAnswerScore, participantId, ...a } = r;
      const question = a.questionId === null || task === null ? undefined : { id: a.questionId, task, width, height, itemText, firstAnswerScore };
      return { ...a, participantId, question };
    },
    hasOpenItem: (participant: string) => anyOpen.get(participant) !== undefined,
    isDirty: (source: string, questionId: string) => dirty.get(source, questionId) !== undefined,
    totalChanges: () => changes.get() as number,
    statusesOf: (participant: string) => statuses.all(participant) as Pick<SubmitAssignment, 'mode' | 'status'>[],
    insertResponse: (r: SubmitRow) =>
      insert.run(r.id, r.questionId, r.source, r.annotator, r.kind, r.assignmentId, r.output, r.isCorrectVerdict === null ? null : Number(r.isCorrectVerdict), r.skipReason, r.timeMs, r.scores, r.metricVersion),
    setStatus: (id: number, status: SubmitAssignment['status']) => setStatus.run(status, id),
    setCompletionCode: (participant: string, code: string) => setCompletionCode.run(code, participant),
    addLoad: (questionId: string, delta: number) => addLoad.run(delta, questionId),
    noteFirstAnswer: (questionId: string, score: number) => noteFirstAnswer.run(score, questionId),
  };
}

export type SubmitQueries = ReturnType<typeof prepare>;

/** One set per connection: handles are opened and closed by tests, so the set goes with its connection. */
const byConnection = new WeakMap<Database.Database, SubmitQueries>();

export function submitQueries(db: Db): SubmitQueries {
  let q = byConnection.get(db.$client);
  if (!q) byConnection.set(db.$client, (q = prepare(db.$client)));
  return q;
}

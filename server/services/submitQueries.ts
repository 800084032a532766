/**
 * The reads of a submit, built and prepared once per database handle. drizzle builds a query's SQL
 * anew on every call (walking its query objects), which cost more than running these indexed
 * lookups: under load (bench/load.ts) the building was most of a submit's time. Prepared queries
 * run on the connection they were made on, so inside a transaction on it they read that transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { assignments, participants, questions, responses } from '../db/schema';

function prepare(db: Db) {
  const p = sql.placeholder;
  return {
    participantByToken: db.select().from(participants).where(eq(participants.token, p('token'))).prepare(),
    assignmentOf: db
      .select()
      .from(assignments)
      .where(and(eq(assignments.id, p('id')), eq(assignments.participantId, p('participantId'))))
      .prepare(),
    // SEES_STAGED: a submit's own client-made id, looked up to tell a retry from a new answer.
    responseById: db.select().from(responses).where(eq(responses.id, p('id'))).prepare(),
    questionById: db.select().from(questions).where(eq(questions.id, p('id'))).prepare(),
    statusesOf: db.select({ mode: assignments.mode, status: assignments.status }).from(assignments).where(eq(assignments.participantId, p('participantId'))).prepare(),
  };
}

export type SubmitQueries = ReturnType<typeof prepare>;

/** One set per connection: handles are opened and closed by tests, so the set goes with its connection. */
const byConnection = new WeakMap<Database.Database, SubmitQueries>();

export function submitQueries(db: Db): SubmitQueries {
  let q = byConnection.get(db.$client);
  if (!q) byConnection.set(db.$client, (q = prepare(db)));
  return q;
}

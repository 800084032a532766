/**
 * Group commit of contributors' submits. Submits that reach the server in the same turn of its event
 * loop are stored in one immediate transaction, each in its own savepoint, and none is answered before
 * that transaction has committed: an acknowledged answer is as durable as with a transaction of its
 * own (`synchronous = FULL`: on disk), but a commit — its WAL frames and, on disk, its fsync — and the
 * table's per-task totals (read, moved, written once per group, not once per answer) are shared.
 * Under load, 50 connections submitting at once no longer queue behind 50 fsyncs.
 *
 * A submit that fails on its own — refused (an AppError: bad input, a conflict, an unknown batch) or
 * broken (a corrupted stored question, a constraint) — gets its error, with none of its writes kept;
 * the others are stored. Refusals come before a submit's first write, so a group is stored without
 * savepoints first; one that failed after writing has the group stored again with a savepoint per
 * submit, rolled back to for that one. Only a failure of the database itself (busy, full, an I/O
 * error, or the transaction gone) fails the whole group, and each client retries its answer as it
 * would have.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/client';
import { settleSubmit, submitInTransaction, type SubmitInput, type SubmitOutcome, type SubmitResult } from './annotate';
import { submitQueries } from './submitQueries';
import { flushSubmitted, type SubmittedAnswer } from './tableSums';

/** At most this many submits a transaction, so the write lock is held for a few ms (~0.2 ms each). */
export const MAX_GROUP = 32;

interface Pending {
  input: SubmitInput;
  now: number;
  resolve: (r: SubmitResult) => void;
  reject: (err: unknown) => void;
}

const queues = new WeakMap<Database.Database, Pending[]>();

/** Groups committed, submits in them, and groups stored again with savepoints, since start (bench:load reports them). */
export const groupStats = { groups: 0, submits: 0, redone: 0 };

/** Stores a submit with the others of this turn; resolves once their transaction has committed. */
export function submitGrouped(db: Db, input: SubmitInput): Promise<SubmitResult> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(db.$client);
    if (!queue) queues.set(db.$client, (queue = []));
    queue.push({ input, now: Date.now(), resolve, reject });
    // The first of a turn schedules the group; the rest of the turn's submits join it.
    if (queue.length === 1) setImmediate(() => drain(db, queue));
  });
}

/** SQLite result codes that say the database, not one submit, failed (primary codes; extended ones start so). */
const DATABASE_FAILURES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_NOMEM', 'SQLITE_CORRUPT', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB'];

function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DATABASE_FAILURES.some((c) => code === c || code.startsWith(`${c}_`));
}

type Settled = { ok: true; outcome: SubmitOutcome } | { ok: false; error: unknown };

/** Thrown out of the group's transaction (rolling it back) to store the group again, each submit in a savepoint. */
class NeedsSavepoints extends Error {}

function drain(db: Db, queue: Pending[]): void {
  const group = queue.splice(0, MAX_GROUP);
  if (queue.length > 0) setImmediate(() => drain(db, queue));
  const client = db.$client;
  // A savepoint per submit costs SQLite a copy of every page the submit touches (a sixth of its time,
  // bench/load.ts). So a group is first stored without them: a submit refused before its first write
  // (bad input, a conflict, an unknown batch: nearly every refusal) has nothing to undo and just gets
  // its error. Only a submit that fails after writing — which takes a broken database or a bug — sends
  // the whole group back, to be stored again with one savepoint each, as below.
  const isolate = (error: unknown) => error instanceof AppError || (client.inTransaction && !isDatabaseFailure(error));
  const store = (run: (p: Pending) => SubmitOutcome) =>
    client
      .transaction(() => {
        const out = group.map((p): Settled => {
          try {
            return { ok: true, outcome: run(p) };
          } catch (error) {
            if (error instanceof NeedsSavepoints || !isolate(error)) throw error;
            return { ok: false, error };
          }
        });
        const answers: SubmittedAnswer[] = [];
        let isStored = false;
        for (const s of out) {
          if (!s.ok || !('result' in s.outcome) || s.outcome.result.isRetry) continue;
          isStored = true;
          if (s.outcome.answer) answers.push(s.outcome.answer);
        }
        // The table moves in the same transaction: a page view never sees it stale. A skip or a
        // verification moves no sum but still changes the table's inputs (the contributors' figures).
        if (isStored) flushSubmitted(client, answers);
        return out;
      })
      .immediate();
  // Called inside the group's transaction, better-sqlite3 runs this in a savepoint.
  const inSavepoint = client.transaction((p: Pending) => submitInTransaction(db, p.input, p.now));
  let settled: Settled[];
  try {
    try {
      const q = submitQueries(db);
      settled = store((p) => {
        // SQLite's own count of changed rows tells whether a failed submit wrote anything, whatever
        // wrote it (a statement, a trigger, a helper), so nothing here relies on where writes are.
        const before = q.totalChanges();
        try {
          return submitInTransaction(db, p.input, p.now);
        } catch (error) {
          if (isolate(error) && q.totalChanges() !== before) throw new NeedsSavepoints();
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof NeedsSavepoints)) throw error;
      groupStats.redone++;
      settled = store(inSavepoint);
    }
  } catch (error) {
    for (const p of group) p.reject(error);
    return;
  }
  groupStats.groups++;
  groupStats.submits += group.length;
  group.forEach((p, i) => {
    const s = settled[i];
    if (!s.ok) return p.reject(s.error);
    try {
      p.resolve(settleSubmit(s.outcome));
    } catch (error) {
      p.reject(error);
    }
  });
}

/**
 * Staged imports: a large import writes its rows in many short transactions, invisible until it
 * publishes them all at once (server/db/visibility.ts), so it never holds the write lock for long and
 * stays all-or-nothing.
 *
 * - `beginImport` adds a `pending_imports` row (refusing while another import is running) after
 *   removing the rows of any import whose process died.
 * - `stageRows` inserts rows marked with that id, each transaction about CHUNK_MS long, then pauses
 *   GAP_MS: SQLite has no queue for its lock, and a writer waiting in its busy handler retries every
 *   1–25 ms in its first 130 ms; a pause at least that long lets it in instead of a next chunk.
 * - `publishImport` deletes the row (the rows become visible in that one short transaction) and notes
 *   what the table must recompute; `flushPaced` then brings the table's sums up to date in paced steps.
 * - `discardImport` removes the staged rows in paced chunks, then the row.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/client';
import { rewindCrowdStats } from './review/crowdStats';
import { rescoreQuestion } from './review/rescore';
import { flushStep, queueSourceRebuilds } from './tableSums';

/** Longest time a staging, discarding or flushing transaction is meant to hold the write lock. */
export const CHUNK_MS = 25;
/** Pause between two such transactions, when the lock is free for other writers (see above). */
export const GAP_MS = 25;
/** A pending import from another host with no heartbeat for this long is taken as dead. */
const STALE_MS = 10 * 60_000;
/** Pairs of one source noted one by one at publish; a source with more is rebuilt range by range. */
const PUBLISH_PAIRS = 2000;
/** Staged rows removed per transaction when an import is discarded. */
const DISCARD_ROWS = 2000;

/**
 * The pause after a transaction that held the write lock `holdMs`. SQLite's busy handler sleeps 1, 2,
 * 5, 10, 15, 20, 25, 25, 25, 50, 50 ms, then 100 ms at a time: a writer kept waiting past ~100 ms by a
 * slow step (a disk stall, a busy machine) retries only every 50, then every 100 ms, and a GAP_MS
 * pause in a ~50 ms cycle of steps is missed by every retry of the same phase (measured: a 220 ms
 * commit, then 700 ms more of a writer's wait through ten gaps). A pause as long as its sleep lets it in.
 */
function gapAfter(holdMs: number): number {
  if (holdMs < 90) return GAP_MS;
  if (holdMs < 165) return 60;
  return 110;
}

/**
 * Between two paced transactions: copies this one's pages from the WAL into the database file (a
 * passive checkpoint takes no write lock), so that the next commit of another writer — a contributor's
 * submit — does not do it in its own request (measured: up to hundreds of ms each), then pauses for
 * what is left of the gap (`gapAfter`): the lock was free for others while the checkpoint ran.
 */
async function pause(db: Db, holdMs: number): Promise<void> {
  const t0 = performance.now();
  db.$client.pragma('wal_checkpoint(PASSIVE)');
  await sleep(Math.max(0, gapAfter(holdMs) - (performance.now() - t0)));
}

/** Runs one paced step and returns its result and how long it took. */
function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

/** The imports this process is running: a row of this pid not among them is a leftover. */
const running = new Set<number>();

interface PendingRow { id: number; file: string; pid: number; host: string; startedAt: number; heartbeatAt: number }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that began `p` is gone (same host: its pid; another host: its heartbeat). */
function isStale(p: PendingRow, now: number): boolean {
  if (p.host !== os.hostname()) return now - p.heartbeatAt > STALE_MS;
  if (p.pid === process.pid) return !running.has(p.id);
  return !isAlive(p.pid);
}

function pendingRows(db: Db): PendingRow[] {
  return db.$client
    .prepare('select id, file, pid, host, created_at startedAt, heartbeat_at heartbeatAt from pending_imports order by id')
    .all() as PendingRow[];
}

/** Removes the staged rows of every import whose process died (at the next import, and at server start). */
export async function discardStaleImports(db: Db): Promise<number> {
  const stale = pendingRows(db).filter((p) => isStale(p, Date.now()));
  for (const p of stale) await discardImport(db, p.id);
  return stale.length;
}

/** Registers a new pending import of `file`; refuses while another is running. Returns its id. */
export async function beginImport(db: Db, file: string): Promise<number> {
  await discardStaleImports(db);
  const id = db.$client.transaction(() => {
    const now = Date.now();
    const other = pendingRows(db).find((p) => !isStale(p, now));
    if (other) {
      throw new AppError(
        'CONFLICT',
        `another import is running (${other.file}, process ${other.pid} on ${other.host}, since ${new Date(other.startedAt).toISOString()}); ` +
          'nothing was imported, run this one when it is done',
      );
    }
    return Number(
      db.$client.prepare('insert into pending_imports (file, pid, host, heartbeat_at) values (?, ?, ?, ?)').run(file, process.pid, os.hostname(), now).lastInsertRowid,
    );
  }).immediate();
  running.add(id);
  return id;
}

/**
 * Notes that import `id` is alive (for a process on another host watching its row). Throws when the
 * row is gone (another process took the import for dead): a row staged then would be visible at once.
 */
export function heartbeat(db: Db, id: number): void {
  if (db.$client.prepare('update pending_imports set heartbeat_at = ? where id = ?').run(Date.now(), id).changes === 0) {
    throw new AppError('CONFLICT', 'another process took this import for dead and removed it; nothing was imported, run it again');
  }
}

/** One row to stage: [id, questionId, source, annotator, output, scores]. */
export type StagedRow = [string, string, string, string | null, string, string];

/** What publishing must tell the table: per source, its questions, or null for "too many: rebuild it". */
export type TouchedPairs = Map<string, Set<string> | null>;

/**
 * Inserts `rows` as import `id`'s, in transactions of about CHUNK_MS each with GAP_MS between them.
 * Calls `onChunk` after each transaction with the rows staged so far and how long it held the lock
 * (from when BEGIN IMMEDIATE got it to the end of COMMIT). Returns the pairs touched.
 */
export async function stageRows(
  db: Db,
  id: number,
  rows: Iterator<StagedRow>,
  insertSql: string,
  onChunk?: (staged: number, holdMs: number) => void,
): Promise<TouchedPairs> {
  const insert = db.$client.prepare(insertSql);
  const touched: TouchedPairs = new Map();
  let staged = 0;
  let next = rows.next();
  let began = 0;
  let bodyEnd = 0;
  let rowsInChunk = 0;
  // The commit's cost per row, from the last chunk: COMMIT writes every page the chunk changed (each
  // row lands on a random page of the primary key's index) and fsyncs them, inside the lock, so its
  // time grows with the rows (measured: 10–40 ms after a 25 ms body, up to 220 ms). The body stops
  // when it and its expected commit fill CHUNK_MS.
  let commitMsPerRow = 0;
  const chunk = db.$client.transaction(() => {
    began = performance.now(); // the lock is held from here (BEGIN IMMEDIATE may have waited for it)
    heartbeat(db, id);
    rowsInChunk = 0;
    for (let i = 0; !next.done; i++) {
      // The clock is read every 16 rows: a row takes tens of microseconds.
      if ((i & 15) === 15 && performance.now() - began + i * commitMsPerRow > CHUNK_MS) break;
      rowsInChunk++;
      const row = next.value;
      insert.run(...row, id);
      staged++;
      const questions = touched.get(row[2]);
      if (questions === undefined) touched.set(row[2], new Set([row[1]]));
      else if (questions !== null) {
        questions.add(row[1]);
        if (questions.size > PUBLISH_PAIRS) touched.set(row[2], null);
      }
      next = rows.next();
    }
    bodyEnd = performance.now();
  });
  while (!next.done) {
    chunk.immediate();
    const holdMs = performance.now() - began;
    // Halfway to the last commit's figure: one stalled commit shortens the next chunks, not all of them.
    commitMsPerRow = (commitMsPerRow + (performance.now() - bodyEnd) / rowsInChunk) / 2;
    onChunk?.(staged, holdMs);
    // After the last one too: publishing, another transaction, comes next.
    await pause(db, holdMs);
  }
  return touched;
}

/** The mark to pass to `publishImport`: read before the import reads the labels it scores against. */
export function labelsMark(db: Db): number {
  return (db.$client.prepare('select max(rowid) from label_versions').pluck().get() as number | null) ?? 0;
}

/**
 * Makes import `id`'s rows visible, in one short transaction: deletes its row, notes the table pairs
 * it touched (or queues whole sources), and rewinds the review's crowd-stats watermark to its first row.
 * A label changed since `labels` (a curator's correction while the import ran) has its question's
 * responses rescored: rows stored after the change were scored against the label before it.
 */
export function publishImport(db: Db, id: number, touched: TouchedPairs, labels: number): void {
  const client = db.$client;
  client.transaction(() => {
    const changed = client
      .prepare('select id, width, height, item from questions where id in (select question_id from label_versions where rowid > ?)')
      .all(labels) as { id: string; width: number; height: number; item: string }[];
    for (const q of changed) rescoreQuestion(db, { ...q, item: JSON.parse(q.item) as Record<string, unknown> });
    if (!client.prepare('select 1 from pending_imports where id = ?').get(id)) {
      throw new AppError('CONFLICT', 'another process took this import for dead and removed it; nothing was imported, run it again');
    }
    const first = client.prepare('select rowid from responses where import_id = ? order by rowid limit 1').pluck().get(id) as number | undefined;
    client.prepare('delete from pending_imports where id = ?').run(id);
    const mark = client.prepare('insert or ignore into sums_dirty (source, question_id) values (?, ?)');
    const rebuild: string[] = [];
    for (const [source, questions] of touched) {
      if (questions === null) rebuild.push(source);
      else for (const q of questions) mark.run(source, q);
    }
    queueSourceRebuilds(client, rebuild);
    if (first !== undefined) rewindCrowdStats(db, first);
  }).immediate();
  running.delete(id);
}

/** Brings the table's sums up to date in steps of about CHUNK_MS, GAP_MS apart (and after the publishing transaction). */
export async function flushPaced(db: Db): Promise<void> {
  await pause(db, 0);
  for (;;) {
    const [isLeft, ms] = timed(() => flushStep(db.$client, CHUNK_MS));
    if (!isLeft) return;
    await pause(db, ms);
  }
}

/** Removes import `id`'s staged rows in paced chunks, then its row: nothing of it was ever visible. */
export async function discardImport(db: Db, id: number): Promise<void> {
  const client = db.$client;
  const remove = client.prepare(`delete from responses where rowid in (select rowid from responses where import_id = ? limit ${DISCARD_ROWS})`);
  // From here on a failure leaves the row stale, for the next import or start to remove.
  running.delete(id);
  // Still pending while its rows go, so that none of them becomes visible on the way.
  for (;;) {
    const [removed, ms] = timed(() => client.transaction(() => remove.run(id).changes).immediate());
    if (removed < DISCARD_ROWS) break;
    await pause(db, ms);
  }
  client.prepare('delete from pending_imports where id = ?').run(id);
}

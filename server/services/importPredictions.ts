/**
 * Predictions/responses import (FORMAT.md "one answer a line"), all-or-nothing, in two phases so the
 * SQLite write lock is held only briefly: the server shares the database file, and its synchronous
 * driver would wait (up to busy_timeout) on every request while an import held the lock.
 *
 * 1. Stream the file: check every line (the shared predictions parser), score it with the shared metric
 *    code, and append the row to insert to a temporary file. Only reads touch the database, and memory
 *    stays flat however long the file is (apart from one key per answer, to refuse repeats).
 * 2. If no line was bad, insert the temporary file's rows in one synchronous transaction, reading it in
 *    chunks, then delete it.
 *
 * A response's key is (question, source, annotator): importing the same file again changes nothing;
 * a different output under the same key is refused.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError, BadInputError } from '../../shared/errors';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { PredictionChecker } from '../../shared/predictions';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { assertInputFile } from './inputFiles';
import { readLinesSync } from './lineFile';
import { encodeScores, scoreStored, type StoredQuestion } from './scoring';
import { flushSums } from './tableSums';

export interface PredictionsReport {
  total: number;
  inserted: number;
  unchanged: number;
  invalid: number;
  sources: string[];
}

/** Stable response id: the same (question, source, annotator) always maps to the same row. */
export function predictionResponseId(questionId: string, source: string, annotator: string | undefined): string {
  return 'p-' + createHash('sha1').update(JSON.stringify([questionId, source, annotator ?? null])).digest('hex').slice(0, 32);
}

/** One row for phase 2, one JSON line each in the temporary file: [id, questionId, source, annotator, output, scores]. */
type PendingRow = [string, string, string, string | null, string, string];

/** Bytes read at a time from the temporary file in phase 2. */
const CHUNK_BYTES = 1 << 20;
/** SQLite page cache during phase 2, in KiB (negative: a size, not a page count); allocated only as used. */
const PHASE2_CACHE_KIB = -256 * 1024;

export async function importPredictions(db: Db, file: string, onProgress?: (lines: number) => void): Promise<PredictionsReport> {
  assertInputFile(file, 'predictions file');
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-predictions-'));
  try {
    const pendingFile = path.join(tmpDir, 'rows.jsonl');
    const report = await checkAndScore(db, file, pendingFile, onProgress);
    if (report.inserted > 0) insertPending(db, pendingFile);
    return report;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Phase 1: reads, checks and scores every line; writes the new rows to `pendingFile`. Throws the report of bad lines. */
async function checkAndScore(db: Db, file: string, pendingFile: string, onProgress?: (lines: number) => void): Promise<PredictionsReport> {
  const byId = new Map<string, StoredQuestion & { pool: string }>();
  const all = db.select({ id: questions.id, width: questions.width, height: questions.height, item: questions.item, pool: questions.pool }).from(questions).all();
  for (const q of all) byId.set(q.id, q);
  const findExisting = db.$client.prepare('select output from responses where id = ?').pluck();
  const checker = new PredictionChecker();
  const sources = new Set<string>();
  const report: PredictionsReport = { total: 0, inserted: 0, unchanged: 0, invalid: 0, sources: [] };
  const out = fs.createWriteStream(pendingFile);
  // Rejects on a write error (disk full) even between awaits, where `once(out, 'drain')` would miss it.
  const failed = once(out, 'error').then(([err]): never => {
    throw err as Error;
  });
  failed.catch(() => {}); // raced below; this keeps an early error from counting as unhandled
  let lineNo = 0;
  try {
    // Read synchronously (readLinesSync): readline's queued lines outlived their turn and grew the heap.
    // The server runs this too (uploads, the demo): every 256 lines, about as often as readline's 64 KB
    // chunks came, its other requests get a turn.
    for (const [line, n] of readLinesSync(file)) {
      lineNo = n;
      if ((lineNo & 255) === 0) await nextTurn();
      if (lineNo % 10_000 === 0) onProgress?.(lineNo);
      if (line.trim() === '') continue;
      const p = checker.check(file, line, lineNo);
      if (!p) continue;
      const q = byId.get(p.id);
      if (!q) {
        checker.reject(file, lineNo, `field id: no question '${p.id}' in the database`);
        continue;
      }
      if (q.pool === 'practice') {
        checker.reject(file, lineNo, `field id: '${p.id}' is a practice question`);
        continue;
      }
      const rid = predictionResponseId(p.id, p.source, p.annotator);
      const output = JSON.stringify(p.output);
      const old = findExisting.get(rid) as string | undefined;
      if (old !== undefined && old !== output) {
        checker.reject(file, lineNo, `field output: '${p.id}' from ${p.source} was imported before with a different output`);
        continue;
      }
      if (checker.errorCount > 0) continue; // keep checking, stop scoring and writing
      report.total++;
      sources.add(p.source);
      if (old !== undefined) {
        report.unchanged++;
        continue;
      }
      const scores = scoreStored(q, p.output);
      if (!scores.valid) report.invalid++;
      const row: PendingRow = [rid, p.id, p.source, p.annotator ?? null, output, JSON.stringify(encodeScores(scores))];
      if (!out.write(JSON.stringify(row) + '\n')) await Promise.race([once(out, 'drain'), failed]);
      report.inserted++;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } finally {
    out.destroy();
  }
  if (lineNo === 0) throw new BadInputError(`${file}: the file is empty; nothing was imported`);
  const bad = checker.report('nothing was imported');
  if (bad) throw new BadInputError(`${file}: ${bad}`);
  report.sources = [...sources];
  return report;
}

/**
 * Phase 2: inserts the rows of `pendingFile` in one immediate transaction (all or none). The file is read
 * synchronously in chunks and split at '\n' bytes, which never occur inside a UTF-8 sequence nor in a
 * JSON.stringify line. A row that another writer inserted since phase 1 fails the whole transaction.
 */
function insertPending(db: Db, pendingFile: string): void {
  const insert = db.$client.prepare(
    `insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version) values (?, ?, ?, ?, 'answer', ?, ?, ${METRIC_VERSION})`,
  );
  const insertAll = db.$client.transaction(() => {
    forEachLineSync(pendingFile, (line) => insert.run(...(JSON.parse(line) as PendingRow)));
    flushSums(db.$client);
  });
  // The primary keys are hashes, so each insert lands on a random page of the key index: with SQLite's
  // 2 MB default cache a million rows thrash it and hold the lock about four times longer (measured).
  const cacheSize = db.$client.pragma('cache_size', { simple: true }) as number;
  db.$client.pragma(`cache_size = ${PHASE2_CACHE_KIB}`);
  try {
    insertAll.immediate();
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new AppError('CONFLICT', `answers were stored while the predictions were being checked; nothing was imported, run the import again`);
    }
    throw err;
  } finally {
    db.$client.pragma(`cache_size = ${cacheSize}`);
  }
}

/** Calls `fn` with each non-empty line of `file`, reading CHUNK_BYTES at a time. */
function forEachLineSync(file: string, fn: (line: string) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      let data = rest.length > 0 ? Buffer.concat([rest, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        if (nl > start) fn(data.toString('utf8', start, nl));
        start = nl + 1;
      }
      // Copy: `buf` is reused by the next read.
      data = data.subarray(start);
      rest = Buffer.from(data);
    }
    if (rest.length > 0) fn(rest.toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Predictions/responses import (FORMAT.md "one answer a line"), all-or-nothing, holding the SQLite
 * write lock only briefly: the server shares the database file, and its synchronous driver waits (up
 * to busy_timeout, 5 s) on every request while another connection holds the lock.
 *
 * 1. Stream the file: check every line (the shared predictions parser), score it with the shared metric
 *    code, and append the row to insert to a temporary file. Only reads touch the database, and memory
 *    stays flat however long the file is (apart from one key per answer, to refuse repeats).
 * 2. If no line was bad, stage the temporary file's rows in transactions of ~25 ms, invisible to every
 *    reader (services/stagedImports.ts), publish them in one short transaction, then bring the table's
 *    sums up to date in paced steps. On any failure the staged rows are removed and nothing was seen.
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
import { beginImport, discardImport, flushPaced, heartbeat, labelsMark, publishImport, stageRows, type StagedRow, type TouchedPairs } from './stagedImports';

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

/** SQLite page cache while staging, in KiB (negative: a size, not a page count); allocated only as used. */
const STAGING_CACHE_KIB = -256 * 1024;

export interface ImportOptions {
  /** Called after each staging transaction with the rows staged so far and its lock hold (tests inject failures here). */
  onStaged?: (rows: number, holdMs: number) => void;
}

export async function importPredictions(db: Db, file: string, onProgress?: (lines: number) => void, options: ImportOptions = {}): Promise<PredictionsReport> {
  assertInputFile(file, 'predictions file');
  // Registered first, so a second import is refused before it spends a minute checking its file.
  const importId = await beginImport(db, file);
  const labels = labelsMark(db);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-predictions-'));
  let isPublished = false;
  try {
    const pendingFile = path.join(tmpDir, 'rows.jsonl');
    const report = await checkAndScore(db, file, pendingFile, () => heartbeat(db, importId), onProgress);
    if (report.inserted > 0) {
      const touched = await stagePending(db, importId, pendingFile, options.onStaged);
      publishImport(db, importId, touched, labels);
      isPublished = true;
      await flushPaced(db);
    }
    return report;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    // A failed removal leaves a stale pending import, whose rows the next import or start removes.
    if (!isPublished) await discardImport(db, importId).catch(() => {});
  }
}

/** Phase 1: reads, checks and scores every line; writes the new rows to `pendingFile`. Throws the report of bad lines. */
async function checkAndScore(db: Db, file: string, pendingFile: string, alive: () => void, onProgress?: (lines: number) => void): Promise<PredictionsReport> {
  const byId = new Map<string, StoredQuestion & { pool: string }>();
  const all = db.select({ id: questions.id, width: questions.width, height: questions.height, item: questions.item, pool: questions.pool }).from(questions).all();
  for (const q of all) byId.set(q.id, q);
  // SEES_STAGED: a key is taken whether or not its row is visible (only a pending import of this
  // process could hold one, and only one import runs at a time).
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
      if (lineNo % 10_000 === 0) {
        alive();
        onProgress?.(lineNo);
      }
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
      const row: StagedRow = [rid, p.id, p.source, p.annotator ?? null, output, JSON.stringify(encodeScores(scores))];
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
 * Phase 2: stages the rows of `pendingFile` as import `importId`'s. Its lines are JSON.stringify
 * output, so '\n' never occurs inside one. A row that another writer inserted since phase 1 fails the
 * import (its staged rows are then removed by the caller).
 */
async function stagePending(db: Db, importId: number, pendingFile: string, onStaged?: ImportOptions['onStaged']): Promise<TouchedPairs> {
  const insert = `insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version, import_id)
    values (?, ?, ?, ?, 'answer', ?, ?, ${METRIC_VERSION}, ?)`;
  function* rows(): Generator<StagedRow> {
    for (const [line] of readLinesSync(pendingFile)) if (line !== '') yield JSON.parse(line) as StagedRow;
  }
  // The primary keys are hashes, so each insert lands on a random page of the key index: with SQLite's
  // 2 MB default cache a million rows thrash it and hold the lock about four times longer (measured).
  const cacheSize = db.$client.pragma('cache_size', { simple: true }) as number;
  db.$client.pragma(`cache_size = ${STAGING_CACHE_KIB}`);
  try {
    return await stageRows(db, importId, rows(), insert, onStaged);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new AppError('CONFLICT', `answers were stored while the predictions were being checked; nothing was imported, run the import again`);
    }
    throw err;
  } finally {
    db.$client.pragma(`cache_size = ${cacheSize}`);
  }
}

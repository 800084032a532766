/**
 * A consistent copy of a live database with SQLite's online backup API (through better-sqlite3): it
 * copies pages in steps and restarts a step when another connection writes between them, so the copy
 * is the database as of one moment while contributors keep submitting (see the step size below). The copy is written beside
 * OUT first and renamed into place only once it passed `integrity_check`: OUT is whole or absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';

export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
}

export async function backupDatabase(db: Db, out: string, onProgress?: (done: number, total: number) => void): Promise<BackupReport> {
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw new BadInputError(`${file} already exists: give a new file name`);
  const dir = path.dirname(file);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new BadInputError(`no folder ${dir} to write the backup in`);
  const temp = `${file}.part-${process.pid}`;
  try {
    const { totalPages } = await db.$client.backup(temp, {
      // After the first step, the rest in one step: a write by another connection between steps
      // restarts the copy, so small steps under a steady stream of submits might never finish. In WAL
      // one step is one read transaction, which does not block writers.
      progress: ({ totalPages: total, remainingPages }) => {
        onProgress?.(total - remainingPages, total);
        return Math.max(remainingPages, 1);
      },
    });
    const copy = new Database(temp);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
      // A self-contained single file: the copy's own WAL, if any, folded in.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(temp, file);
    return { file, bytes: fs.statSync(file).size, pages: totalPages };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Reading a batch takes the write lock only when it has something to bind or give back: a page that
 * refetches its batch (on focus, after each answer) does not queue behind writers, nor they behind it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { getBatch, startOrResume } from './annotate';
import { importDataset } from './importDataset';
import { updateSettings } from './settings';

describe('reading a batch', () => {
  it('binds under the write lock, and reads without it once nothing is left to bind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-batchlock-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDb(file);
    await importDataset(db, { datasetPath: writeFixtureDataset(3), imagesDir: path.join(dir, 'images') });
    updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
    const { token } = await startOrResume(db, { batchSize: 12 });
    db.$client.pragma('busy_timeout = 0');
    const other = new Database(file);
    const bound = () => db.$client.prepare("select count(*) from assignments where mode = 'answer' and question_id is not null").pluck().get();
    // Another writer holds the lock: the first read has positions to bind, so it must wait for it.
    other.exec('begin immediate');
    expect(() => getBatch(db, token)).toThrow(/locked|busy/i);
    other.exec('commit');
    const first = getBatch(db, token);
    const n = bound();
    expect(n).toBeGreaterThan(0);
    // Nothing new to bind: the same batch is read while the other writer holds the lock.
    other.exec('begin immediate');
    expect(getBatch(db, token)).toEqual(first);
    expect(bound()).toBe(n);
    other.exec('rollback');
    other.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDb } from './client';

describe('openDb', () => {
  it('creates the folder and file, turns WAL on and applies every migration', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-db-'));
    const file = path.join(dir, 'nested', 'x.sqlite');
    const db = openDb(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.$client
      .prepare("select name from sqlite_master where type='table' order by name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['assignments', 'participants', 'questions', 'responses', 'settings', 'users']),
    );
    db.$client.close();
    // Re-opening applies nothing twice.
    openDb(file).$client.close();
  });
});

describe('upgrading an existing database', () => {
  it('backs the database up, then applies every pending migration in place, keeping the data', async () => {
    const { fillOlderDatabase, journalLength, openOlderDatabase } = await import('../testing/olderDatabase');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-upgrade-'));
    const file = path.join(dir, 'old.sqlite');
    const old = openOlderDatabase(file, 1);
    fillOlderDatabase(old, 50, 500);
    old.$client.close();
    const lines: string[] = [];
    const db = openDb(file, { log: (l) => lines.push(l) });
    const applied = (db.$client.prepare('select count(*) n from __drizzle_migrations').get() as { n: number }).n;
    expect(applied).toBe(journalLength());
    expect(db.$client.prepare('select count(*) n from responses').get()).toEqual({ n: 500 });
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL
    // The copy taken before migrating is the old database, whole.
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('old.sqlite.before-migration-'));
    expect(backups).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/backed up to .*before-migration-.* in [\d.]+ s, \d+ migration\(s\) applied in [\d.]+ s/);
    const copy = new Database(path.join(dir, backups[0]), { readonly: true });
    expect(copy.prepare('select count(*) n from responses').get()).toEqual({ n: 500 });
    expect((copy.prepare('select count(*) n from __drizzle_migrations').get() as { n: number }).n).toBe(1);
    copy.close();
    db.$client.close();
    // Up to date now: opening again neither migrates nor backs up.
    openDb(file, { log: (l) => lines.push(l) }).$client.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('before-migration'))).toHaveLength(1);
  });
});

describe('the late-binding counters after an upgrade', () => {
  it('fills task, bound_at, load and hash_rank for what older versions stored', async () => {
    const { fillOlderDatabase, openOlderDatabase } = await import('../testing/olderDatabase');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-upgrade-')), 'old.sqlite');
    const old = openOlderDatabase(file, 1);
    fillOlderDatabase(old, 10, 40); // 4 answered assignments per question
    old.$client.prepare("update assignments set status = 'open' where id % 4 = 0").run();
    old.$client.close();
    const db = openDb(file, { log: () => {} });
    const c = db.$client;
    expect(c.prepare('select count(*) n from questions where hash_rank is null').get()).toEqual({ n: 0 });
    expect(c.prepare("select count(*) n from assignments where task is null or bound_at is null").get()).toEqual({ n: 0 });
    expect(c.prepare('select min(load) lo, max(load) hi from questions').get()).toEqual({ lo: 4, hi: 4 });
  });
});

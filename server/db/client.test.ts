import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

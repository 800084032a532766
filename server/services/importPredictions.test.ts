import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { responses } from '../db/schema';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { importDataset } from './importDataset';
import { importPredictions, predictionResponseId } from './importPredictions';

const count = (db: Db) => db.select({ n: sql<number>`count(*)` }).from(responses).get()!.n;

describe('importPredictions', () => {
  let dir: string;
  let db: Db;
  let savedTmpdir: string | undefined;
  const write = (name: string, lines: (object | string)[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return file;
  };
  /** `n` crowd answers to spatial-0, one per annotator: enough lines for progress calls and several temp-file chunks. */
  const crowd = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 'spatial-0', source: 'Crowd', annotator: `a${i}`, output: i % 3 ? 'Yes' : 'No' }));
  const tmpLeftovers = () => fs.readdirSync(path.join(dir, 'tmp')).filter((f) => f.startsWith('bopask-predictions-'));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-import-predictions-'));
    // The import's temporary file goes to os.tmpdir(): point it at a folder this test can watch.
    fs.mkdirSync(path.join(dir, 'tmp'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = path.join(dir, 'tmp');
    db = openDb(path.join(dir, 'db.sqlite'));
    const imagesDir = path.join(dir, 'images');
    await importDataset(db, { datasetPath: writeFixtureDataset(1), imagesDir });
    await importDataset(db, { datasetPath: writeFixtureDataset(1, 'practice-'), imagesDir, pool: 'practice' });
  });
  afterEach(() => {
    db.$client.close();
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  });

  it('scores and stores every answer, trims sources, and a second import changes nothing', async () => {
    const file = write('m.jsonl', [
      { id: 'spatial-0', source: ' Model ', output: 'Yes' },
      '',
      { id: 'grasp-0', source: 'Model', output: 'no idea' },
      { id: 'spatial-0', source: 'Human', annotator: 'a', output: 'No' },
    ]);
    expect(await importPredictions(db, file)).toEqual({ total: 3, inserted: 3, unchanged: 0, invalid: 1, sources: ['Model', 'Human'] });
    const row = db.$client.prepare('select source, output, scores from responses where id = ?').get(predictionResponseId('spatial-0', 'Model', undefined));
    expect(row).toEqual({ source: 'Model', output: '"Yes"', scores: '{"valid":true,"correct":1}' });
    expect(await importPredictions(db, file)).toEqual({ total: 3, inserted: 0, unchanged: 3, invalid: 0, sources: ['Model', 'Human'] });
    expect(count(db)).toBe(3);
    expect(tmpLeftovers()).toEqual([]);
  });

  it('lists every bad line with file:line (blank source, repeat, unknown and practice ids) and writes nothing', async () => {
    const file = write('bad.jsonl', [
      { id: 'spatial-0', source: 'M', output: 'Yes' },
      { id: 'depth-0', source: '   ', output: 'No' },
      { id: 'spatial-0', source: 'M ', output: 'No' },
      { id: 'nope', source: 'M', output: 'Yes' },
      { id: 'practice-spatial-0', source: 'M', output: 'Yes' },
      '{oops',
      { id: 'depth-0', source: 'M', output: 'No' },
    ]);
    const err = await importPredictions(db, file).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT' });
    const message = String(err);
    expect(message).toContain(`${file}: 5 bad line(s); nothing was imported:`);
    expect(message).toContain(`${file}:2: field source: expected a non-empty string`);
    expect(message).toContain(`${file}:3: a second answer to 'spatial-0' from M (the first is at line 1)`);
    expect(message).toContain(`${file}:4: field id: no question 'nope' in the database`);
    expect(message).toContain(`${file}:5: field id: 'practice-spatial-0' is a practice question`);
    expect(message).toContain(`${file}:6: not valid JSON`);
    expect(count(db)).toBe(0);
    expect(tmpLeftovers()).toEqual([]);
  });

  it('reports at most 20 bad lines and counts the rest', async () => {
    const file = write('many.jsonl', Array.from({ length: 30 }, (_, i) => ({ id: `nope-${i}`, source: 'M', output: 'Yes' })));
    const message = String(await importPredictions(db, file).catch((e: Error) => e));
    expect(message).toContain(`${file}:20: field id: no question 'nope-19'`);
    expect(message).not.toContain(`${file}:21:`);
    expect(message).toContain('… and 10 more');
  });

  it('refuses an output that differs from the one imported before under the same key', async () => {
    await importPredictions(db, write('a.jsonl', [{ id: 'spatial-0', source: 'M', output: 'Yes' }]));
    const message = String(await importPredictions(db, write('b.jsonl', [{ id: 'spatial-0', source: 'M', output: 'No' }])).catch((e: Error) => e));
    expect(message).toContain("b.jsonl:1: field output: 'spatial-0' from M was imported before with a different output");
  });

  it('holds no write lock while it reads and scores: another connection writes meanwhile without waiting', async () => {
    const other = new Database(path.join(dir, 'db.sqlite'), { timeout: 0 });
    let writes = 0;
    const file = write('crowd.jsonl', crowd(25_000));
    const r = await importPredictions(db, file, () => {
      // With the lock held this would fail at once with SQLITE_BUSY (timeout 0).
      other.prepare(`insert into settings (key, value) values (?, '1')`).run(`during-import-${writes++}`);
      expect(count(db)).toBe(0); // phase 1 writes nothing to the database
    });
    other.close();
    expect(writes).toBe(2);
    // 25,000 rows is several 1 MiB chunks of the temporary file: none lost at a chunk boundary.
    expect(r).toMatchObject({ total: 25_000, inserted: 25_000 });
    expect(count(db)).toBe(25_000);
    expect(db.$client.prepare(`select count(distinct annotator) as n from responses`).get()).toEqual({ n: 25_000 });
    expect(tmpLeftovers()).toEqual([]);
  });

  it('stays all-or-nothing when another writer stores one of its answers before phase 2', async () => {
    const other = new Database(path.join(dir, 'db.sqlite'), { timeout: 1000 });
    const file = write('crowd.jsonl', crowd(10_000));
    const promise = importPredictions(db, file, () => {
      other
        .prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores) values (?, 'spatial-0', 'Crowd', 'a5', 'answer', '"Yes"', '{}')`)
        .run(predictionResponseId('spatial-0', 'Crowd', 'a5')); // line 6, checked as new before this runs
    });
    await expect(promise).rejects.toMatchObject({ code: 'CONFLICT' });
    other.close();
    expect(count(db)).toBe(1);
    expect(tmpLeftovers()).toEqual([]);
  });

  it('refuses an empty file', async () => {
    fs.writeFileSync(path.join(dir, 'zero.jsonl'), '');
    await expect(importPredictions(db, path.join(dir, 'zero.jsonl'))).rejects.toThrow(/the file is empty/);
  });
});

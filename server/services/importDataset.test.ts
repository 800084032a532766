import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { questions } from '../db/schema';
import { fixtureItem, writeFixtureDataset } from '../testing/fixtureDataset';
import { importDataset } from './importDataset';

const count = (db: Db) => db.select({ n: sql<number>`count(*)` }).from(questions).get()!.n;

describe('importDataset', () => {
  let db: Db;
  let imagesDir: string;
  beforeEach(() => {
    db = openDb(':memory:');
    imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-'));
  });

  it('imports every line, reads image sizes, copies images; a second import changes nothing', async () => {
    const file = writeFixtureDataset(2);
    const first = await importDataset(db, { datasetPath: file, imagesDir });
    expect(first).toEqual({ total: 12, inserted: 12, unchanged: 0 });
    const row = db.select().from(questions).where(sql`id = 'pose-0'`).get()!;
    expect([row.width, row.height]).toEqual([640, 480]);
    expect(fs.existsSync(path.join(imagesDir, 'img/blank.png'))).toBe(true);
    const again = await importDataset(db, { datasetPath: file, imagesDir });
    expect(again).toEqual({ total: 12, inserted: 0, unchanged: 12 });
    expect(count(db)).toBe(12);
  });

  it('refuses the whole file when one line is bad, naming the line and field', async () => {
    const file = writeFixtureDataset(1);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]), task: 'juggling' });
    lines.push('{not json');
    fs.writeFileSync(file, lines.join('\n'));
    await expect(importDataset(db, { datasetPath: file, imagesDir })).rejects.toThrow(/dataset.jsonl:3: field task[\s\S]*dataset.jsonl:7: /);
    expect(count(db)).toBe(0);
  });

  it('refuses an image outside the folder, a missing image and a wrong declared size', async () => {
    const file = writeFixtureDataset(1);
    const dir = path.dirname(file);
    const bad = [
      { ...fixtureItem('pose', 5), image: '../etc/passwd' },
      { ...fixtureItem('pose', 6), image: 'img/missing.png' },
      { ...fixtureItem('pose', 7), width: 1920, height: 1080 },
    ];
    fs.appendFileSync(file, bad.map((b) => JSON.stringify(b)).join('\n') + '\n');
    const err = await importDataset(db, { datasetPath: file, imagesDir }).catch((e: Error) => e);
    expect(String(err)).toMatch(/dataset.jsonl:7: field image: .*relative path/);
    expect(String(err)).toMatch(/dataset.jsonl:8: field image: image 'img\/missing.png' not found/);
    expect(String(err)).toMatch(/dataset.jsonl:9: field width\/height: 1920×1080 given but img\/blank.png is 640×480/);
    expect(count(db)).toBe(0);
    void dir;
  });

  it('reports an id already imported with different content, and a duplicate id in one file', async () => {
    const file = writeFixtureDataset(1);
    await importDataset(db, { datasetPath: file, imagesDir });
    const changed = fs.readFileSync(file, 'utf8').replace('A pose question number 0?', 'Changed?');
    fs.writeFileSync(file, changed + JSON.stringify(fixtureItem('grasp', 0)) + '\n');
    const err = await importDataset(db, { datasetPath: file, imagesDir }).catch((e: Error) => e);
    expect(String(err)).toMatch(/dataset.jsonl:7: field id: 'grasp-0' already used on line 2/);
    expect(String(err)).toMatch(/dataset.jsonl:1: field id: 'pose-0' was imported before with different content/);
  });

  it('refuses an image whose path is taken in the store by a different file, and copies nothing', async () => {
    await importDataset(db, { datasetPath: writeFixtureDataset(1), imagesDir });
    const other = writeFixtureDataset(1, 'other-');
    const img = path.join(path.dirname(other), 'img/blank.png');
    fs.writeFileSync(img, Buffer.concat([fs.readFileSync(img), Buffer.from([0])]));
    const before = fs.readFileSync(path.join(imagesDir, 'img/blank.png'));
    await expect(importDataset(db, { datasetPath: other, imagesDir })).rejects.toThrow(
      /image 'img\/blank.png': a different file with this path is already in the image store/,
    );
    expect(fs.readFileSync(path.join(imagesDir, 'img/blank.png')).equals(before)).toBe(true);
    expect(count(db)).toBe(6);
  });
});

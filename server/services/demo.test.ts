import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { DEMO_MODEL, ensureDemoData } from './demo';

describe('ensureDemoData', () => {
  it('fills an empty database with benchmark, practice and demo-model answers, once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-demo-test-'));
    const config = { databasePath: path.join(dir, 'db.sqlite'), imagesDir: path.join(dir, 'images') };
    const db = openDb(config.databasePath);
    await ensureDemoData(db, config, 2);
    const pools = db.$client.prepare('select pool, count(*) n, count(distinct image) images from questions group by pool').all() as { pool: string; n: number; images: number }[];
    const bench = pools.find((p) => p.pool === 'benchmark')!;
    const practice = pools.find((p) => p.pool === 'practice')!;
    expect(bench.n).toBeGreaterThan(10);
    expect(practice.n).toBeGreaterThan(10);
    // Practice images live apart from the benchmark's: no path is shared, every file is in the store.
    const shared = db.$client.prepare("select count(*) n from questions b join questions p on b.image = p.image and b.pool = 'benchmark' and p.pool = 'practice'").get() as { n: number };
    expect(shared.n).toBe(0);
    for (const { image } of db.$client.prepare('select distinct image from questions').all() as { image: string }[]) {
      expect(fs.existsSync(path.join(config.imagesDir, image)), image).toBe(true);
    }
    // The real YCB-Video photos are in the benchmark, marked as real, with their questions in every task.
    const real = db.$client.prepare("select task, image from questions where json_extract(item, '$.meta.real') = 1 and json_extract(item, '$.meta.dataset') = 'ycbv'").all() as { task: string; image: string }[];
    expect(new Set(real.map((r) => r.image)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(real.map((r) => r.task)).size).toBe(6);
    expect(real.every((r) => r.image.endsWith('.jpg'))).toBe(true);
    const synthetic = db.$client.prepare("select count(*) n from questions where json_extract(item, '$.meta.real') is null").get() as { n: number };
    expect(synthetic.n).toBe(bench.n + practice.n - real.length);
    const model = db.$client.prepare('select count(*) n from responses where source = ?').get(DEMO_MODEL) as { n: number };
    expect(model.n).toBe(bench.n);
    await ensureDemoData(db, config, 2);
    expect((db.$client.prepare('select count(*) n from questions').get() as { n: number }).n).toBe(bench.n + practice.n);
  }, 120_000);
});

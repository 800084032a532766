import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db/client';
import { createAppServer } from './http';
import { importDataset } from './services/importDataset';
import { updateSettings } from './services/settings';
import { writeFixtureDataset } from './testing/fixtureDataset';

describe('the HTTP server', () => {
  let db: Db;
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-http-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    const imagesDir = path.join(dir, 'images');
    await importDataset(db, { datasetPath: writeFixtureDataset(10), imagesDir });
    updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
    const server = createAppServer(db, { imagesDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const start = (body: object) =>
    fetch(`${base}/trpc/annotate.start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('serves a question image by its key only: never by path, never another file of the store', async () => {
    const { image_key: key } = db.$client.prepare('select image_key from questions limit 1').get() as { image_key: string };
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    const ok = await fetch(`${base}/img/${key}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(100);
    for (const url of ['/images/img/blank.png', '/img/img/blank.png', '/img/..%2f..%2fdb.sqlite', `/img/${'0'.repeat(24)}`, '/db.sqlite']) {
      const res = await fetch(`${base}${url}`);
      expect(res.headers.get('content-type'), url).not.toBe('image/png');
      expect([404, 503], url).toContain(res.status);
    }
  });

  it('never gives the last open slot of a question to two contributors arriving at the same moment', async () => {
    // 60 questions, each wanted once (share 0). Three contributors opening their batches at once bind
    // their first two questions each: six different ones, a race would hand some free slot to two.
    const tokens = await Promise.all([start({ batchSize: 10 }), start({ batchSize: 10 }), start({ batchSize: 10 })]).then((all) =>
      Promise.all(all.map(async (r) => ((await r.json()) as { result: { data: { token: string } } }).result.data.token)),
    );
    const opened = await Promise.all(tokens.map((token) => fetch(`${base}/trpc/annotate.batch?input=${encodeURIComponent(JSON.stringify({ token }))}`)));
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200]);
    const counts = db.$client
      .prepare("select question_id, count(*) n from assignments where mode = 'answer' and question_id is not null group by question_id")
      .all() as { n: number }[];
    expect(counts).toHaveLength(6);
    expect(counts.every((r) => r.n === 1)).toBe(true);
  });

  it('refuses an oversized payload before parsing it', async () => {
    const res = await fetch(`${base}/trpc/annotate.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(32), pad: 'y'.repeat(400_000) }),
    });
    expect(res.status).toBe(413);
  });

  it('limits new batches per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await start({ batchSize: 10 })).status);
    // 3 batches were started by the concurrency test above: the 28th from here is the 31st.
    expect(statuses.slice(0, 27).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(27)).toEqual([429, 429, 429, 429]);
  });
});

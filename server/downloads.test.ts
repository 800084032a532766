import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db/client';
import { createAppServer } from './http';
import { createUser } from './services/auth';
import { importDataset } from './services/importDataset';
import { importPredictions } from './services/importPredictions';
import { writeBaselineFixture } from './testing/baselineFixture';

describe('GET /download/…', () => {
  let db: Db;
  let base: string;
  let close: () => void;
  let cookie = '';
  beforeAll(async () => {
    const fx = writeBaselineFixture();
    db = openDb(path.join(fx.dir, 'db.sqlite'));
    await importDataset(db, { datasetPath: fx.dataset, imagesDir: path.join(fx.dir, 'images') });
    await importPredictions(db, fx.humans);
    await importPredictions(db, fx.model);
    db.$client.prepare(`insert into participants (id, token, external_id, batch_size, completion_code) values ('hb-a', 'tok-a-0123456789abcdef', 'PROLIFIC-7', 10, 'C0DE')`).run();
    createUser(db, 'cur', 'long enough password', 'curator');
    const server = createAppServer(db, { imagesDir: path.join(fx.dir, 'images') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    const login = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cur', password: 'long enough password' }) });
    cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(fs.existsSync(fx.dataset)).toBe(true);
  });
  afterAll(() => close());

  it('refuses anonymous callers and unknown files', async () => {
    for (const name of ['per-question.jsonl', 'human-responses.jsonl', 'participants.csv']) {
      const res = await fetch(`${base}/download/${name}`);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('hb-');
    }
    expect((await fetch(`${base}/download/db.sqlite`, { headers: { cookie } })).status).toBe(404);
  });

  it('serves per-question scores, anonymised human responses and the participants CSV to a curator', async () => {
    const pq = await fetch(`${base}/download/per-question.jsonl`, { headers: { cookie } });
    expect(pq.headers.get('content-disposition')).toBe('attachment; filename="bopask-per-question.jsonl"');
    const lines = (await pq.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.source === 'Human' && l.task === 'pose').iou3d).toBeCloseTo(0.4, 6);
    const human = await (await fetch(`${base}/download/human-responses.jsonl`, { headers: { cookie } })).text();
    expect(human.trim().split('\n')).toHaveLength(8);
    expect(human).not.toMatch(/hb-[abcx]"/);
    const csv = (await (await fetch(`${base}/download/participants.csv`, { headers: { cookie } })).text()).trim().split('\n');
    expect(csv[0]).toBe('participant_id,platform_id,completion_code,items_answered,skips,time_spent_s,median_time_s,flags,excluded_reason');
    expect(csv[1]).toBe('hb-a,PROLIFIC-7,C0DE,3,0,0.0,,,');
  });
});

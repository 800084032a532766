import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { createAppServer } from '../http';
import { createUser } from '../services/auth';
import { fixtureItem, writeFixtureDataset } from '../testing/fixtureDataset';

const PASSWORD = 'long enough password';

describe('file endpoints: streaming import upload and export download', () => {
  let db: Db;
  let base: string;
  let close: () => void;
  let fixtureDir: string;
  const cookies: Record<string, string> = {};
  const count = () => (db.$client.prepare('select count(*) n from questions').get() as { n: number }).n;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-files-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    fixtureDir = path.dirname(writeFixtureDataset(1, 'seed-', fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-files-fixture-'))));
    createUser(db, 'ada', PASSWORD, 'admin');
    createUser(db, 'cora', PASSWORD, 'curator');
    const server = createAppServer(db, { imagesDir: path.join(dir, 'images') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    for (const name of ['ada', 'cora']) {
      const res = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: PASSWORD }) });
      cookies[name] = res.headers.get('set-cookie')!.split(';')[0];
    }
  });
  afterAll(() => close());

  const datasetForm = (lines: string[], withImage = true) => {
    const form = new FormData();
    form.append('dataset', new Blob([lines.join('\n') + '\n']), 'dataset.jsonl');
    if (withImage) form.append('image', new Blob([fs.readFileSync(path.join(fixtureDir, 'img', 'blank.png'))]), 'img/blank.png');
    return form;
  };
  const upload = (form: FormData, who?: string, kind = 'dataset') =>
    fetch(`${base}/files/import/${kind}`, { method: 'POST', body: form, headers: who ? { cookie: cookies[who] } : {} });
  const lines = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => JSON.stringify(fixtureItem('spatial', i, prefix)));

  it('refuses a dataset with a bad line 500, naming it, and imports nothing', async () => {
    const file = lines(600, 'big-');
    file[499] = JSON.stringify({ ...JSON.parse(file[499]), task: 'poze' });
    const before = count();
    const res = await upload(datasetForm(file), 'ada');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/1 bad line\(s\); nothing was imported:\n {2}dataset\.jsonl:500: field task: /);
    expect(count()).toBe(before);
  });

  it('imports a dataset with its images, then predictions; a second upload changes nothing', async () => {
    const res = await upload(datasetForm(lines(30, 'ok-')), 'ada');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'dataset', total: 30, inserted: 30, unchanged: 0 });
    // The images are in the store now: the same lines without images import as unchanged.
    expect(await (await upload(datasetForm(lines(30, 'ok-'), false), 'ada')).json()).toMatchObject({ inserted: 0, unchanged: 30 });
    const form = new FormData();
    form.append('predictions', new Blob([JSON.stringify({ id: 'ok-spatial-0', source: 'Upload model', output: 'Yes' }) + '\n']), 'p.jsonl');
    const p = await upload(form, 'ada', 'predictions');
    expect(p.status).toBe(200);
    expect(await p.json()).toMatchObject({ kind: 'predictions' });
    expect((db.$client.prepare(`select count(*) n from responses where source = 'Upload model'`).get() as { n: number }).n).toBe(1);
  });

  it('is for admins only; the download is for curators', async () => {
    expect((await upload(datasetForm(lines(1, 'x-')))).status).toBe(401);
    expect((await upload(datasetForm(lines(1, 'x-')), 'cora')).status).toBe(403);
    expect((await fetch(`${base}/files/export.jsonl`)).status).toBe(401);
    const res = await fetch(`${base}/files/export.jsonl`, { headers: { cookie: cookies.cora } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await res.text();
    expect(text.trim().split('\n').map((l) => JSON.parse(l).id)).toContain('ok-spatial-29');
    expect((await fetch(`${base}/files/history.jsonl?reviewed-only=1`, { headers: { cookie: cookies.cora } })).status).toBe(200);
  });

  it('authors a question on an uploaded image: lab- id, meta.source, in the export; bad answers refused', async () => {
    const form = (answer: unknown) => {
      const f = new FormData();
      f.append('image', new Blob([fs.readFileSync(path.join(fixtureDir, 'img', 'blank.png'))]), 'kitchen.png');
      f.append('question', JSON.stringify({ task: 'trajectory', question: 'Move the cup from the sink to the rack.', answer }));
      return f;
    };
    const post = (f: FormData, who?: string) => fetch(`${base}/files/author`, { method: 'POST', body: f, headers: who ? { cookie: cookies[who] } : {} });
    expect((await post(form({ task: 'trajectory', points: [[10, 10], [100, 100]] }))).status).toBe(401);
    const bad = await post(form({ task: 'trajectory', points: [[10, 10], [5000, 100]] }), 'cora');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/point 1 lies outside the 640×480 image/);
    const res = await post(form({ task: 'trajectory', points: [[10, 10], [100, 100]] }), 'cora');
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^lab-\d{8}-[0-9a-f]{8}$/);
    const line = (await (await fetch(`${base}/files/export.jsonl`, { headers: { cookie: cookies.cora } })).text()).split('\n').find((l) => l.includes(id))!;
    expect(JSON.parse(line)).toMatchObject({ task: 'trajectory', answer: [[10, 10], [100, 100]], width: 640, height: 480, meta: { source: 'authored', author: 'cora' } });
    const key = (db.$client.prepare('select image_key k from questions where id = ?').get(id) as { k: string }).k;
    expect((await fetch(`${base}/img/${key}`)).status).toBe(200);
  });
});

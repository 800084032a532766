/** `bopask backup` while contributors submit, and a restore from the copy. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { createAppServer } from '../http';
import { appRouter } from '../routers/_app';
import { createGuards } from '../security/guards';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { createCallerFactory } from '../trpc';
import { importDataset } from './importDataset';
import { updateSettings } from './settings';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const createCaller = createCallerFactory(appRouter);

describe('bopask backup', () => {
  it('copies the live database consistently while submits continue; the copy runs the app', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-backup-'));
    const file = path.join(dir, 'live.sqlite');
    const imagesDir = path.join(dir, 'images');
    const db = openDb(file);
    await importDataset(db, { datasetPath: writeFixtureDataset(40), imagesDir });
    updateSettings(db, { verifyPerBatch: 0, redundancyShare: 1 });
    // Some bulk, so the copy takes more than an instant (about 8 MB of earlier batches' rows).
    db.$client.exec("create table padding (x blob); with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000) insert into padding select randomblob(4000) from n");
    const api = createCaller({ db, config: { imagesDir }, guards: createGuards({ newBatchesPerWindow: 10_000 }) });

    const out = path.join(dir, 'copy.sqlite');
    const child = spawn(process.execPath, [path.join(repo, 'bin/bopask.js'), 'backup', out, '--db', file], { cwd: repo });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    let isDone = false;
    void exited.then(() => (isDone = true));
    let submitted = 0;
    while (!isDone) {
      const { token } = await api.annotate.start({ batchSize: 10 });
      for (const item of (await api.annotate.batch({ token })).items) {
        await api.annotate.submit({ token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 1, answer: fixtureAnswer(item.question.task) });
        submitted++;
        await new Promise((r) => setImmediate(r));
      }
    }
    expect(await exited, stderr).toBe(0);
    expect(submitted).toBeGreaterThan(0);

    // Consistent: every response in the copy closed its assignment in the same transaction.
    const copy = openDb(out, { log: () => {} });
    expect(copy.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphans = copy.$client.prepare("select count(*) n from responses r join assignments a on a.id = r.assignment_id where a.status = 'open'").get();
    expect(orphans).toEqual({ n: 0 });
    const inCopy = (copy.$client.prepare('select count(*) n from responses').get() as { n: number }).n;
    expect(inCopy).toBeLessThanOrEqual(submitted);

    // Restore: the copy serves the app — a new contributor starts a batch and submits.
    const server = createAppServer(copy, { imagesDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
    try {
      const post = (proc: string, body: unknown) => fetch(`${base}/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const started = (await (await post('annotate.start', { batchSize: 10 })).json()) as { result: { data: { token: string } } };
      const token = started.result.data.token;
      const batch = (await (await fetch(`${base}/annotate.batch?input=${encodeURIComponent(JSON.stringify({ token }))}`)).json()) as {
        result: { data: { items: { assignmentId: number; question: { task: Parameters<typeof fixtureAnswer>[0] } }[] } };
      };
      const item = batch.result.data.items[0];
      const res = await post('annotate.submit', { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 1, answer: fixtureAnswer(item.question.task) });
      expect(res.status).toBe(200);
      expect((copy.$client.prepare('select count(*) n from responses').get() as { n: number }).n).toBe(inCopy + 1);
    } finally {
      server.close();
    }
    // A second backup to the same name is refused, and the first copy is untouched.
    const again = spawn(process.execPath, [path.join(repo, 'bin/bopask.js'), 'backup', out, '--db', file], { cwd: repo });
    expect(await new Promise((r) => again.on('exit', r))).toBe(2);
  }, 60_000);
});

/**
 * SIGKILL in a stream of submits: the real server process (the one this test started, and only it)
 * is killed mid-stream, twice, and restarted; every answer it acknowledged is there exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Task } from '../shared/tasks';
import { openDb } from './db/client';
import { importDataset } from './services/importDataset';
import { updateSettings } from './services/settings';
import { fixtureAnswer } from './testing/answers';
import { writeFixtureDataset } from './testing/fixtureDataset';

const repo = fileURLToPath(new URL('../', import.meta.url));

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', DEMO: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d;
      const m = /on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(`http://127.0.0.1:${m[1]}/trpc`);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return { child, base };
}

describe('a server killed with SIGKILL in a stream of submits', () => {
  it('keeps every acknowledged answer exactly once, and the database intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-kill-'));
    const env = { DATABASE_PATH: path.join(dir, 'db.sqlite'), IMAGES_DIR: path.join(dir, 'images') };
    const setup = openDb(env.DATABASE_PATH);
    await importDataset(setup, { datasetPath: writeFixtureDataset(40), imagesDir: env.IMAGES_DIR });
    updateSettings(setup, { verifyPerBatch: 0, redundancyShare: 1 });
    setup.$client.close();

    const acknowledged = new Set<string>();
    for (let round = 0; round < 2; round++) {
      const { child, base } = await startServer(env);
      const post = (proc: string, body: unknown) =>
        fetch(`${base}/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const exited = new Promise((r) => child.on('exit', r));
      // Four contributors, each answering their batch in order; the kill lands mid-stream.
      const worker = async () => {
        try {
          const { result } = (await (await post('annotate.start', { batchSize: 25 })).json()) as { result: { data: { token: string } } };
          const token = result.data.token;
          for (;;) {
            const batch = (await (await fetch(`${base}/annotate.batch?input=${encodeURIComponent(JSON.stringify({ token }))}`)).json()) as {
              result: { data: { items: { assignmentId: number; status: string; question: { task: Task } }[] } };
            };
            const item = batch.result.data.items.find((i) => i.status === 'open');
            if (!item) return;
            const responseId = randomUUID();
            const res = await post('annotate.submit', { token, assignmentId: item.assignmentId, responseId, timeMs: 1, answer: fixtureAnswer(item.question.task) });
            if (res.status === 200) acknowledged.add(responseId);
            if (acknowledged.size >= 12 * (round + 1) && child.exitCode === null) child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the server
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
    }

    const { child, base } = await startServer(env);
    try {
      expect((await fetch(`${base}/items.stats`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('select id, assignment_id a from responses').all() as { id: string; a: number }[];
    const ids = new Set(rows.map((r) => r.id));
    expect([...acknowledged].filter((id) => !ids.has(id))).toEqual([]);
    // Exactly once: one response per assignment, and each answered assignment has its response.
    expect(new Set(rows.map((r) => r.a)).size).toBe(rows.length);
    expect(db.prepare("select count(*) n from assignments where status = 'answered'").get()).toEqual({ n: rows.length });
    db.close();
  }, 120_000);
});

/** Finding 10 and the disk-full promise: internal errors reach clients as a plain message, the detail goes to the log. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../db/client';
import { createAppServer } from '../http';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { INTERNAL_ERROR_MESSAGE, STORAGE_FULL_MESSAGE } from '../trpc';
import type { Task } from '../../shared/answers';

describe('faults', () => {
  let db: Db;
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-faults-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    const imagesDir = path.join(dir, 'images');
    await importDataset(db, { datasetPath: writeFixtureDataset(10), imagesDir });
    updateSettings(db, { verifyPerBatch: 0 });
    const server = createAppServer(db, { imagesDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const call = async (proc: string, input: unknown) => {
    const res = await fetch(`${base}/trpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return { status: res.status, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } } };
  };
  const batchOf = async (token: string) => {
    const res = await fetch(`${base}/trpc/annotate.batch?input=${encodeURIComponent(JSON.stringify({ token }))}`);
    return ((await res.json()) as { result: { data: { items: { assignmentId: number; question: { task: Task } }[] } } }).result.data;
  };

  it('on a full disk: 503 with a clear message, the server stays up, and a retry stores each answer once', async () => {
    const token = ((await call('annotate.start', { batchSize: 25 })).body.result!.data as { token: string }).token;
    const { items } = await batchOf(token);
    const pages = (db.$client.pragma('page_count', { simple: true }) as number);
    // A disk with no room left: the file may not grow by a single page.
    db.$client.pragma(`max_page_count = ${pages}`);
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const sent = items.map((i) => ({ token, assignmentId: i.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(i.question.task) }));
    const first = [];
    for (const input of sent) first.push(await call('annotate.submit', input));
    log.mockRestore();
    const refused = first.filter((r) => r.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 503 && r.body.error?.message === STORAGE_FULL_MESSAGE)).toBe(true);
    expect(JSON.stringify(refused)).not.toMatch(/disk is full|SQLITE/);
    expect((await fetch(`${base}/trpc/items.stats`)).status).toBe(200);
    // Room again: the page sends the same answers again (same response ids).
    db.$client.pragma('max_page_count = 1073741823');
    for (const input of sent) expect((await call('annotate.submit', input)).status).toBe(200);
    const stored = db.$client.prepare('select id from responses').all() as { id: string }[];
    expect(stored.map((r) => r.id).sort()).toEqual(sent.map((s) => s.responseId).sort());
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('an unexpected error reaches the client as a plain message; its detail goes to the log', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    db.$client.exec('alter table questions rename to questions_away');
    try {
      const res = await fetch(`${base}/trpc/items.stats`);
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status).toBe(500);
      expect(body.error.message).toBe(INTERNAL_ERROR_MESSAGE);
      expect(JSON.stringify(body)).not.toMatch(/no such table|questions_away|SqliteError/);
    } finally {
      db.$client.exec('alter table questions_away rename to questions');
      log.mockRestore();
    }
    expect(lines.join('')).toMatch(/items\.stats: .*no such table/);
  });
});

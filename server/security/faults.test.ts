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
import type { Task } from '../../shared/tasks';

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
    const body = (await res.json()) as { result?: { data: { items: { assignmentId: number; status: string; question: { task: Task } }[] } }; error?: { message: string } };
    return { status: res.status, body };
  };

  it('on a full disk: 503 with a clear message, the server stays up, and a retry stores each answer once', async () => {
    const token = ((await call('annotate.start', { batchSize: 25 })).body.result!.data as { token: string }).token;
    // The page's loop: open the batch, send the current answer; a failed send is sent again as is.
    const inputs = new Map<number, { token: string; assignmentId: number; responseId: string; timeMs: number; answer: unknown }>();
    const acknowledged = new Set<string>();
    const refusals: { status: number; message?: string }[] = [];
    const step = async (): Promise<boolean> => {
      const opened = await batchOf(token);
      if (opened.status !== 200) {
        refusals.push({ status: opened.status, message: opened.body.error?.message });
        return true;
      }
      const current = opened.body.result!.data.items.find((i) => i.status === 'open');
      if (!current) return false;
      const input = inputs.get(current.assignmentId) ?? { token, assignmentId: current.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(current.question.task) };
      inputs.set(current.assignmentId, input);
      const r = await call('annotate.submit', input);
      if (r.status === 200) acknowledged.add(input.responseId);
      else refusals.push({ status: r.status, message: r.body.error?.message });
      return true;
    };
    // A disk with no room left: the file may not grow by a single page.
    db.$client.pragma(`max_page_count = ${db.$client.pragma('page_count', { simple: true }) as number}`);
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (let i = 0; i < 40; i++) await step();
    log.mockRestore();
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.status === 503 && r.message === STORAGE_FULL_MESSAGE)).toBe(true);
    expect((await fetch(`${base}/trpc/items.stats`)).status).toBe(200);
    // Room again: the same loop finishes the batch, resending what was refused.
    db.$client.pragma('max_page_count = 1073741823');
    while (await step());
    const stored = new Set((db.$client.prepare('select id from responses').all() as { id: string }[]).map((r) => r.id));
    expect([...acknowledged].every((id) => stored.has(id))).toBe(true);
    expect(stored.size).toBe(inputs.size);
    expect(db.$client.prepare("select count(*) n from assignments where status = 'answered'").get()).toEqual({ n: inputs.size });
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

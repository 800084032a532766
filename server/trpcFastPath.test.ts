/**
 * The submit fast path (trpcFastPath.ts) answers exactly as tRPC's adapter does. Two servers on two
 * databases seeded alike, one with the fast path and one without, get the same requests — answers,
 * retries, skips, bad input of every kind, refusals — and must reply with the same status, the same
 * headers that matter and the same JSON; requests outside the plain case must reach the adapter.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db/client';
import { createAppServer } from './http';
import { importDataset } from './services/importDataset';
import { updateSettings } from './services/settings';
import { fixtureAnswer } from './testing/answers';
import { writeFixtureDataset } from './testing/fixtureDataset';
import type { Task } from '../shared/tasks';

interface Side {
  db: Db;
  base: string;
  token: string;
  items: { assignmentId: number; task: Task }[];
  close: () => void;
}

async function side(datasetPath: string, fastPath: boolean): Promise<Side> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-fastpath-'));
  const db = openDb(path.join(dir, 'db.sqlite'));
  await importDataset(db, { datasetPath, imagesDir: path.join(dir, 'images') });
  updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
  const server = createAppServer(db, { imagesDir: path.join(dir, 'images') }, undefined, { fastPath });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = (await (
    await fetch(`${base}/trpc/annotate.start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batchSize: 12 }) })
  ).json()) as { result?: { data: { token: string } } };
  if (!started.result) throw new Error(`annotate.start failed: ${JSON.stringify(started)}`);
  return { db, base, token: started.result.data.token, items: [], close: () => server.close() };
}

/** The open item the page would answer next (binding it), as the page reads it. */
async function nextItem(s: Side): Promise<{ assignmentId: number; task: Task }> {
  const res = await fetch(`${s.base}/trpc/annotate.batch?input=${encodeURIComponent(JSON.stringify({ token: s.token }))}`);
  const batch = ((await res.json()) as { result: { data: { items: { assignmentId: number; status: string; question: { task: Task } | null }[] } } }).result.data;
  const open = batch.items.find((i) => i.status === 'open' && i.question)!;
  return { assignmentId: open.assignmentId, task: open.question!.task };
}

interface Exchange {
  /** Which path answered: the fast path sends its reply in one piece, the adapter streams it (chunked). */
  via?: 'one piece' | 'chunked';
  status: number;
  contentType: string | null;
  vary: string | null;
  body: unknown;
}

async function send(s: Side, url: string, init: RequestInit): Promise<Exchange> {
  const res = await fetch(`${s.base}${url}`, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a non-JSON reply is compared as text
  }
  const via = res.headers.get('transfer-encoding') === 'chunked' ? 'chunked' : res.headers.get('content-length') ? 'one piece' : undefined;
  return { via, status: res.status, contentType: res.headers.get('content-type'), vary: res.headers.get('vary'), body };
}

describe('the submit fast path', () => {
  let fast: Side;
  let ref: Side;
  beforeAll(async () => {
    const dataset = writeFixtureDataset(4);
    [fast, ref] = await Promise.all([side(dataset, true), side(dataset, false)]);
  });
  afterAll(() => {
    fast?.close();
    ref?.close();
  });

  /** Sends what `build` makes of each side's token and item to both, and expects the same reply. */
  async function same(build: (token: string, item: { assignmentId: number; task: Task }) => { url: string; init: RequestInit }, isFast = true): Promise<Exchange> {
    const [f, r] = [fast, ref].map(async (s) => {
      const item = await nextItem(s);
      const { url, init } = build(s.token, item);
      return send(s, url, init);
    });
    const [a, b] = await Promise.all([f, r]);
    expect([a.via, b.via]).toEqual([isFast ? 'one piece' : 'chunked', 'chunked']);
    delete a.via;
    delete b.via;
    // The two batches bound questions at random: a message may name another task, nothing else may differ.
    const tasksBlind = (e: Exchange) => JSON.parse(JSON.stringify(e).replace(/\b(pose|grasp|trajectory|rearrangement|spatial|depth)\b/g, 'TASK')) as Exchange;
    expect(tasksBlind(a)).toEqual(tasksBlind(b));
    return a;
  }
  const post = (url: string, body: string, contentType = 'application/json') => ({ url, init: { method: 'POST', headers: { 'content-type': contentType }, body } });
  const submit = (token: string, item: { assignmentId: number; task: Task }, extra: object = {}) => ({
    token,
    assignmentId: item.assignmentId,
    responseId: `00000000-0000-4000-8000-${String(item.assignmentId).padStart(12, '0')}`,
    timeMs: 1200,
    answer: fixtureAnswer(item.task),
    ...extra,
  });

  it('stores an answer and answers a retry as the adapter does, batched and not', async () => {
    const stored = await same((t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i) })));
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toEqual([{ result: { data: { responseId: expect.any(String), status: 'answered', isRetry: false } } }]);
    expect(stored.vary).toBe('trpc-accept, accept');
    // The retry of the same answer (the item is answered now, so the one before it is sent again).
    const retry = await same((t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, { ...i, assignmentId: i.assignmentId - 1 }) })));
    expect(retry.body).toEqual([{ result: { data: expect.objectContaining({ isRetry: true }) } }]);
    const plain = await same((t, i) => post('/trpc/annotate.submit', JSON.stringify(submit(t, i))));
    expect(plain.body).toEqual({ result: { data: expect.objectContaining({ status: 'answered' }) } });
    const skipped = await same((t, i) => post('/trpc/annotate.skip?batch=1', JSON.stringify({ 0: { ...submit(t, i), answer: undefined, reason: 'cannot tell' } })));
    expect(skipped.body).toEqual([{ result: { data: expect.objectContaining({ status: 'skipped' }) } }]);
    for (const s of [fast, ref]) {
      expect(s.db.$client.prepare("select count(*) from responses where source = 'Human'").pluck().get()).toBe(3);
    }
  });

  it('refuses bad input with the same status and error as the adapter, and stores nothing', async () => {
    const before = [fast, ref].map((s) => s.db.$client.prepare('select count(*) from responses').pluck().get());
    const cases: ((t: string, i: { assignmentId: number; task: Task }) => { url: string; init: RequestInit })[] = [
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i, { timeMs: 'soon' }) })),
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit('no-such-token', i) })),
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i, { answer: fixtureAnswer(i.task === 'depth' ? 'grasp' : 'depth') }) })),
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i, { assignmentId: 999_999 }) })),
      (t, i) => post('/trpc/annotate.skip?batch=1', JSON.stringify({ 0: { ...submit(t, i), answer: undefined, reason: '   ' } })),
      () => post('/trpc/annotate.submit?batch=1', '{"0": {"token": '),
      () => post('/trpc/annotate.submit?batch=1', '[1, 2]'),
      () => post('/trpc/annotate.submit?batch=1', ''),
      () => post('/trpc/annotate.submit', 'null'),
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i, { pad: 'x'.repeat(300_000) }) })),
      // Outside the plain case: both go through the adapter.
      (t, i) => post('/trpc/annotate.submit?batch=1', JSON.stringify({ 0: submit(t, i) }), 'text/plain'),
      (t, i) => post('/trpc/annotate.submit?batch=1&x=1', JSON.stringify({ 0: submit(t, i, { timeMs: -1 }) })),
      (t, i) => ({ url: `/trpc/annotate.submit?input=${encodeURIComponent(JSON.stringify(submit(t, i)))}`, init: { method: 'GET' } }),
    ];
    const adapterCases = 3;
    const statuses: number[] = [];
    for (const [n, c] of cases.entries()) statuses.push((await same(c, n < cases.length - adapterCases)).status);
    expect(statuses.every((s) => s >= 400)).toBe(true);
    expect(statuses).toContain(413);
    expect([fast, ref].map((s) => s.db.$client.prepare('select count(*) from responses').pluck().get())).toEqual(before);
  });
});

/** Attacks over real HTTP against one server on a temporary database (findings 1, 2, 4, 5, 7). */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { createAppServer } from '../http';
import { createUser } from '../services/auth';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { createGuards, NEW_BATCHES_PER_WINDOW, type Guards } from './guards';

const PASSWORD = 'long enough password';

describe('the HTTP server under attack', () => {
  let db: Db;
  let base: string;
  let guards: Guards;
  let imageKey: string;
  let close: () => void;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-attack-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    const imagesDir = path.join(dir, 'images');
    await importDataset(db, { datasetPath: writeFixtureDataset(10), imagesDir });
    updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
    createUser(db, 'ada', PASSWORD, 'admin');
    imageKey = (db.$client.prepare('select image_key k from questions limit 1').get() as { k: string }).k;
    guards = createGuards();
    // Behind a proxy (TRUST_PROXY=on): X-Forwarded-For names the client, so tests can be many clients.
    const server = createAppServer(db, { imagesDir, trustProxy: true }, guards);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const post = (proc: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/trpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('refuses sign-in inside a batch, and batches of more than 10 calls, before running any', async () => {
    const guesses = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { username: 'ada', password: i === 9 ? PASSWORD : `no ${i}` }]));
    const batched = await post(`${Array(10).fill('auth.login').join(',')}?batch=1`, guesses);
    expect(batched.status).toBe(400);
    expect(await batched.text()).toMatch(/auth\.login cannot be batched/);
    const big = await fetch(`${base}/trpc/${Array(11).fill('items.stats').join(',')}?batch=1&input={}`);
    expect(big.status).toBe(400);
    expect(await big.text()).toMatch(/at most 10 calls/);
    expect(guards.signIn.inFlight).toBe(0);
    expect(db.$client.prepare('select count(*) n from sessions').get()).toEqual({ n: 0 });
    // One sign-in, alone, works.
    expect((await post('auth.login', { username: 'ada', password: PASSWORD }, { 'x-forwarded-for': '192.0.2.50' })).status).toBe(200);
  });

  it('keeps serving images while a flood of sign-ins arrives (hashing is bounded, excess refused)', async () => {
    const flood = Array.from({ length: 100 }, (_, i) => post('auth.login', { username: `user${i}`, password: 'guess guess' }, { 'x-forwarded-for': `198.51.100.${i % 250}` }));
    const t0 = performance.now();
    const img = await fetch(`${base}/img/${imageKey}`);
    const imageMs = performance.now() - t0;
    const statuses = await Promise.all(flood.map((p) => p.then((r) => r.status)));
    expect(img.status).toBe(200);
    // Unbounded, 100 scrypt runs queue ~6 s of work ahead of the file read; bounded, a few at once.
    expect(imageMs).toBeLessThan(2000);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(60);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  }, 60_000);

  it('treats a malformed session cookie as no session, on every procedure, logout included', async () => {
    const cookie = { cookie: 'bopask_session=%E0%A4%A; other=%%%' };
    expect((await fetch(`${base}/trpc/auth.me`, { headers: cookie })).status).toBe(200);
    expect((await fetch(`${base}/trpc/results.table`, { headers: cookie })).status).toBe(401);
    const out = await post('auth.logout', {}, cookie);
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^bopask_session=; Max-Age=0/);
  });

  it('sends CSP, frame and nosniff headers; the cookie is Secure behind an HTTPS proxy', async () => {
    const page = await fetch(`${base}/trpc/items.stats`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const plain = await post('auth.login', { username: 'ada', password: PASSWORD }, { 'x-forwarded-for': '192.0.2.51' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    const tls = await post('auth.login', { username: 'ada', password: PASSWORD }, { 'x-forwarded-for': '192.0.2.52', 'x-forwarded-proto': 'https' });
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=/);
    // The table holds the token's hash, not the token.
    const token = /bopask_session=([^;]+)/.exec(tls.headers.get('set-cookie')!)![1];
    const stored = db.$client.prepare('select token from sessions').all() as { token: string }[];
    expect(stored.some((r) => r.token === token)).toBe(false);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token))).toBe(true);
  });

  it('limits new batches per address after validation; junk addresses do not reset it; IPv6 by /64', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
    // 500 invalid starts from as many addresses are refused by validation and never counted.
    const invalid = await Promise.all(Array.from({ length: 500 }, (_, i) => post('annotate.start', { batchSize: 99 }, from(`172.16.${i >> 8}.${i & 255}`))));
    expect(invalid.every((r) => r.status === 400)).toBe(true);
    expect(await guards.newBatches!.get('172.16.0.1')).toBeNull();
    // An address uses its allowance (each start a real batch)…
    for (let i = 0; i < NEW_BATCHES_PER_WINDOW; i++) await guards.newBatches!.consume('203.0.113.77');
    expect((await post('annotate.start', { batchSize: 10 }, from('203.0.113.77'))).status).toBe(429);
    // …and 10,000 other addresses taking a batch each do not empty the limiter (the old one cleared its map).
    for (let i = 0; i < 10_000; i++) await guards.newBatches!.consume(`100.64.${i >> 8}.${i & 255}`);
    expect((await post('annotate.start', { batchSize: 10 }, from('203.0.113.77'))).status).toBe(429);
    // Two addresses of one IPv6 /64 share one allowance; another /64 has its own.
    for (let i = 0; i < NEW_BATCHES_PER_WINDOW; i++) await guards.newBatches!.consume('2001:db8:1:2::/64');
    expect((await post('annotate.start', { batchSize: 10 }, from('2001:db8:1:2::abcd'))).status).toBe(429);
    expect((await post('annotate.start', { batchSize: 10 }, from('2001:db8:1:2:ffff::1'))).status).toBe(429);
    expect((await post('annotate.start', { batchSize: 10 }, from('2001:db8:1:3::1'))).status).toBe(200);
  }, 60_000);
});

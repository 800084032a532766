/** The configurable new-batch limit (NEW_BATCHES_PER_ADDRESS, NEW_BATCH_WINDOW_MIN) over real HTTP. */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDb, type Db } from '../db/client';
import { createAppServer } from '../http';
import { importDataset } from '../services/importDataset';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { guardsFromConfig } from './guards';

describe('the new-batch limit as configured', () => {
  let db: Db;
  let imagesDir: string;
  const servers: { close(): void }[] = [];
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-limit-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    imagesDir = path.join(dir, 'images');
    await importDataset(db, { datasetPath: writeFixtureDataset(10), imagesDir });
  });
  afterAll(() => servers.forEach((s) => s.close()));

  /** A server configured from `env`; `start(address)` makes a new batch as that client (behind the proxy). */
  async function serve(env: NodeJS.ProcessEnv) {
    const config = { ...loadConfig({ TRUST_PROXY: 'on', ...env }), imagesDir };
    const server = createAppServer(db, config, guardsFromConfig(config));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return async (address: string) => {
      const r = await fetch(`${base}/trpc/annotate.start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ batchSize: 10 }),
      });
      return { status: r.status, text: await r.text() };
    };
  }

  it('allows the configured number per address and window, then refuses with the wait in minutes', async () => {
    const start = await serve({ NEW_BATCHES_PER_ADDRESS: '3', NEW_BATCH_WINDOW_MIN: '45' });
    for (let i = 0; i < 3; i++) expect((await start('198.51.100.1')).status).toBe(200);
    const refused = await start('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/too many new batches from this address: try again in 45 min/);
    // Another address (another participant behind the same proxy) has its own allowance.
    expect((await start('198.51.100.2')).status).toBe(200);
  });

  it('lets a study behind one address (a lab behind one NAT) raise the limit', async () => {
    const start = await serve({ NEW_BATCHES_PER_ADDRESS: '40' });
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await start('203.0.113.9')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await start('203.0.113.9')).status).toBe(429);
  }, 30_000);

  it('counts nothing when switched off (load tests), and the default is 30 per 10 minutes', async () => {
    const off = await serve({ NEW_BATCHES_PER_ADDRESS: 'off' });
    for (let i = 0; i < 35; i++) expect((await off('192.0.2.200')).status).toBe(200);
    const byDefault = await serve({});
    for (let i = 0; i < 30; i++) expect((await byDefault('192.0.2.201')).status).toBe(200);
    expect((await byDefault('192.0.2.201')).text).toMatch(/try again in 10 min/);
  }, 30_000);
});

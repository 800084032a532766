/**
 * First paint of the contributor's page against a static page, in headless Chromium (issue 14).
 *   npm run bench:pages             # prints a table and writes bench/PAGES.md
 *
 * Builds the client, starts the real server (`node --import tsx server/index.ts`) on a free port with a
 * temporary database holding a small fixture dataset, and in the same run a bare `node:http` server with a
 * static page (the floor). Each visit is a new browser context (cold cache); the two are alternated.
 * Measured on loopback and under an emulated network (so the bytes sent matter), and then a warm visit
 * (hashed assets from the cache). Fails with a non-zero exit when a page does not load, an asset is not
 * sent compressed or not cached as immutable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../e2e/fixtures/browser';
import { openDb } from '../server/db/client';
import { importDataset } from '../server/services/importDataset';
import { writeFixtureDataset } from '../server/testing/fixtureDataset';

const VISITS = Number(process.env.BENCH_VISITS ?? 8); // per page and network; the server allows 30 new batches per address per 10 min
const NETWORK = { downloadThroughput: (20e6 / 8) | 0, uploadThroughput: (5e6 / 8) | 0, latency: 40 }; // 20 Mbit/s down, 40 ms RTT

const STATIC_HTML = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>static</title></head>
<body><h1>BOP-Ask Studio</h1><p>A static page: the floor for a first paint.</p></body></html>`;

function fail(message: string): never {
  process.stderr.write(`bench:pages: ${message}\n`);
  process.exit(1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function startApp(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const databasePath = path.join(dir, 'bopask.sqlite');
  const imagesDir = path.join(dir, 'images');
  const db = openDb(databasePath);
  await importDataset(db, { datasetPath: writeFixtureDataset(10), imagesDir });
  db.$client.close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, IMAGES_DIR: imagesDir, DEMO: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return { url, child };
}

async function startStatic(): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(STATIC_HTML));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Visit {
  fcpMs: number;
  readyMs: number;
  bytes: number;
}

/** One visit: navigation → first contentful paint, → `ready` visible; bytes = transfer sizes of all responses. */
async function visit(context: BrowserContext, url: string, ready: string, throttled: boolean): Promise<Visit> {
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
  }
  const res = await page.goto(url);
  if (!res || res.status() !== 200) fail(`${url}: HTTP ${res?.status()}`);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const readyMs = await page.evaluate('performance.now()');
  const m = await page.evaluate<{ fcp: number; bytes: number }>(`(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    return { fcp: fcp ? fcp.startTime : NaN, bytes: all.reduce((s, e) => s + e.transferSize, 0) };
  })()`);
  if (!Number.isFinite(m.fcp)) fail(`${url}: no first-contentful-paint entry`);
  await page.close();
  return { fcpMs: m.fcp, readyMs: readyMs as number, bytes: m.bytes };
}

/** What the server sends for the page's own assets: checked, so a bench of a broken build fails. */
async function checkAssets(base: string): Promise<{ raw: number; sent: number }> {
  const html = await (await fetch(`${base}/annotate`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((x) => x[1]);
  if (!assets.length) fail('the page references no assets');
  let raw = 0;
  let sent = 0;
  for (const a of assets) {
    const plain = await fetch(`${base}${a}`, { headers: { 'accept-encoding': 'identity' } });
    // fetch decodes the body; read the on-the-wire size from content-length of the encoded reply.
    const br = await fetch(`${base}${a}`, { headers: { 'accept-encoding': 'br' } });
    if (br.headers.get('content-encoding') !== 'br') fail(`${a} is not sent brotli-compressed`);
    if (!/immutable/.test(br.headers.get('cache-control') ?? '')) fail(`${a} is not cached as immutable`);
    raw += Number(plain.headers.get('content-length'));
    sent += Number(br.headers.get('content-length'));
    await plain.arrayBuffer();
    await br.arrayBuffer();
  }
  return { raw, sent };
}

async function run(browser: Browser, app: string, floor: string) {
  const rows: string[] = [];
  for (const throttled of [false, true]) {
    const samples: Record<'app' | 'floor', Visit[]> = { app: [], floor: [] };
    for (let i = 0; i < VISITS; i++) {
      for (const which of i % 2 ? (['floor', 'app'] as const) : (['app', 'floor'] as const)) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const target = which === 'app' ? `${app}/annotate` : floor;
        samples[which].push(await visit(context, target, which === 'app' ? '[data-testid=annotate-page]' : 'h1', throttled));
        await context.close();
      }
    }
    const net = throttled ? '20 Mbit/s, 40 ms RTT' : 'loopback';
    const a = samples.app;
    const f = samples.floor;
    const ratio = median(a.map((v) => v.fcpMs)) / median(f.map((v) => v.fcpMs));
    rows.push(
      `| ${net} | ${median(a.map((v) => v.fcpMs)).toFixed(0)} | ${median(a.map((v) => v.readyMs)).toFixed(0)} | ${(median(a.map((v) => v.bytes)) / 1024).toFixed(0)} KB ` +
        `| ${median(f.map((v) => v.fcpMs)).toFixed(0)} | ${ratio.toFixed(2)} |`,
    );
    console.log(rows.at(-1));
  }
  // Warm: one context, a second visit takes the hashed assets from the cache.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await visit(context, `${app}/annotate`, '[data-testid=annotate-page]', true);
  const warm = await visit(context, `${app}/annotate`, '[data-testid=annotate-page]', true);
  await context.close();
  rows.push(`| 20 Mbit/s, 40 ms RTT, second visit | ${warm.fcpMs.toFixed(0)} | ${warm.readyMs.toFixed(0)} | ${(warm.bytes / 1024).toFixed(0)} KB | | |`);
  console.log(rows.at(-1));
  return rows;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-pages-bench-'));
await build({ logLevel: 'warn' });
const app = await startApp(dir);
const floor = await startStatic();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const { raw, sent } = await checkAssets(app.url);
  console.log(`entry assets: ${(raw / 1024).toFixed(0)} KB, sent as ${(sent / 1024).toFixed(0)} KB (brotli)`);
  const rows = await run(browser, app.url, floor.url);
  const md = `# Page performance

\`npm run bench:pages\` — the built client served by the real server (fixture dataset, temporary database),
against a static page from bare \`node:http\` (the floor), in headless Chromium, ${os.cpus().length} CPU cores
shared with other work. Medians of ${VISITS} cold visits each (a new browser context per visit, app and
floor alternated). FCP = first contentful paint; *ready* = the contributor's page with its batch on screen
(includes starting the batch over the API). Bytes = transfer sizes of every response of the visit.

Entry assets of \`/annotate\` (index.html's scripts and styles): ${(raw / 1024).toFixed(0)} KB, sent as
${(sent / 1024).toFixed(0)} KB with brotli.

| network | /annotate FCP ms | /annotate ready ms | bytes | static page FCP ms | FCP ratio |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Measured ${new Date().toISOString().slice(0, 10)}.
`;
  fs.writeFileSync('bench/PAGES.md', md);
  console.log('wrote bench/PAGES.md');
} finally {
  await browser.close();
  app.child.kill('SIGTERM');
  floor.server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `bopask import-predictions` of N lines (default 1,000,000: bench/cli.ts's files, 6,000 questions × 4
 * sources) into a database while this process, on its own connection with the server's busy timeout
 * (5 s), stores an answer every ~10 ms as a submit does (insert + its pair's flush, one immediate
 * transaction). Reports the import's time and peak RSS, the rows stored, and how long that writer
 * waited for the write lock (longest, p99) and how often it was refused (SQLITE_BUSY).
 *   npm run bench:import                          # this checkout, 1,000,000 lines
 *   npm run bench:import -- --lines 200000 --compare d29a2a5
 * --compare also runs the CLI of that commit (git archive into a temporary folder, its bundle built
 * there) on a fresh copy of the same database, for the figure before staged imports.
 *
 * Checks, exiting non-zero otherwise: this checkout's import exits 0, says it imported N answers, stores
 * N rows, and no write was refused; `bopask table --verify` passes after it (the running sums equal the
 * recomputation from every response, bit for bit).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { METRIC_VERSION } from '../shared/metrics/scores';
import { openDb } from '../server/db/client';
import { flushSums } from '../server/services/tableSums';
import { writeFiles } from './cli';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, compare: { type: 'string' } } });
const n = Number(values.lines);
const repo = path.join(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`bench:import FAILED: ${message}`);
  process.exit(1);
}

/** Builds the CLI bundle of the checkout at `root` (bin/bopask.js then runs it, BOPASK_CLI=bundle). */
function buildCli(root: string): void {
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.cli.config.ts'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) fail(`building the CLI bundle in ${root} failed:\n${r.stderr.slice(-2000)}`);
}

interface Run { status: number | null; stdout: string; stderr: string; seconds: number; rssMb: number; writes: number; refused: number; longestMs: number; p99Ms: number }

/** Runs the import of `predictions` into `db` with `bin`, writing beside it every ~10 ms. */
async function importBeside(bin: string, db: string, predictions: string, env: Record<string, string>): Promise<Run> {
  const conn = openDb(db, { log: () => {} });
  const questions = conn.$client.prepare("select id from questions where pool = 'benchmark'").pluck().all() as string[];
  const insert = conn.$client.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version)
    values (?, ?, 'Human', 'bench-writer', 'answer', '"Yes"', '{"valid":true,"correct":1}', ${METRIC_VERSION})`);
  let seq = 0;
  const submit = conn.$client.transaction(() => {
    const q = questions[seq % questions.length];
    insert.run(`bench-writer-${seq++}`, q);
    flushSums(conn.$client, [{ source: 'Human', questionId: q }]);
  });
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, bin, 'import-predictions', '--predictions', predictions, '--db', db], {
    env: { ...process.env, BOPASK_CLI: 'bundle', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  let status: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => ((status = code), resolve())));
  const waits: number[] = [];
  let refused = 0;
  while (status === undefined) {
    await sleep(10);
    const w0 = performance.now();
    try {
      submit.immediate();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      refused++;
    }
    waits.push(performance.now() - w0);
  }
  await exited;
  const seconds = (performance.now() - t0) / 1000;
  conn.$client.close();
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  if (!rss) fail(`no peak RSS from /usr/bin/time: ${stderr.slice(-500)}`);
  waits.sort((a, b) => a - b);
  return { status: status ?? null, stdout, stderr, seconds, rssMb: Number(rss) / 1024, writes: waits.length, refused, longestMs: waits[waits.length - 1] ?? 0, p99Ms: waits[Math.floor(waits.length * 0.99)] ?? 0 };
}

const storedImported = (db: string) => {
  const conn = openDb(db, { log: () => {} });
  try {
    return conn.$client.prepare(`select count(*) from responses where id like 'p-%'`).pluck().get() as number;
  } finally {
    conn.$client.close();
  }
};

const row = (what: string, r: Run, stored: number) =>
  `| ${what} | ${r.seconds.toFixed(1)} s | ${r.rssMb.toFixed(0)} MB | ${stored.toLocaleString('en-US')} | ${r.writes} | ${r.refused} | ${r.longestMs.toFixed(0)} ms | ${r.p99Ms.toFixed(0)} ms |`;

buildCli(repo);
const files = await writeFiles(n);
const oldRoot = values.compare ? fs.mkdtempSync(path.join(files.dir, 'old-')) : null;
try {
  const db = path.join(files.dir, 'bench.sqlite');
  const env = { IMAGES_DIR: path.join(files.dir, 'images') };
  const bin = path.join(repo, 'bin', 'bopask.js');
  const setup = spawnSync(process.execPath, [bin, 'import', '--dataset', files.dataset, '--db', db], { encoding: 'utf8', env: { ...process.env, BOPASK_CLI: 'bundle', ...env } });
  if (setup.status !== 0) fail(`bopask import: ${setup.stderr.slice(-2000)}`);
  const oldDb = path.join(files.dir, 'old.sqlite');

  const lines = [
    `${n.toLocaleString('en-US')} lines (6,000 questions × 4 sources), a writer beside it every ~10 ms (busy timeout 5 s):`,
    '',
    '| code | import time | peak RSS | rows stored | writes | refused | longest wait | p99 wait |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const r = await importBeside(bin, db, files.predictions, env);
  if (r.status !== 0) fail(`bopask import-predictions exited with ${r.status}:\n${r.stderr.slice(-2000)}`);
  if (!r.stdout.startsWith(`imported ${n} answer(s)`)) fail(`bopask import-predictions said: ${r.stdout.slice(0, 500)}`);
  const stored = storedImported(db);
  if (stored !== n) fail(`stored ${stored} imported rows, expected ${n}`);
  if (r.refused > 0) fail(`${r.refused} write(s) refused with SQLITE_BUSY during the import`);
  lines.push(row('this checkout', r, stored));
  const hold = /staged in .*/.exec(r.stderr)?.[0];
  const verify = spawnSync(process.execPath, [bin, 'table', '--verify', '--db', db], { encoding: 'utf8', env: { ...process.env, BOPASK_CLI: 'bundle', ...env } });
  if (verify.status !== 0) fail(`bopask table --verify after the import: ${verify.stderr.slice(-2000)}`);

  if (oldRoot) {
    execFileSync('sh', ['-c', `git -C "${repo}" archive ${values.compare} | tar -x -C "${oldRoot}"`]);
    fs.symlinkSync(fs.realpathSync(path.join(repo, 'node_modules')), path.join(oldRoot, 'node_modules'));
    buildCli(oldRoot);
    const oldBin = path.join(oldRoot, 'bin', 'bopask.js');
    // Its own database, made by its own `bopask import` (its schema, its triggers).
    const oldSetup = spawnSync(process.execPath, [oldBin, 'import', '--dataset', files.dataset, '--db', oldDb], { encoding: 'utf8', env: { ...process.env, BOPASK_CLI: 'bundle', ...env } });
    if (oldSetup.status !== 0) fail(`${values.compare}'s bopask import: ${oldSetup.stderr.slice(-2000)}`);
    const old = await importBeside(oldBin, oldDb, files.predictions, env);
    if (old.status !== 0) fail(`${values.compare}'s bopask import-predictions exited with ${old.status}:\n${old.stderr.slice(-2000)}`);
    lines.push(row(`${values.compare} (before)`, old, storedImported(oldDb)));
  }
  lines.push('', `this checkout: ${hold ?? 'no staging line'}; bopask table --verify passed after it`);
  console.log(lines.join('\n'));
} finally {
  fs.rmSync(files.dir, { recursive: true, force: true });
}

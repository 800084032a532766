/**
 * Database durability and upgrade costs.
 *   npm run bench:db                                   # 100,000 questions, 1,000,000 responses
 *   npm run bench:db -- --responses 100000             # smaller
 * 1. Upgrade in place: a database at the first migration with N responses is opened by the current
 *    code (automatic backup with VACUUM INTO, then every pending migration); both times are printed.
 * 2. On that database: start, open (binds a question) and submit, each timed (the write lock's hold).
 * 3. Commit cost of synchronous=FULL against NORMAL (WAL): single-row transactions per second, each
 *    like one acknowledged answer, measured in the same run on the same disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { getBatch, startOrResume, submitResponse } from '../server/services/annotate';
import { openDb } from '../server/db/client';
import { fillOlderDatabase, openOlderDatabase } from '../server/testing/olderDatabase';

const { values } = parseArgs({ options: { questions: { type: 'string', default: '100000' }, responses: { type: 'string', default: '1000000' } } });
const nQuestions = Number(values.questions);
const nResponses = Number(values.responses);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-bench-db-'));

const file = path.join(dir, 'old.sqlite');
let t = performance.now();
const old = openOlderDatabase(file, 1);
fillOlderDatabase(old, nQuestions, nResponses);
old.$client.close();
console.log(`built: ${nQuestions} questions, ${nResponses} responses at the first migration in ${((performance.now() - t) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
t = performance.now();
const db = openDb(file, { log: (l) => console.log(l) });
console.log(`upgrade in place, backup included: ${((performance.now() - t) / 1000).toFixed(1)} s`);
console.log(`integrity_check: ${db.$client.pragma('integrity_check', { simple: true })}`);

// 3. The contributor's calls on that database: each is one short transaction (the write lock's hold).
const timings: Record<string, number[]> = { start: [], 'batch (binds)': [], submit: [] };
const timed = async <T>(what: string, f: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  timings[what].push(performance.now() - t0);
  return r;
};
for (let k = 0; k < 30; k++) {
  const { token } = await timed('start', () => startOrResume(db, { batchSize: 10 }));
  for (let i = 0; i < 3; i++) {
    const item = (await timed('batch (binds)', () => getBatch(db, token))).items.find((x) => x.status === 'open');
    if (!item) break;
    await timed('submit', () =>
      submitResponse(db, { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 1, kind: 'answer', answer: { task: 'spatial', value: true } }),
    );
  }
}
for (const [what, ms] of Object.entries(timings)) {
  ms.sort((a, b) => a - b);
  console.log(`${what}: median ${ms[ms.length >> 1].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms over ${ms.length} calls`);
}
db.$client.close();

for (const mode of ['NORMAL', 'FULL']) {
  const f = path.join(dir, `commits-${mode}.sqlite`);
  const c = new Database(f);
  c.pragma('journal_mode = WAL');
  c.pragma(`synchronous = ${mode}`);
  c.exec('create table r (id integer primary key, output text)');
  const insert = c.prepare('insert into r (output) values (?)');
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) c.transaction(() => insert.run('{"task":"spatial","value":true}'))();
  const s = (performance.now() - t0) / 1000;
  console.log(`synchronous=${mode}: ${(n / s).toFixed(0)} commits/s (${((s / n) * 1000).toFixed(2)} ms each)`);
  c.close();
}
fs.rmSync(dir, { recursive: true, force: true });

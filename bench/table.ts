/**
 * The results table at scale: the running sums against recomputing from every response, same run.
 *   npm run bench:table                                   # 100,000 questions, 1,000,000 human answers, 10 models
 *   npm run bench:table -- --questions 10000 --responses 100000 --models 2
 * 1. Seed (plain SQL, triggers on: every pair is noted), then the full recompute of the sums (what a
 *    database from before them, or a metric change, costs once), timed.
 * 2. A page view's table (the results page's `table` procedure) after each of 30 new answers, each
 *    stored as the submit path stores it (insert + its question's flush, one transaction), timed.
 * 3. Baselines in the same run: the old recomputation from every response (`tableFromResponses`) and
 *    one SQL aggregate over the responses. Exits non-zero when the sums and the recomputation differ.
 * 4. Starting a batch and binding its first questions (`annotate.start`, then `annotate.batch` as the
 *    page reads it) at this size, each question's load set to its human answers, timed: each call is
 *    at most one immediate transaction, so the write lock is held no longer than the call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { METRIC_VERSION } from '../shared/metrics/scores';
import { TASKS } from '../shared/tasks';
import { openDb } from '../server/db/client';
import { benchmarkTable, tableFromQuestionSums, tableFromResponses } from '../server/services/results';
import { flushSums } from '../server/services/tableSums';
import { benchmarkQuestionCounts } from '../server/services/baseline/statistics';
import { signedInCaller } from '../server/testing/callers';
import { getBatch, startOrResume } from '../server/services/annotate';

const { values } = parseArgs({ options: { questions: { type: 'string', default: '100000' }, responses: { type: 'string', default: '1000000' }, models: { type: 'string', default: '10' } } });
const nQuestions = Number(values.questions);
const nResponses = Number(values.responses);
const nModels = Number(values.models);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-bench-table-'));
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const heapMb = () => (process.memoryUsage().heapUsed / 1e6).toFixed(0);

function fail(message: string): never {
  console.error(`bench:table FAILED: ${message}`);
  process.exit(1);
}

const db = openDb(path.join(dir, 'db.sqlite'), { log: () => {} });
const c = db.$client;
const scoresOf = (task: string, i: number): string => {
  const v = ((i * 2654435761) % 1000003) / 1000003; // spread in [0, 1)
  switch (task) {
    case 'pose': return JSON.stringify({ valid: true, iou3d: v, iou2d: v });
    case 'trajectory': return JSON.stringify({ valid: i % 97 !== 0, success: v > 0.5 ? 1 : 0, dist: i % 97 === 0 ? 'inf' : v * 200 });
    case 'grasp': return JSON.stringify({ valid: true, nce: v * 2 });
    case 'rearrangement': return JSON.stringify({ valid: true, recall: v, precision: 1 - v });
    default: return JSON.stringify({ valid: true, correct: v > 0.4 ? 1 : 0 });
  }
};

let t = performance.now();
const insertQ = c.prepare("insert into questions (id, task, pool, image, image_key, width, height, question, item, hash_rank) values (?, ?, 'benchmark', 'a.png', 'a', 640, 480, 'q', ?, ?)");
const insertR = c.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version) values (?, ?, ?, ?, 'answer', '"x"', ?, ${METRIC_VERSION})`);
const taskOf = (i: number) => TASKS[i % TASKS.length];
c.transaction(() => {
  for (let i = 0; i < nQuestions; i++) insertQ.run(`q-${i}`, taskOf(i), JSON.stringify({ id: `q-${i}`, task: taskOf(i) }), i * 40503);
  // Human answers: about 30% of questions get a second one (as the paper), the rest spread evenly.
  for (let r = 0; r < nResponses; r++) {
    const q = r < nQuestions ? r : Math.floor(((r * 7919) % (nQuestions * 10)) / 10);
    insertR.run(`h-${r}`, `q-${q}`, 'Human', `p-${r % 2000}`, scoresOf(taskOf(q), r));
  }
  for (let m = 0; m < nModels; m++) for (let q = 0; q < nQuestions; q++) insertR.run(`m${m}-${q}`, `q-${q}`, `Model ${m}`, null, scoresOf(taskOf(q), q + m * 31));
})();
const pairs = c.prepare('select count(*) from sums_dirty').pluck().get() as number;
console.log(`seeded ${nQuestions} questions, ${nResponses} human answers, ${nModels} models × ${nQuestions} in ${secs(t)} s (${pairs} pairs noted by the triggers)`);

t = performance.now();
const done = flushSums(c);
console.log(`full recompute of the sums (every pair): ${secs(t)} s for ${done} pairs, heap ${heapMb()} MB`);
if (done !== pairs) fail(`flushed ${done} pairs, ${pairs} were noted`);

const api = await signedInCaller(db, 'curator');
t = performance.now();
await api.results.table();
console.log(`first page view: ${((performance.now() - t)).toFixed(1)} ms`);

const submitOne = c.transaction((i: number) => {
  const q = `q-${(i * 104729) % nQuestions}`;
  const task = c.prepare('select task from questions where id = ?').pluck().get(q) as string;
  insertR.run(`new-${i}`, q, 'Human', `p-new-${i}`, scoresOf(task, i + 12345));
  flushSums(c, [{ source: 'Human', questionId: q }]);
});
const submitMs: number[] = [];
const viewMs: number[] = [];
for (let i = 0; i < 30; i++) {
  let t0 = performance.now();
  submitOne.immediate(i);
  submitMs.push(performance.now() - t0);
  t0 = performance.now();
  await api.results.table();
  viewMs.push(performance.now() - t0);
}
const tableMs: number[] = [];
const countsMs: number[] = [];
for (let i = 30; i < 40; i++) {
  submitOne.immediate(i);
  let t0 = performance.now();
  benchmarkTable(db);
  tableMs.push(performance.now() - t0);
  t0 = performance.now();
  benchmarkQuestionCounts(db);
  countsMs.push(performance.now() - t0);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
const max = (xs: number[]) => Math.max(...xs).toFixed(1);
console.log(`store one answer (insert + its question's sums, one transaction): median ${med(submitMs)} ms, max ${max(submitMs)} ms`);
console.log(`page view's table after each new answer: median ${med(viewMs)} ms, max ${max(viewMs)} ms (target < 50 ms)`);
console.log(`  of which the rows from the sums: median ${med(tableMs)} ms; the benchmark's question counts: median ${med(countsMs)} ms`);

t = performance.now();
const fromSums = tableFromQuestionSums(db);
console.log(`full recompute of the table from its per-(source, question) sums: ${secs(t)} s (target < 2 s), heap ${heapMb()} MB`);

// Baselines, same run.
t = performance.now();
const reference = tableFromResponses(db);
console.log(`baseline: the table recomputed from every response: ${secs(t)} s, heap ${heapMb()} MB`);
t = performance.now();
c.prepare(`select r.source, q.task, count(*), sum(json_extract(r.scores, '$.correct')) from responses r join questions q on q.id = r.question_id
  where r.kind = 'answer' group by r.source, q.task`).all();
console.log(`baseline: one SQL aggregate over the responses: ${secs(t)} s`);
if (JSON.stringify(reference) !== JSON.stringify(benchmarkTable(db))) fail('the table from the running sums differs from the recomputation');
if (JSON.stringify(reference) !== JSON.stringify(fromSums)) fail('the table recomputed from the per-question sums differs from the recomputation');
console.log('check: the running sums give the recomputation bit for bit');

// 4. Batch start and binding at this size (issue 14: < 20 ms, the write lock held a few ms).
t = performance.now();
c.exec(`create temp table human_counts as select question_id q, count(*) n from responses where source = 'Human' group by question_id;
  create unique index temp.human_counts_q on human_counts (q);
  update questions set load = (select n from human_counts where q = questions.id) where id in (select q from human_counts);`);
console.log(`loads set from the human answers: ${secs(t)} s`);
const startMs: number[] = [];
const bindMs: number[] = [];
for (let i = 0; i < 60; i++) {
  let t0 = performance.now();
  const { token } = await startOrResume(db, { batchSize: 15 });
  startMs.push(performance.now() - t0);
  t0 = performance.now();
  const batch = getBatch(db, token);
  bindMs.push(performance.now() - t0);
  if (!batch.items.some((it) => it.mode === 'answer')) fail('a new batch bound no answer question');
}
console.log(`annotate.start (plan + practice, one transaction): median ${med(startMs)} ms, max ${max(startMs)} ms (target < 20 ms)`);
console.log(`first annotate.batch (binds the first questions, one transaction): median ${med(bindMs)} ms, max ${max(bindMs)} ms`);
if (process.env.KEEP_DB) console.log(`kept ${path.join(dir, 'db.sqlite')}`);
db.$client.close();
if (!process.env.KEEP_DB) fs.rmSync(dir, { recursive: true, force: true });

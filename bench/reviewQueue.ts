/**
 * The review queue at 100,000 questions: page, filtered page, deep keyset page, text search page and
 * the counts, timed on a database filled by copying one imported question (`npx tsx bench/reviewQueue.ts`).
 */
import { performance } from 'node:perf_hooks';
import { reviewDb } from '../server/testing/reviewFixture';
import { queueCounts, reviewQueue, type QueueFilter } from '../server/services/review/queue';

const N = Number(process.env.QUESTIONS ?? 100_000);
const { db } = await reviewDb(1);
const tasks = ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'];
const statuses = ['unreviewed', 'unreviewed', 'unreviewed', 'accepted', 'corrected', 'rejected'];
db.$client.transaction(() => {
  const ins = db.$client.prepare(
    `insert into questions (id, task, pool, image, image_key, width, height, question, item, review_status, review_priority, crowd_count)
     select ?, ?, 'benchmark', image, image_key, width, height, ?, json_set(item, '$.id', ?, '$.meta', json_object('dataset', ?, 'scene', ?)), ?, ?, ?
       from questions where id = 'spatial-0'`,
  );
  for (let i = 0; i < N; i++) {
    const id = `b-${String(i).padStart(6, '0')}`;
    const p = i % 3 === 0 ? 2 : (i * 7919) % 1000 / 1000;
    ins.run(id, tasks[i % 6], `Question ${i} about the ${i % 97 === 0 ? 'zebra' : 'mug'}`, id, i % 2 ? 'hope' : 'ycbv', String(i % 50), statuses[i % 6], p, p === 2 ? 0 : 3);
  }
})();
db.$client.exec('analyze');

function time(label: string, f: () => unknown, runs = 20): void {
  f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${t[runs >> 1].toFixed(2)} ms, max ${t[runs - 1].toFixed(2)} ms`);
}
const all: QueueFilter = { pool: 'benchmark' };
time('first page (50)', () => reviewQueue(db, all, null, 50));
time('pose + unreviewed', () => reviewQueue(db, { ...all, task: 'pose', status: 'unreviewed' }, null, 50));
time('dataset hope, scene 7', () => reviewQueue(db, { ...all, dataset: 'hope', scene: '7' }, null, 50));
time('crowd disagrees', () => reviewQueue(db, { ...all, disagrees: true }, null, 50));
time('deep page (cursor at priority 0.9)', () => reviewQueue(db, all, { priority: 0.9, id: 'b-0' }, 50));
time('text search "zebra" (one window)', () => reviewQueue(db, { ...all, search: 'zebra' }, null, 50));
time('counts (cached)', () => queueCounts(db, 'benchmark'));
time('counts (recomputed)', () => {
  db.$client.prepare(`insert into settings (key, value) values ('review.responsesSeen', random()) on conflict do update set value = random()`).run();
  return queueCounts(db, 'benchmark');
}, 5);

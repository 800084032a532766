/**
 * A submit moves the table from its pair's stored exact sums (tableSums.ts flushSubmitted), without
 * reading the question's other responses; a pair whose stored sums may be stale is recomputed from its
 * responses instead. Either way the table equals, to the bit, the recomputation from every response.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import type { Answer, Task } from '../../shared/tasks';
import { openDb, type Db } from '../db/client';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { getBatch, startOrResume } from './annotate';
import { excludeContributor } from './baseline/exclusions';
import { importDataset } from './importDataset';
import { benchmarkTable, tableFromResponses } from './results';
import { updateSettings } from './settings';
import { submitGrouped } from './submitGroup';
import { submittedStats } from './tableSums';

let db: Db;
let seed = 1;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-submit-sums-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  await importDataset(db, { datasetPath: writeFixtureDataset(2), imagesDir: path.join(dir, 'images') });
  updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
  seed = 1;
});

/** The fixture answer moved by up to 30 px (a yes/no answer drawn at random): every response scores differently. */
function someAnswer(task: Task): Answer {
  const a = fixtureAnswer(task);
  if ('value' in a) return { ...a, value: random() < 0.5 };
  return { ...a, points: a.points.map(([x, y]) => [x + Math.round((random() - 0.5) * 60), y + Math.round((random() - 0.5) * 60)]) } as Answer;
}

/** A new contributor at their first item: its token, the item and its question. */
async function nextContributor(): Promise<{ token: string; assignmentId: number; questionId: string; task: Task }> {
  const { token } = await startOrResume(db, { batchSize: 12 });
  return openItemOf(token)!;
}

function openItemOf(token: string) {
  const item = getBatch(db, token).items.find((x) => x.status === 'open');
  if (!item) return undefined;
  const questionId = db.$client.prepare('select question_id from assignments where id = ?').pluck().get(item.assignmentId) as string;
  return { token, assignmentId: item.assignmentId, questionId, task: item.question.task as Task };
}

const submit = (at: { token: string; assignmentId: number; task: Task }) =>
  submitGrouped(db, { token: at.token, assignmentId: at.assignmentId, responseId: randomUUID(), timeMs: 5, kind: 'answer', answer: someAnswer(at.task) });

/** Answers every item of the contributor's batch, one submit at a time. */
async function answerAll(token: string): Promise<void> {
  for (let at = openItemOf(token); at; at = openItemOf(token)) await submit(at);
}

const expectExact = () => expect(JSON.stringify(benchmarkTable(db))).toBe(JSON.stringify(tableFromResponses(db)));
const counts = () => ({ ...submittedStats });

describe("a submit moves the table from its pair's stored sums", () => {
  it('adds each answer to the stored sums, never recomputing, and keeps the table exact', async () => {
    const before = counts();
    for (let i = 0; i < 5; i++) {
      await answerAll((await nextContributor()).token);
      expectExact();
    }
    expect(submittedStats.resumed - before.resumed).toBe(5 * 12);
    expect(submittedStats.recomputed - before.recomputed).toBe(0);
    const stored = db.$client.prepare("select acc from question_sums where source = 'Human'").pluck().all() as unknown[];
    expect(stored).toHaveLength(12);
    expect(stored.every((a) => Buffer.isBuffer(a) && a.readDoubleLE(0) === METRIC_VERSION)).toBe(true);
  });

  it('takes answers to one question in one group, and leaves out an excluded contributor’s', async () => {
    const excluded = await nextContributor();
    for (let k = 0; k < 6; k++) await submit(openItemOf(excluded.token)!);
    excludeContributor(db, db.$client.prepare('select id from participants where token = ?').pluck().get(excluded.token) as string, 'tests', null);
    expectExact();
    // They go on answering: none of it counts.
    await answerAll(excluded.token);
    expectExact();
    const a = await nextContributor();
    const b = await nextContributor();
    while (openItemOf(b.token)!.questionId !== a.questionId) await submit(openItemOf(b.token)!);
    const before = counts();
    await Promise.all([submit(a), submit(openItemOf(b.token)!)]);
    expect(submittedStats.resumed - before.resumed).toBe(1);
    expect(db.$client.prepare("select responses from question_sums where source = 'Human' and question_id = ?").pluck().get(a.questionId)).toBe(2);
    expectExact();
  });

  it('recomputes a pair whose stored sums may be stale: noted dirty before, another metric version, unreadable, absent', async () => {
    await answerAll((await nextContributor()).token);
    const spoil: ((questionId: string) => void)[] = [
      // A change the triggers noted but no flush has taken yet (a response changed by raw SQL).
      (q) => db.$client.prepare(`update responses set scores = json_set(scores, '$.valid', json('false')) where question_id = ? and source = 'Human'`).run(q),
      // Stored by other metric code: its first double, the version, is not this code's.
      (q) => {
        const acc = db.$client.prepare("select acc from question_sums where source = 'Human' and question_id = ?").pluck().get(q) as Buffer;
        acc.writeDoubleLE(METRIC_VERSION - 1, 0);
        db.$client.prepare("update question_sums set acc = ? where source = 'Human' and question_id = ?").run(acc, q);
      },
      // Unreadable: cut short.
      (q) => db.$client.prepare('update question_sums set acc = substr(acc, 1, length(acc) - 8) where question_id = ?').run(q),
      (q) => db.$client.prepare('update question_sums set acc = null where question_id = ?').run(q),
    ];
    for (const [i, how] of spoil.entries()) {
      const at = await nextContributor();
      for (let k = 0; k < i; k++) await submit(openItemOf(at.token)!);
      const item = openItemOf(at.token)!;
      how(item.questionId);
      const before = counts();
      await submit(item);
      expect([submittedStats.resumed - before.resumed, submittedStats.recomputed - before.recomputed], `case ${i}`).toEqual([0, 1]);
      expectExact();
    }
  });

  it('recomputes the pairs of a source being rebuilt', async () => {
    await answerAll((await nextContributor()).token);
    db.$client.prepare("insert into sums_rebuild (source, after) values ('Human', '')").run();
    const before = counts();
    await submit(await nextContributor());
    expect(submittedStats.recomputed - before.recomputed).toBe(1);
    expectExact();
  });
});

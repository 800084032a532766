/** Findings 8 and 9 of issue 16: what a contributor's item carries, and the late-answer rule. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { OPEN_HOLD_MS } from '../services/assignment';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { walkBatch } from '../testing/walkBatch';
import { createGuards } from '../security/guards';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const createCaller = createCallerFactory(appRouter);
const CAMERA = { K: [[500, 0, 320], [0, 500, 240], [0, 0, 1]], world_to_camera: { R: [[1, 0, 0], [0, -1, 0], [0, 0, -1]], t: [0, 0, 800] } };

async function setup(withCamera = false): Promise<Db> {
  const db = openDb(':memory:');
  const dataset = writeFixtureDataset(5);
  if (withCamera) {
    const lines = fs.readFileSync(dataset, 'utf8').trim().split('\n').map((l) => JSON.stringify({ ...JSON.parse(l), camera: CAMERA }));
    fs.writeFileSync(dataset, lines.join('\n') + '\n');
  }
  await importDataset(db, { datasetPath: dataset, imagesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-')) });
  updateSettings(db, { verifyPerBatch: 0 });
  return db;
}

describe('contributor items and late answers', () => {
  it('sends the camera (K, world_to_camera) only with pose items, whose tool uses it', async () => {
    const db = await setup(true);
    const api = createCaller({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({ batchSize: 12 });
    const { items } = await walkBatch(api, token);
    expect(new Set(items.map((i) => i.question.task)).size).toBe(6);
    for (const item of items) {
      if (item.question.task === 'pose') expect(item.question.camera).toEqual(CAMERA);
      else expect(item.question.camera, item.question.task).toBeNull();
    }
  });

  it('refuses every answer sent after the hold time, marks the items expired, and issues no code', async () => {
    const db = await setup();
    const api = createCaller({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({ batchSize: 10 });
    const outcomes: string[] = [];
    for (;;) {
      const current = (await api.annotate.batch({ token })).items.find((i) => i.status === 'open');
      if (!current) break;
      // The contributor was away longer than the hold: the question went back to the pool.
      db.$client.prepare('update assignments set bound_at = ? where id = ?').run(Date.now() - OPEN_HOLD_MS - 1000, current.assignmentId);
      const sent = api.annotate.submit({ token, assignmentId: current.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(current.question.task) });
      outcomes.push(await sent.then(() => 'kept', (err: Error) => err.message));
    }
    expect(outcomes).toHaveLength(10);
    expect(outcomes.every((o) => /given back after 2 hours without an answer, so this answer was not kept/.test(o))).toBe(true);
    expect(db.$client.prepare('select count(*) n from responses').get()).toEqual({ n: 0 });
    expect(db.$client.prepare('select sum(load) n from questions').get()).toEqual({ n: 0 });
    const after = await api.annotate.batch({ token });
    expect(after.items.every((i) => i.status === 'expired')).toBe(true);
    expect(after.isFinished).toBe(true);
    expect(after.completionCode).toBeNull();
  });

  it('within the hold, an answer is kept', async () => {
    const db = await setup();
    const api = createCaller({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({ batchSize: 10 });
    const item = (await api.annotate.batch({ token })).items[0];
    db.$client.prepare('update assignments set bound_at = ?').run(Date.now() - OPEN_HOLD_MS + 60_000);
    await api.annotate.submit({ token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(item.question.task) });
    expect(db.$client.prepare('select count(*) n from responses').get()).toEqual({ n: 1 });
  });
});

describe('slot hoarding (late binding)', () => {
  it('30 batches of 25 started and never opened hold no question; the next contributor gets unanswered ones', async () => {
    const db = await setup(); // 30 benchmark questions
    updateSettings(db, { redundancyShare: 0 });
    // The hoarder and the real contributor are different addresses; here one caller, so a higher limit.
    const api = createCaller({ db, config: { imagesDir: '/tmp' }, guards: createGuards({ newBatchesPerWindow: 100 }) });
    for (let k = 0; k < 30; k++) await api.annotate.start({ batchSize: 25 });
    expect(db.$client.prepare('select count(*) n from assignments where question_id is not null').get()).toEqual({ n: 0 });
    expect(db.$client.prepare('select sum(load) n from questions').get()).toEqual({ n: 0 });
    // A hoarder who opens batches holds only the question each is at and the next one.
    const hoarded = await Promise.all(Array.from({ length: 5 }, async () => api.annotate.batch(await api.annotate.start({ batchSize: 25 }))));
    expect(hoarded.every((b) => b.items.length === 2 && b.total === 25)).toBe(true);
    // A real contributor, answering their whole batch, gets 20 questions nobody else has.
    const real = await api.annotate.start({ batchSize: 20 });
    const { items } = await walkBatch(api, real.token);
    const answered = items.map((i) => i.assignmentId);
    const shared = db.$client
      .prepare(`select count(*) n from assignments a join assignments b on a.question_id = b.question_id and a.id != b.id where a.id in (${answered.join(',')})`)
      .get();
    expect(shared).toEqual({ n: 0 });
  });
});

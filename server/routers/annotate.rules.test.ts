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
    const { items } = await api.annotate.batch({ token });
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
    const { items } = await api.annotate.batch({ token });
    // The batch was opened longer ago than the hold: its questions went back to the pool.
    db.$client.prepare('update assignments set created_at = ?').run(Date.now() - OPEN_HOLD_MS - 1000);
    const late = await Promise.allSettled(
      items.map((i) => api.annotate.submit({ token, assignmentId: i.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(i.question.task) })),
    );
    expect(late.map((r) => r.status)).toEqual(items.map(() => 'rejected'));
    expect(String((late[0] as PromiseRejectedResult).reason)).toMatch(/given back after 2 hours without an answer, so this answer was not kept/);
    expect(db.$client.prepare('select count(*) n from responses').get()).toEqual({ n: 0 });
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
    db.$client.prepare('update assignments set created_at = ?').run(Date.now() - OPEN_HOLD_MS + 60_000);
    await api.annotate.submit({ token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 5, answer: fixtureAnswer(item.question.task) });
    expect(db.$client.prepare('select count(*) n from responses').get()).toEqual({ n: 1 });
  });
});

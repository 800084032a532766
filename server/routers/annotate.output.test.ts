import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { createCallerFactory, publicProcedure, router } from '../trpc';
import { appRouter } from './_app';
import { batchOutput } from './annotate.types';

// What must never reach a contributor: a question id or image path, ground truth, regions, the 3D box.
const LEAK = /"id":|"image":|"answer":|"regions"|"source_region"|"target_region"|"box3d"|"alternatives"|"item":/;

describe('contributor replies pass their output schemas', () => {
  it('drops a field the schema does not list, even when a service returns it', async () => {
    const question = { task: 'pose', imageUrl: '/img/k', width: 10, height: 10, text: 'Q?', camera: null };
    const leaky = {
      externalId: null, done: 0, total: 1, isFinished: false, completionCode: null, secret: 'x',
      items: [{ assignmentId: 1, position: 0, mode: 'answer', status: 'open', shownAnswer: null, feedback: null, questionId: 'q-1',
        question: { ...question, id: 'q-1', image: 'ycbv/000048/000001.png', item: { answer: [[1, 2]] } } }],
    };
    const caller = createCallerFactory(router({ batch: publicProcedure.output(batchOutput).query(() => leaky as never) }))({ db: openDb(':memory:'), config: { imagesDir: '/tmp' } });
    const reply = await caller.batch();
    expect(reply).not.toHaveProperty('secret');
    expect(reply.items[0]).not.toHaveProperty('questionId');
    expect(reply.items[0].question).toEqual(question);
  });

  it('no reply of a whole batch (start, batch, submit, verify, skip) carries a hidden field', async () => {
    const db = openDb(':memory:');
    const imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-'));
    await importDataset(db, { datasetPath: writeFixtureDataset(3), imagesDir });
    await importDataset(db, { datasetPath: writeFixtureDataset(1, 'practice-'), imagesDir, pool: 'practice' });
    updateSettings(db, { verifyPerBatch: 2 });
    const api = createCallerFactory(appRouter)({ db, config: { imagesDir } });
    const replies: unknown[] = [];
    const { token } = await api.annotate.start({ batchSize: 10 });
    replies.push(token);
    const batch = await api.annotate.batch({ token });
    for (const item of batch.items) {
      const base = { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 5 };
      const task = item.question.task;
      if (item.mode === 'verify') replies.push(await api.annotate.verify({ ...base, isCorrect: true }));
      else if (task === 'spatial' || task === 'depth') replies.push(await api.annotate.submit({ ...base, answer: { task, value: true } }));
      else replies.push(await api.annotate.skip({ ...base, reason: 'cannot see it' }));
    }
    replies.push(await api.annotate.batch({ token }));
    for (const r of replies) expect(JSON.stringify(r)).not.toMatch(LEAK);
  });
});

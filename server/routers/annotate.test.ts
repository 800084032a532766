import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { assignments, responses } from '../db/schema';
import { importDataset } from '../services/importDataset';
import { OPEN_HOLD_MS } from '../services/assignment';
import { importPredictions } from '../services/importPredictions';
import { benchmarkTable } from '../services/results';
import { updateSettings } from '../services/settings';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { reachItem, walkBatch } from '../testing/walkBatch';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const createCaller = createCallerFactory(appRouter);

async function setup(perTask: number): Promise<Db> {
  const db = openDb(':memory:');
  const imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-'));
  await importDataset(db, { datasetPath: writeFixtureDataset(perTask), imagesDir });
  await importDataset(db, { datasetPath: writeFixtureDataset(1, 'practice-'), imagesDir, pool: 'practice' });
  updateSettings(db, { verifyPerBatch: 0 });
  return db;
}

const caller = (db: Db) => createCaller({ db, config: { imagesDir: '/tmp' } });

describe('annotate router', () => {
  let db: Db;
  beforeEach(async () => {
    db = await setup(5);
  });

  it('gives a batch spanning all six tasks, each preceded by one practice question', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({ batchSize: 12 });
    // Nothing is taken before it is reached: the first answer position and one after it.
    const opened = await api.annotate.batch({ token });
    expect(opened.total).toBe(18);
    expect(opened.items.filter((i) => i.mode === 'answer')).toHaveLength(2);
    const batch = await walkBatch(api, token);
    const answers = batch.items.filter((i) => i.mode === 'answer');
    expect(answers).toHaveLength(12);
    expect(new Set(answers.map((i) => i.question.task)).size).toBe(6);
    const practice = batch.items.filter((i) => i.mode === 'practice');
    expect(practice).toHaveLength(6);
    for (const p of practice) {
      const firstOfTask = batch.items.find((i) => i.question.task === p.question.task);
      expect(firstOfTask?.mode).toBe('practice');
    }
  });

  // The label-verification campaign (labelCampaign.test.ts) is the one, deliberate, exception.
  it('never leaks ground truth, regions or box3d', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({});
    const text = JSON.stringify(await api.annotate.batch({ token }));
    expect(text).not.toMatch(/"answer":|"regions"|"source_region"|"box3d"|"alternatives"|groundTruth":\{/);
    // The fixture's pose answer's first corner.
    expect(text).not.toContain('[100,300]');
  });

  it('resumes a batch by its browser token, never by the participant id alone', async () => {
    const api = caller(db);
    const a = await api.annotate.start({ externalId: 'prolific-42', batchSize: 10 });
    expect((await api.annotate.start({ token: a.token })).token).toBe(a.token);
    expect((await api.annotate.start({ token: a.token, externalId: 'prolific-42' })).token).toBe(a.token);
    // Someone who only knows the id gets nothing of the batch: a batch of their own, with none of the
    // first batch's questions (one person, one answer per question), and the id's owner is not shut out.
    await walkBatch(api, a.token);
    const other = await api.annotate.start({ externalId: 'prolific-42', batchSize: 10 });
    expect(other.token).not.toBe(a.token);
    await walkBatch(api, other.token);
    const questionIds = (token: string) =>
      db.$client.prepare('select a.question_id q from assignments a join participants p on p.id = a.participant_id where p.token = ?').all(token).map((r) => (r as { q: string }).q);
    const first = new Set(questionIds(a.token));
    expect(questionIds(other.token).filter((q) => first.has(q) && !q.startsWith('practice-'))).toEqual([]);
    expect(questionIds(other.token).filter((q) => !q.startsWith('practice-'))).toHaveLength(10);
    await api.annotate.start({ externalId: 'prolific-42', batchSize: 10 });
    await expect(api.annotate.start({ externalId: 'prolific-42', batchSize: 10 })).rejects.toThrow(/already has 3 batches/);
    // A second person on the same browser, with their own id, gets their own batch.
    const b = await api.annotate.start({ token: a.token, externalId: 'prolific-43' });
    expect(b.token).not.toBe(a.token);
  });

  it('spreads questions: every question answered once before any is given twice', async () => {
    const api = caller(db); // 30 benchmark questions, batches of 10
    const questionsOf = (token: string) =>
      db.$client
        .prepare(`select a.question_id id from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.mode = 'answer'`)
        .all(token)
        .map((r) => (r as { id: string }).id);
    const seen = new Map<string, number>();
    for (let k = 0; k < 3; k++) {
      const { token } = await api.annotate.start({ batchSize: 10 });
      await walkBatch(api, token);
      for (const id of questionsOf(token)) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(30);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // The fourth contributor gets 10 different questions, each for the second time.
    const { token } = await api.annotate.start({ batchSize: 10 });
    await walkBatch(api, token);
    expect(new Set(questionsOf(token)).size).toBe(10);
  });

  it('frees the slots of an abandoned batch after the hold time', async () => {
    const api = caller(db);
    const load = () => (db.$client.prepare("select sum(load) n from questions where pool = 'benchmark'").get() as { n: number }).n;
    // 15 contributors open their batches (each binds the question it is at and the next): all 30 held.
    for (let k = 0; k < 15; k++) await api.annotate.batch(await api.annotate.start({ batchSize: 10 }));
    expect(load()).toBe(30);
    // Those were opened long ago and never answered: the next contributor's arrival gives them back.
    db.$client.prepare('update assignments set bound_at = ? where bound_at is not null').run(Date.now() - OPEN_HOLD_MS - 1000);
    await api.annotate.batch(await api.annotate.start({ batchSize: 10 }));
    expect(load()).toBe(2);
    expect(db.$client.prepare("select count(*) n from assignments where status = 'expired'").get()).toEqual({ n: 30 });
  });

  it('stores a submitted answer once even when the request is retried, and scores it', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({});
    const item = (await reachItem(api, token, (i) => i.mode === 'answer' && i.question.task === 'spatial'))!;
    const input = { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 1234, answer: { task: 'spatial' as const, value: true } };
    const first = await api.annotate.submit(input);
    const second = await api.annotate.submit(input);
    expect(first.isRetry).toBe(false);
    expect(second.isRetry).toBe(true);
    const rows = db.select().from(responses).where(eq(responses.assignmentId, item.assignmentId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].scores).toHaveProperty('valid', true);
    expect(rows[0].timeMs).toBe(1234);
    // A different answer to a closed question is refused.
    await expect(api.annotate.submit({ ...input, responseId: randomUUID() })).rejects.toThrow(/already answered/);
  });

  it('refuses bad answers with a clear error and stores nothing', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({});
    const pose = (await reachItem(api, token, (i) => i.mode === 'answer' && i.question.task === 'pose'))!;
    const before = db.select({ n: sql<number>`count(*)` }).from(responses).get()!.n;
    const base = { token, assignmentId: pose.assignmentId, timeMs: 10 };
    const eight = Array.from({ length: 8 }, (_, i) => [10 + i, 20] as [number, number]);
    await expect(api.annotate.submit({ ...base, responseId: randomUUID(), answer: { task: 'pose', points: eight.slice(0, 6) } })).rejects.toThrow();
    await expect(
      api.annotate.submit({ ...base, responseId: randomUUID(), answer: { task: 'pose', points: [...eight.slice(0, 7), [700, 20]] } }),
    ).rejects.toThrow(/point 7 \(700, 20\) lies outside the 640×480 image/);
    await expect(api.annotate.submit({ ...base, responseId: randomUUID(), answer: { task: 'spatial', value: true } })).rejects.toThrow(
      /is a pose question, got a spatial answer/,
    );
    await expect(
      api.annotate.submit({ ...base, responseId: randomUUID(), answer: { task: 'pose', points: [...eight.slice(0, 7), [Number.NaN, 1]] } }),
    ).rejects.toThrow();
    await expect(api.annotate.submit({ ...base, token: 'x'.repeat(32), responseId: randomUUID(), answer: { task: 'pose', points: eight } })).rejects.toThrow(
      /unknown or expired batch/,
    );
    expect(db.select({ n: sql<number>`count(*)` }).from(responses).get()!.n).toBe(before);
  });

  it('shows practice feedback with the ground truth only after a practice answer', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({});
    const before = await api.annotate.batch({ token });
    const practice = before.items.find((i) => i.mode === 'practice' && i.question.task === 'depth')!;
    expect(practice.feedback).toBeNull();
    await api.annotate.submit({ token, assignmentId: practice.assignmentId, responseId: randomUUID(), timeMs: 5, answer: { task: 'depth', value: true } });
    const after = await api.annotate.batch({ token });
    const fb = after.items.find((i) => i.assignmentId === practice.assignmentId)!.feedback!;
    expect(fb.groundTruth).toEqual({ task: 'depth', value: true });
    expect(fb.scores).toHaveProperty('correct', 1);
  });

  it('skips with a reason; skipping everything finishes the batch but earns no completion code', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({ batchSize: 10 });
    const batch = await api.annotate.batch({ token });
    await expect(api.annotate.skip({ token, assignmentId: batch.items[0].assignmentId, responseId: randomUUID(), timeMs: 1, reason: '  ' })).rejects.toThrow();
    const done = await walkBatch(api, token, 'skip');
    expect(done.isFinished).toBe(true);
    expect(done.completionCode).toBeNull();
    expect(db.select().from(assignments).where(eq(assignments.status, 'skipped')).all()).toHaveLength(done.total);
    // Skipped questions give their slots back.
    expect(db.$client.prepare('select sum(load) n from questions').get()).toEqual({ n: 0 });
  });

  it('gives a completion code once the batch is answered', async () => {
    const api = caller(db);
    const { token } = await api.annotate.start({ batchSize: 10 });
    const done = await walkBatch(api, token);
    expect(done.completionCode).toMatch(/^[0-9A-F]{10}$/);
    // Repeated reads do not change it.
    expect((await api.annotate.batch({ token })).completionCode).toBe(done.completionCode);
  });

  it('verify mode shows a model answer, stores the verdict apart, and keeps it out of the table', async () => {
    const modelFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-model-')), 'm.jsonl');
    fs.writeFileSync(modelFile, ['spatial', 'depth'].flatMap((t) => [0, 1, 2, 3, 4].map((i) => `${t}-${i}`)).map((id) => JSON.stringify({ id, source: 'M', output: 'Yes' })).join('\n') + '\n');
    await importPredictions(db, modelFile);
    updateSettings(db, { verifyPerBatch: 2 });
    const api = caller(db);
    const { token } = await api.annotate.start({ batchSize: 10 });
    const verify = (await api.annotate.batch({ token })).items.filter((i) => i.mode === 'verify');
    expect(verify).toHaveLength(2);
    for (const v of verify) expect(v.shownAnswer).toEqual({ task: v.question.task, value: true });
    const [first, second] = verify;
    const base = { token, timeMs: 5 };
    await expect(
      api.annotate.submit({ ...base, assignmentId: first.assignmentId, responseId: randomUUID(), answer: { task: first.question.task as 'spatial', value: false } }),
    ).rejects.toThrow(/asks for a verification, not an answer/);
    await expect(
      api.annotate.verify({ ...base, assignmentId: first.assignmentId, responseId: randomUUID(), isCorrect: true, correction: { task: 'spatial', value: false } }),
    ).rejects.toThrow(/a correction only goes with isCorrect: false/);
    await api.annotate.verify({ ...base, assignmentId: first.assignmentId, responseId: randomUUID(), isCorrect: true });
    await api.annotate.verify({
      ...base,
      assignmentId: second.assignmentId,
      responseId: randomUUID(),
      isCorrect: false,
      correction: { task: second.question.task as 'spatial', value: false },
    });
    const stored = db.select().from(responses).where(eq(responses.kind, 'verify')).all();
    expect(stored.map((r) => r.isCorrectVerdict).sort()).toEqual([false, true]);
    expect(stored.find((r) => !r.isCorrectVerdict)?.output).toEqual({ task: second.question.task, value: false });
    // The table counts drawn answers only: no Human row from verifications.
    expect(benchmarkTable(db).map((r) => r.source)).toEqual(['M']);
  });

  it('without model answers, a baseline batch has no verify items and shows no label', async () => {
    updateSettings(db, { verifyPerBatch: 2 });
    const api = caller(db);
    const { token } = await api.annotate.start({ batchSize: 10 });
    const batch = await api.annotate.batch({ token });
    expect(batch.items.filter((i) => i.mode === 'verify')).toHaveLength(0);
    expect(batch.items.every((i) => i.shownAnswer === null)).toBe(true);
  });
});

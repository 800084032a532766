/**
 * Group commit (submitGroup.ts): submits of one turn share a transaction. A refused submit gets its
 * own error and leaves the others stored (refused before writing, without a savepoint; broken after
 * writing, by storing the group again with savepoints); a failure of the database stores none of the
 * group; the table's sums equal the recomputation from every response.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../../shared/errors';
import { openDb, type Db } from '../db/client';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { getBatch, startOrResume, type SubmitInput } from './annotate';
import { importDataset } from './importDataset';
import { benchmarkTable, tableFromResponses } from './results';
import { updateSettings } from './settings';
import { groupStats, MAX_GROUP, submitGrouped } from './submitGroup';

let db: Db;

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-group-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  await importDataset(db, { datasetPath: writeFixtureDataset(20), imagesDir: path.join(dir, 'images') });
  updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
});

/** `n` contributors, each at the first item of their batch (bound), with a valid answer to it. */
async function firstAnswers(n: number): Promise<SubmitInput[]> {
  const out: SubmitInput[] = [];
  for (let i = 0; i < n; i++) {
    const { token } = await startOrResume(db, { batchSize: 12 });
    const item = getBatch(db, token).items.find((x) => x.status === 'open' && x.question)!;
    out.push({ token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 10, kind: 'answer', answer: fixtureAnswer(item.question!.task) });
  }
  return out;
}

const humanResponses = () => db.$client.prepare("select count(*) from responses where source = 'Human'").pluck().get() as number;

describe('group commit of submits', () => {
  it('stores the submits of one turn in one transaction, at most MAX_GROUP at a time, each answered after the commit', async () => {
    const inputs = await firstAnswers(MAX_GROUP + 8);
    const before = { ...groupStats };
    const results = await Promise.all(inputs.map((input) => submitGrouped(db, input)));
    expect(results.map((r) => [r.status, r.isRetry])).toEqual(inputs.map(() => ['answered', false]));
    expect(results.map((r) => r.responseId)).toEqual(inputs.map((i) => i.responseId));
    expect(humanResponses()).toBe(inputs.length);
    expect(groupStats.groups - before.groups).toBe(2);
    expect(groupStats.submits - before.submits).toBe(inputs.length);
    expect(benchmarkTable(db)).toEqual(tableFromResponses(db));
  });

  it('refuses one bad submit with its own error, answers a retry in the same group, and keeps the rest', async () => {
    const [good, bad, other] = await firstAnswers(3);
    const before = { ...groupStats };
    const wrongTask = bad.answer!.task === 'depth' ? fixtureAnswer('grasp') : fixtureAnswer('depth');
    const replies = await Promise.allSettled([
      submitGrouped(db, good),
      submitGrouped(db, { ...bad, answer: wrongTask }),
      submitGrouped(db, good),
      submitGrouped(db, other),
    ]);
    expect(replies[0]).toEqual({ status: 'fulfilled', value: { responseId: good.responseId, status: 'answered', isRetry: false } });
    expect(replies[1].status).toBe('rejected');
    expect((replies[1] as PromiseRejectedResult).reason).toBeInstanceOf(BadInputError);
    expect(replies[2]).toEqual({ status: 'fulfilled', value: { responseId: good.responseId, status: 'answered', isRetry: true } });
    expect(replies[3].status).toBe('fulfilled');
    expect(humanResponses()).toBe(2);
    const badItem = db.$client.prepare('select status from assignments where id = ?').pluck().get(bad.assignmentId);
    expect(badItem).toBe('open');
    // Refused before its first write: nothing to undo, so the group was stored once, without savepoints.
    expect(groupStats.redone - before.redone).toBe(0);
    expect(benchmarkTable(db)).toEqual(tableFromResponses(db));
  });

  it('undoes every write of a submit that fails after its first one, by storing the group again with savepoints', async () => {
    const inputs = await firstAnswers(4);
    // The second submit's response is inserted, then closing its item fails.
    db.$client.exec(`create temp trigger refuse before update of status on assignments when new.id = ${inputs[1].assignmentId}
      begin select raise(abort, 'injected failure after the insert'); end`);
    const before = { ...groupStats };
    const replies = await Promise.allSettled(inputs.map((input) => submitGrouped(db, input)));
    expect(replies.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((replies[1] as PromiseRejectedResult).reason)).toContain('injected failure after the insert');
    expect(groupStats.redone - before.redone).toBe(1);
    expect(groupStats.groups - before.groups).toBe(1);
    const stored = db.$client.prepare('select count(*) from responses where id = ?').pluck();
    expect(inputs.map((i) => stored.get(i.responseId))).toEqual([1, 0, 1, 1]);
    const statuses = db.$client.prepare('select status from assignments where id = ?').pluck();
    expect(inputs.map((i) => statuses.get(i.assignmentId))).toEqual(['answered', 'open', 'answered', 'answered']);
    expect(db.$client.prepare('select count(*) from sums_dirty').pluck().get()).toBe(0);
    expect(benchmarkTable(db)).toEqual(tableFromResponses(db));
  });

  it('keeps the rest of the group when one submit breaks on its own (a corrupted question, a failing constraint)', async () => {
    const inputs = await firstAnswers(4);
    db.$client.exec(`create temp trigger refuse before insert on responses when new.id = '${inputs[2].responseId}'
      begin select raise(abort, 'injected failure'); end`);
    const q0 = db.$client.prepare('select question_id from assignments where id = ?').pluck().get(inputs[0].assignmentId) as string;
    db.$client.prepare(`update questions set item = '{"broken": true}' where id = ?`).run(q0);
    const before = { ...groupStats };
    const replies = await Promise.allSettled(inputs.map((input) => submitGrouped(db, input)));
    expect(replies.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    // Both failed before changing a row (a failed statement counts no change): no second pass.
    expect(groupStats.redone - before.redone).toBe(0);
    expect(String((replies[0] as PromiseRejectedResult).reason)).toContain('no longer parses');
    expect(String((replies[2] as PromiseRejectedResult).reason)).toContain('injected failure');
    expect(humanResponses()).toBe(2);
    const statuses = db.$client.prepare('select status from assignments where id = ?').pluck();
    expect(inputs.map((i) => statuses.get(i.assignmentId))).toEqual(['open', 'answered', 'open', 'answered']);
    expect(benchmarkTable(db)).toEqual(tableFromResponses(db));
  });

  it('stores none of the group when the database itself fails under one of them (full), and all of it when sent again', async () => {
    const inputs = await firstAnswers(4);
    // The third submit's insert meets a full disk; the two before it were stored in their savepoints.
    db.$client.function('disk_full', () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    db.$client.exec(`create temp trigger full before insert on responses when new.id = '${inputs[2].responseId}' begin select disk_full(); end`);
    const replies = await Promise.allSettled(inputs.map((input) => submitGrouped(db, input)));
    expect(replies.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect((replies[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_FULL' });
    expect(humanResponses()).toBe(0);
    expect(db.$client.prepare("select count(*) from assignments where status <> 'open'").pluck().get()).toBe(0);
    db.$client.exec('drop trigger full');
    const again = await Promise.all(inputs.map((input) => submitGrouped(db, input)));
    expect(again.every((r) => !r.isRetry)).toBe(true);
    expect(humanResponses()).toBe(4);
    expect(benchmarkTable(db)).toEqual(tableFromResponses(db));
  });
});

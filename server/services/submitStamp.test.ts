/**
 * Every response a submit stores moves the table stamp, the key of caches of figures that count skips
 * and verifications too (found by a review: for a while only scored answers moved it).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { fixtureAnswer } from '../testing/answers';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { getBatch, startOrResume } from './annotate';
import { contributorStats } from './baseline/contributors';
import { importDataset } from './importDataset';
import { updateSettings } from './settings';
import { submitGrouped } from './submitGroup';
import { tableStamp } from './tableSums';

let db: Db;

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-submit-stamp-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  await importDataset(db, { datasetPath: writeFixtureDataset(4), imagesDir: path.join(dir, 'images') });
  updateSettings(db, { redundancyShare: 0, verifyPerBatch: 0 });
});

const participantOf = (token: string) => db.$client.prepare('select id from participants where token = ?').pluck().get(token) as string;
const openItem = (token: string) => getBatch(db, token).items.find((x) => x.status === 'open' && x.question)!;

describe('the table stamp after a submit that adds no answer to the table', () => {
  // The contributors page's cache (baseline/contributors.ts) is keyed by tableStamp, and its figures
  // count skips, verifications, times and completion codes.
  it('a skip shows in the contributor figures (cached by tableStamp)', async () => {
    const { token } = await startOrResume(db, { batchSize: 12 });
    const first = openItem(token);
    await submitGrouped(db, { token, assignmentId: first.assignmentId, responseId: randomUUID(), timeMs: 10, kind: 'answer', answer: fixtureAnswer(first.question!.task) });
    const me = participantOf(token);
    expect(contributorStats(db).find((c) => c.annotator === me)?.skips).toBe(0);
    const stampBefore = tableStamp(db);
    const second = openItem(token);
    await submitGrouped(db, { token, assignmentId: second.assignmentId, responseId: randomUUID(), timeMs: 10, kind: 'skip', skipReason: 'cannot tell' });
    expect(db.$client.prepare("select count(*) from responses where kind = 'skip' and annotator = ?").pluck().get(me)).toBe(1);
    expect(tableStamp(db)).not.toBe(stampBefore);
    expect(contributorStats(db).find((c) => c.annotator === me)?.skips).toBe(1);
  });
});

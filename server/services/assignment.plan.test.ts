/**
 * "Cheap at 100,000 questions and 1,000,000 responses", checked without timing: every statement a
 * contributor's start, batch and submit run is looked up in SQLite's query plan, and none may read a
 * whole table (SCAN) — only index searches. Sizes then change the cost by a logarithm, not linearly.
 * (The second-answer rule's own statements: secondOpinion.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { fixtureAnswer } from '../testing/answers';
import { recordStatements, scansIn } from '../testing/queryPlans';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { getBatch, startOrResume, submitResponse } from './annotate';
import { importDataset } from './importDataset';
import { importPredictions } from './importPredictions';

describe('the contributor path reads through indexes only', () => {
  it('start, batch (binding) and submit run no full-table scan', async () => {
    const db = openDb(':memory:');
    const imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-plan-'));
    await importDataset(db, { datasetPath: writeFixtureDataset(5), imagesDir });
    await importDataset(db, { datasetPath: writeFixtureDataset(1, 'practice-'), imagesDir, pool: 'practice' });
    const predictions = path.join(imagesDir, 'm.jsonl');
    fs.writeFileSync(predictions, ['spatial-0', 'depth-1'].map((id) => JSON.stringify({ id, source: 'M', output: 'Yes' })).join('\n') + '\n');
    await importPredictions(db, predictions);

    const seen = await recordStatements(db, async () => {
      const { token } = await startOrResume(db, { batchSize: 12, externalId: 'p-1' });
      for (let i = 0; i < 4; i++) {
        const item = getBatch(db, token).items.find((x) => x.status === 'open')!;
        const base = { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 1 };
        if (item.mode === 'verify') submitResponse(db, { ...base, kind: 'verify', isCorrectVerdict: true });
        else submitResponse(db, { ...base, kind: i === 3 ? 'skip' : 'answer', skipReason: 'x', answer: fixtureAnswer(item.question.task) });
      }
    });
    const scans = scansIn(db, seen);
    expect(seen.size).toBeGreaterThan(10);
    expect(scans).toEqual([]);
  });
});

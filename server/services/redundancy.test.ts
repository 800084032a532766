import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { importDataset } from './importDataset';
import { importPredictions } from './importPredictions';
import { chooseDoubled, labelAgreement } from './redundancy';
import { writeFixtureDataset } from '../testing/fixtureDataset';

describe('chooseDoubled', () => {
  it('random by default; with byDisagreement, lowest-scoring first answers first, then at random', async () => {
    const db = openDb(':memory:');
    await importDataset(db, { datasetPath: writeFixtureDataset(5), imagesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'img-')) });
    const questions = db.$client.prepare(`select id, task from questions`).all() as { id: string; task: 'spatial' }[];
    // Fixture spatial-i has answer Yes for even i: "No" is wrong on 0, 2 and right on 1, 3, 4 ("Yes" on 4 is right).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'h-')), 'h.jsonl');
    const lines = [['spatial-0', 'No'], ['spatial-1', 'No'], ['spatial-2', 'No'], ['spatial-3', 'No'], ['spatial-4', 'Yes']];
    fs.writeFileSync(file, lines.map(([id, output]) => JSON.stringify({ id, source: 'Human', annotator: 'a', output })).join('\n') + '\n');
    await importPredictions(db, file);
    const random = chooseDoubled(db, questions, 0.1, false);
    expect(random.size).toBe(3);
    expect(chooseDoubled(db, [...questions].reverse(), 0.1, false)).toEqual(random);
    const targeted = chooseDoubled(db, questions, 0.1, true);
    expect(targeted.has('spatial-0') && targeted.has('spatial-2')).toBe(true);
    // The third is a question whose first answer agreed (score 1) or has none: the wrong ones come first.
    expect([...targeted].filter((id) => id !== 'spatial-0' && id !== 'spatial-2')).toHaveLength(1);
    expect(chooseDoubled(db, questions, 2 / 30, true)).toEqual(new Set(['spatial-0', 'spatial-2']));
  });

  it('scores agreement with the label from 0 to 1 per task', () => {
    expect(labelAgreement('pose', { valid: true, iou3d: null, iou2d: 0.3 })).toBe(0.3);
    expect(labelAgreement('grasp', { valid: false, nce: Infinity })).toBe(0);
    expect(labelAgreement('grasp', { valid: true, nce: 0.25 })).toBe(0.75);
    expect(labelAgreement('spatial', { valid: true, correct: 1 })).toBe(1);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { questions } from '../db/schema';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { fixtureItem, writeFixtureDataset } from '../testing/fixtureDataset';
import { walkBatch } from '../testing/walkBatch';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const PROMPT = 'Locate the cuboid corners of the mug, output its bbox coordinates using JSON format. ' +
  'The coordinates should obey the limits of the image, and thus x coordinate should be between (0, 640) and y coordinate should be between (0, 480).';
const GRASP = 'How should a parallel-jaw gripper pick up the mug? Give the grasp as five 2D points in image pixel space. ' +
  'Your response should be as Grasp center: [], Left finger base: [], Right finger base: [], Left finger tip: [], Right finger tip: []., ' +
  'output its coordinates in XML format <points x y>object</points>. Output nothing else. ' +
  'The coordinates should obey the limits of the image, and thus x coordinate should be between (0, 640) and y coordinate should be between (0, 480).';

/** A dataset whose pose questions carry question_human and whose grasp questions do not. */
function dataset(): string {
  const file = writeFixtureDataset(1);
  const lines = [0, 1, 2].flatMap((i) => [
    JSON.stringify({ ...fixtureItem('pose', i), question: PROMPT, question_human: `Find the mug number ${i}, please.` }),
    JSON.stringify({ ...fixtureItem('grasp', i), question: GRASP }),
  ]);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('question_human', () => {
  it('is stored and exported exactly as imported', async () => {
    const db = openDb(':memory:');
    const file = dataset();
    await importDataset(db, { datasetPath: file, imagesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-')) });
    const stored = db.select({ item: questions.item }).from(questions).all().map((r) => JSON.stringify(r.item));
    expect(stored.sort()).toEqual(fs.readFileSync(file, 'utf8').trim().split('\n').sort());
    expect(stored.filter((s) => s.includes('"question_human"'))).toHaveLength(3);
  });

  it('is what contributors are shown; without it they get the prompt without its format sentences', async () => {
    const db = openDb(':memory:');
    const imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-'));
    await importDataset(db, { datasetPath: dataset(), imagesDir });
    await importDataset(db, { datasetPath: writeFixtureDataset(1, 'practice-'), imagesDir, pool: 'practice' });
    updateSettings(db, { verifyPerBatch: 0 });
    const api = createCallerFactory(appRouter)({ db, config: { imagesDir } });
    const { token } = await api.annotate.start({ batchSize: 10 });
    // Questions are bound when reached: walk the whole batch, then read every item.
    const items = (await walkBatch(api, token)).items.filter((i) => i.mode === 'answer');
    const texts = items.map((i) => i.question.text);
    expect(texts.filter((t) => /^Find the mug number \d, please\.$/.test(t))).toHaveLength(3);
    expect(texts.filter((t) => t === 'How should a parallel-jaw gripper pick up the mug? Give the grasp as five 2D points in image pixel space.')).toHaveLength(3);
    expect(JSON.stringify(items)).not.toMatch(/XML|JSON format|Output nothing else|obey the limits/);
  });
});

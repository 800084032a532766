/**
 * The pose item's public side: the object's size (never its pose) goes out with the question, and
 * practice feedback says in words what is off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { projectBox } from '../../shared/geometry/box3d';
import { boxOnTable, defaultWorldToCamera, type TablePose } from '../../shared/geometry/camera';
import { openDb, type Db } from '../db/client';
import { importDataset } from '../services/importDataset';
import { updateSettings } from '../services/settings';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { walkBatch } from '../testing/walkBatch';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const createCaller = createCallerFactory(appRouter);
const K = [[600, 0, 320], [0, 600, 240], [0, 0, 1]];
const w2c = defaultWorldToCamera();
const truthPose: TablePose = { x: 15, y: 40, yawRad: 0.3, tiltRad: 0, size: [66.5, 70.25, 122.75] };
const truthBox = boxOnTable(truthPose, w2c);

/** The fixture dataset with every pose item (and the practice one) given a camera and a 3D box. */
function withBoxes(file: string): string {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const l of lines) {
    if (l.task !== 'pose') continue;
    l.answer = projectBox(K, truthBox);
    l.camera = { K, world_to_camera: w2c };
    l.box3d = truthBox;
  }
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

describe('pose items for contributors', () => {
  let db: Db;
  beforeEach(async () => {
    db = openDb(':memory:');
    const imagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-images-'));
    await importDataset(db, { datasetPath: withBoxes(writeFixtureDataset(3)), imagesDir });
    await importDataset(db, { datasetPath: withBoxes(writeFixtureDataset(1, 'practice-')), imagesDir, pool: 'practice' });
    updateSettings(db, { verifyPerBatch: 0 });
  });

  it('sends the object\'s size, and nothing else of its box', async () => {
    const api = createCaller({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({});
    // Questions are bound when reached: walk the whole batch, then read every item.
    const batch = await walkBatch(api, token);
    const pose = batch.items.filter((i) => i.question.task === 'pose');
    expect(pose.length).toBeGreaterThan(1);
    for (const i of pose) expect(i.question.objectSizeMm).toEqual(truthPose.size);
    for (const i of batch.items.filter((x) => x.question.task !== 'pose')) expect(i.question.objectSizeMm).toBeNull();
    const text = JSON.stringify(batch);
    // Any value of the box's centre or rotation (long decimals: short ones like 0 or 1 occur anyway; the
    // box's vertical axis is the table's, which the public camera carries by design).
    const camera = JSON.stringify(w2c);
    const secret = [...truthBox.center, ...truthBox.rotation.flat()].map(String).filter((v) => v.length > 6 && !camera.includes(v));
    expect(secret.length).toBeGreaterThan(4);
    for (const v of secret) expect(text).not.toContain(v);
    expect(text).not.toMatch(/"box3d"|"center"|"rotation"/);
  });

  it('tells a practice answer drawn too tall and too far what is off', async () => {
    const api = createCaller({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({});
    const practice = (await api.annotate.batch({ token })).items.find((i) => i.mode === 'practice' && i.question.task === 'pose')!;
    const drawn = projectBox(K, boxOnTable({ ...truthPose, y: truthPose.y + 80, size: [66.5, 70.25, 200] }, w2c)).map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100] as [number, number]);
    await api.annotate.submit({ token, assignmentId: practice.assignmentId, responseId: randomUUID(), timeMs: 5, answer: { task: 'pose', points: drawn } });
    const fb = (await api.annotate.batch({ token })).items.find((i) => i.assignmentId === practice.assignmentId)!.feedback!;
    expect(fb.advice.join(' ')).toMatch(/too tall: about 20 cm high, the object about 12 cm/);
    expect(fb.advice.join(' ')).toMatch(/too far from the camera, by about 8\.0 cm/);
  });
});

/**
 * A database for review tests: the fixture dataset plus a pose item with a camera and a 3D box (so a
 * correction must lift a new box), a curator and an admin signed in, and callers for each role.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { projectBox } from '../../shared/geometry/box3d';
import type { Box3d, Mat3 } from '../../shared/geometry/types';
import { openDb, type Db } from '../db/client';
import { appRouter } from '../routers/_app';
import { createUser } from '../services/auth';
import { importDataset } from '../services/importDataset';
import { createCallerFactory } from '../trpc';
import { writeFixtureDataset } from './fixtureDataset';

export const POSE_K: Mat3 = [[500, 0, 320], [0, 500, 240], [0, 0, 1]];
export const POSE_BOX: Box3d = { center: [0, 20, 800], size: [100, 80, 120], rotation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
export const POSE_ID = 'pose-3d';
export const PASSWORD = 'long enough password';

const createCaller = createCallerFactory(appRouter);

/** A caller whose requests carry `cookie`; `sent` collects the Set-Cookie headers it is given. */
export function callerWith(db: Db, cookie = '') {
  const sent: string[] = [];
  const req = { headers: { cookie }, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  const res = { setHeader: (_: string, v: string) => sent.push(v) } as unknown as ServerResponse;
  return { api: createCaller({ db, config: { imagesDir: '/tmp' }, req, res }), sent };
}

export async function signedIn(db: Db, username: string) {
  const anon = callerWith(db);
  await anon.api.auth.login({ username, password: PASSWORD });
  return callerWith(db, anon.sent[0].split(';')[0]).api;
}

export function writeReviewDataset(perTask = 2): string {
  const file = writeFixtureDataset(perTask);
  const pose = {
    id: POSE_ID,
    task: 'pose',
    image: 'img/blank.png',
    question: 'Locate the cuboid corners of the box.',
    answer: projectBox(POSE_K, POSE_BOX).map((p) => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100]),
    camera: { K: POSE_K },
    box3d: POSE_BOX,
    meta: { dataset: 'synth', scene: 7 },
  };
  fs.appendFileSync(file, JSON.stringify(pose) + '\n');
  return file;
}

export async function reviewDb(perTask = 2) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-review-'));
  const db = openDb(':memory:');
  const datasetPath = writeReviewDataset(perTask);
  await importDataset(db, { datasetPath, imagesDir: path.join(dir, 'images') });
  createUser(db, 'cora', PASSWORD, 'curator');
  createUser(db, 'carl', PASSWORD, 'curator');
  createUser(db, 'ada', PASSWORD, 'admin');
  return { db, dir, datasetPath };
}

/**
 * First start on an empty database, as `npm start` does it (demo generation and import, worker threads
 * on): wall and CPU time (all threads). `npx tsx bench/firstStart.ts`. On a shared machine compare CPU.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../server/db/client';
import { ensureDemoData } from '../server/services/demo';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-firststart-'));
const config = { databasePath: path.join(dir, 'db.sqlite'), imagesDir: path.join(dir, 'images') };
const [t0, c0] = [performance.now(), process.cpuUsage()];
await ensureDemoData(openDb(config.databasePath), config);
const c = process.cpuUsage(c0);
process.stdout.write(`first start: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU (all threads)\n`);
fs.rmSync(dir, { recursive: true, force: true });

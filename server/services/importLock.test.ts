/**
 * A contributor is never refused while a large import runs in another process: `bopask
 * import-predictions` of 200,000 lines runs as a child process while this one, with the server's busy
 * timeout (5 s), stores an answer every ~10 ms as a submit does (insert + its pair's flush). None may
 * fail with SQLITE_BUSY, and none may wait long: the import holds the write lock ~25 ms at a time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { openDb } from '../db/client';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { importDataset } from './importDataset';
import { benchmarkTable, tableFromResponses } from './results';
import { flushSums } from './tableSums';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const LINES = 200_000;

describe('an import in another process', () => {
  it('never refuses nor long delays a writer with the server busy timeout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-import-lock-'));
    const dbFile = path.join(dir, 'db.sqlite');
    const db = openDb(dbFile);
    try {
      await importDataset(db, { datasetPath: writeFixtureDataset(20), imagesDir: path.join(dir, 'images') });
      const ids = db.$client.prepare("select id from questions where pool = 'benchmark' and task in ('spatial', 'depth')").pluck().all() as string[];
      const file = path.join(dir, 'big.jsonl');
      const out = fs.createWriteStream(file);
      for (let i = 0; i < LINES; i++) out.write(JSON.stringify({ id: ids[i % ids.length], source: 'Human', annotator: `imp${Math.floor(i / ids.length)}`, output: i % 3 ? 'Yes' : 'No' }) + '\n');
      await new Promise((resolve) => out.end(resolve));

      const child = spawn(process.execPath, ['bin/bopask.js', 'import-predictions', '--predictions', file, '--db', dbFile], {
        cwd: repo,
        env: { ...process.env, BOPASK_CLI: 'source', IMAGES_DIR: path.join(dir, 'images') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let isDone = false;
      void exited.then(() => (isDone = true));

      // A submit: one answer and its own pair's flush, in one immediate transaction.
      const insert = db.$client.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version)
        values (?, ?, 'Human', 'live', 'answer', '"Yes"', '{"valid":true,"correct":1}', ${METRIC_VERSION})`);
      const submit = db.$client.transaction((n: number) => {
        const q = ids[n % ids.length];
        insert.run(`live-${n}`, q);
        flushSums(db.$client, [{ source: 'Human', questionId: q }]);
      });
      const waits: number[] = [];
      while (!isDone) {
        await sleep(10);
        const t0 = performance.now();
        submit.immediate(waits.length); // throws SQLITE_BUSY after 5 s: the test fails
        waits.push(performance.now() - t0);
      }
      expect(await exited, stderr).toBe(0);
      expect(stdout).toContain(`imported ${LINES} answer(s)`);
      const hold = Number(/the longest holding the write lock ([\d.]+) ms/.exec(stderr)?.[1]);
      const longest = Math.max(...waits);
      process.stderr.write(`${waits.length} writes during the import, longest wait ${longest.toFixed(1)} ms; the import's longest lock hold ${hold} ms\n`);
      expect(waits.length).toBeGreaterThan(100);
      // The waits and holds are reported, not asserted (no functional test is timed: on 2 shared cores
      // a process holding the lock is descheduled too); npm run bench:import measures them. What is
      // asserted is the behaviour: every write got the lock within the busy timeout, none was refused.
      expect(Number.isFinite(hold)).toBe(true);
      expect(db.$client.prepare("select count(*) from responses where annotator like 'imp%'").pluck().get()).toBe(LINES);
      expect(JSON.stringify(benchmarkTable(db))).toBe(JSON.stringify(tableFromResponses(db)));
    } finally {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

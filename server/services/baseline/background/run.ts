/**
 * Runs a whole-database computation off the request thread: in a worker thread reading the database
 * file (worker.ts), so the server keeps answering contributors meanwhile. An in-memory database (tests)
 * has no file another connection could open: there the job runs inline, after the current request.
 */
import { Worker } from 'node:worker_threads';
import type { BootstrapSettings } from '../../../../shared/metrics/bootstrap';
import type { Db } from '../../../db/client';

export type BackgroundJob = { kind: 'statistics'; settings: BootstrapSettings } | { kind: 'contributors' };

export function runInBackground<T>(db: Db, job: BackgroundJob, inline: () => T): Promise<T> {
  const file = db.$client.name;
  if (db.$client.memory || file === '' || file === ':memory:') {
    return new Promise((resolve, reject) => setImmediate(() => {
      try {
        resolve(inline());
      } catch (err) {
        reject(err);
      }
    }));
  }
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./workerEntry.mjs', import.meta.url), { execArgv: [], workerData: { file, job } });
    let settled = false;
    w.once('message', (m: { ok: true; result: T } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(`background ${job.kind}: ${m.message}`));
    });
    w.once('error', (err) => { settled = true; reject(err); });
    w.once('exit', (code) => { if (!settled) reject(new Error(`background ${job.kind}: worker exited (code ${code})`)); });
  });
}

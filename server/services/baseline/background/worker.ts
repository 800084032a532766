/**
 * One background computation over the whole database (the bootstrap statistics, the contributor
 * figures), in a worker thread on its own read-only connection: seconds at a million responses that
 * would otherwise block every request on the server's one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../../../db/client';
import * as schema from '../../../db/schema';
import { computeContributorStats } from '../contributors';
import { computeStatistics } from '../statistics';
import type { BackgroundJob } from './run';

const { file, job } = workerData as { file: string; job: BackgroundJob };
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
try {
  const db = drizzle(sqlite, { schema }) as Db;
  // One read transaction: the figures are of one consistent state of the database.
  const result = sqlite.transaction(() => (job.kind === 'statistics' ? computeStatistics(db, job.settings) : computeContributorStats(db)))();
  parentPort!.postMessage({ ok: true, result });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.stack ?? err.message : String(err) });
} finally {
  sqlite.close();
}

/**
 * The table's statistics from the database (intervals, coverage, agreement). The bootstrap costs
 * resamples × questions, so it runs off the request path: a request gets the last result computed,
 * with its age and whether the data has changed since, and a recomputation is started after the
 * response when it has. The table's figures themselves never wait for this (services/results.ts).
 */
import { TASKS, type Task } from '../../../shared/tasks';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from '../../../shared/metrics/bootstrap';
import { StatisticsBuilder } from '../../../shared/metrics/statisticsBuilder';
import type { TableStatistics } from '../../../shared/metrics/tableStats';
import type { Db } from '../../db/client';
import { decodeScores, scorableItem } from '../scoring';
import { COUNTS_IN_TABLE, storedAnswer } from './included';
import { tableStamp } from '../tableSums';
import { runInBackground } from './background/run';

interface Row {
  questionId: string;
  task: Task;
  source: string;
  annotator: string | null;
  scores: string;
  output: string | null;
  width: number;
  height: number;
  item: string | null;
}

const countsCache = new WeakMap<Db, { key: string; counts: Record<Task, number> }>();

/**
 * Benchmark questions per task that count in the table (excluded ones are left out of coverage too).
 * One pass over the questions' index (tens of ms at 100,000), so it is cached until a question is
 * added (the last rowid; questions are never deleted) or the exclusions change (a small table).
 */
export function benchmarkQuestionCounts(db: Db): Record<Task, number> {
  const key = JSON.stringify(db.$client.prepare(`select (select max(rowid) from questions) q,
    (select group_concat(question_id, char(0)) from question_exclusions) e`).get());
  const hit = countsCache.get(db);
  if (hit?.key === key) return hit.counts;
  const counts = Object.fromEntries(TASKS.map((t) => [t, 0])) as Record<Task, number>;
  const rows = db.$client
    .prepare(`select task, count(*) n from questions q where q.pool = 'benchmark'
      and not exists (select 1 from question_exclusions qe where qe.question_id = q.id) group by task`)
    .all() as { task: Task; n: number }[];
  for (const r of rows) counts[r.task] = r.n;
  countsCache.set(db, { key, counts });
  return counts;
}

/** Computes the statistics now, streaming the responses (memory: per-question rows and human answers). */
export function computeStatistics(db: Db, settings: BootstrapSettings): TableStatistics {
  const builder = new StatisticsBuilder();
  // Ground truth and outputs are read for human answers only (agreement needs them); models' scores suffice.
  const stmt = db.$client.prepare(`
    select r.question_id questionId, q.task, r.source, r.annotator, r.scores,
      case when r.source = '${HUMAN_SOURCE}' then r.output end output, q.width, q.height,
      case when r.source = '${HUMAN_SOURCE}' then q.item end item
    from responses r join questions q on q.id = r.question_id
    where ${COUNTS_IN_TABLE}`);
  for (const r of stmt.iterate() as IterableIterator<Row>) {
    const scores = decodeScores(JSON.parse(r.scores));
    const isHuman = r.item !== null;
    const item = isHuman ? scorableItem({ id: r.questionId, width: r.width, height: r.height, item: JSON.parse(r.item!) }) : undefined;
    const answer = isHuman && r.output !== null ? storedAnswer(r.task, JSON.parse(r.output)) : null;
    builder.add({ questionId: r.questionId, task: r.task, source: r.source, annotator: r.annotator ?? undefined, scores, answer, item });
  }
  return builder.build(benchmarkQuestionCounts(db), settings);
}

export interface StatisticsState {
  /** The last computed statistics, or null before the first computation has finished. */
  stats: TableStatistics | null;
  /** When they were computed (ms since epoch), and whether the data has changed since. */
  computedAt: number | null;
  isStale: boolean;
  isComputing: boolean;
}

interface Cached {
  stamp: string;
  key: string;
  stats: TableStatistics;
  computedAt: number;
}

const cache = new WeakMap<Db, Cached>();
const running = new WeakSet<Db>();

const settingsKey = (s: BootstrapSettings) => `${s.seed}:${s.resamples}:${s.level}`;

/**
 * The cached statistics for `settings`, starting a background recomputation (in a worker thread on
 * its own connection: background/run.ts) when they are missing or stale. The stamp is read before the
 * job starts, so a result computed while answers arrived is cached as stale and computed again.
 */
export function statisticsState(db: Db, settings: BootstrapSettings = DEFAULT_BOOTSTRAP): StatisticsState {
  const stamp = tableStamp(db);
  const key = settingsKey(settings);
  const hit = cache.get(db);
  const isFresh = hit?.stamp === stamp && hit.key === key;
  if (!isFresh && !running.has(db)) {
    running.add(db);
    runInBackground(db, { kind: 'statistics', settings }, () => computeStatistics(db, settings))
      .then((stats) => cache.set(db, { stamp, key, stats, computedAt: Date.now() }))
      .catch((err: unknown) => process.stderr.write(`table statistics: ${err instanceof Error ? err.message : String(err)}\n`))
      .finally(() => running.delete(db));
  }
  const usable = hit && hit.key === key ? hit : null;
  return { stats: usable?.stats ?? null, computedAt: usable?.computedAt ?? null, isStale: !isFresh, isComputing: running.has(db) };
}

/** Recomputes now and caches (the CLI and tests call this directly). */
export function refreshStatistics(db: Db, settings: BootstrapSettings = DEFAULT_BOOTSTRAP): TableStatistics {
  const stamp = tableStamp(db);
  const stats = computeStatistics(db, settings);
  cache.set(db, { stamp, key: settingsKey(settings), stats, computedAt: Date.now() });
  return stats;
}

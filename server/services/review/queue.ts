/**
 * The review queue: questions most likely wrong first (lowest review_priority), filtered by task,
 * status, meta.dataset/meta.scene, "the crowd disagrees" and text, a page at a time by keyset
 * (priority, id) so each page is one walk down one of the questions_queue_* indexes, never an OFFSET
 * or a sort. Text search (id or question words) cannot use an index: it tests rows along that walk and
 * stops after SEARCH_WINDOW of them, handing back a cursor to search further.
 */
import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Task } from '../../../shared/tasks';
import { TASKS } from '../../../shared/tasks';
import type { Db } from '../../db/client';
import { labelVersions, questions } from '../../db/schema';
import { imageUrl } from '../images';
import { DISAGREE_BELOW } from './agreement';
import { refreshCrowdStats } from './crowdStats';
import type { ReviewStatus } from './review';

export const REVIEW_STATUSES = ['unreviewed', 'accepted', 'corrected', 'rejected'] as const;
/** Rows a text search examines per page before it returns what it found and a cursor. */
const SEARCH_WINDOW = 5000;

export interface QueueFilter {
  pool: 'benchmark' | 'practice';
  task?: Task;
  status?: ReviewStatus;
  dataset?: string;
  scene?: string;
  disagrees?: boolean;
  search?: string;
}
export interface QueueCursor {
  priority: number;
  id: string;
}

function filterSql(f: QueueFilter): SQL | undefined {
  return and(
    eq(questions.pool, f.pool),
    f.task ? eq(questions.task, f.task) : undefined,
    f.status ? eq(questions.reviewStatus, f.status) : undefined,
    f.dataset ? eq(questions.metaDataset, f.dataset) : undefined,
    f.scene ? eq(questions.metaScene, f.scene) : undefined,
    f.disagrees ? lt(questions.reviewPriority, DISAGREE_BELOW) : undefined,
  );
}

const summary = {
  id: questions.id,
  task: questions.task,
  question: questions.question,
  imageKey: questions.imageKey,
  width: questions.width,
  height: questions.height,
  status: questions.reviewStatus,
  version: questions.version,
  priority: questions.reviewPriority,
  crowdCount: questions.crowdCount,
  crowdMeanAgreement: questions.crowdMeanAgreement,
  verifyYes: questions.verifyYes,
  verifyNo: questions.verifyNo,
  dataset: questions.metaDataset,
  scene: questions.metaScene,
};

function matchesText(r: { id: string; question: string }, needle: string): boolean {
  return r.id.toLowerCase().includes(needle) || r.question.toLowerCase().includes(needle);
}

/** The index walk behind one page (exported for the query-plan test). */
export function queueWalk(db: Db, f: QueueFilter, after: QueueCursor | null, limit: number) {
  // A row value, so SQLite seeks the index to the cursor instead of filtering from the start.
  const past = after ? sql`(${questions.reviewPriority}, ${questions.id}) > (${after.priority}, ${after.id})` : undefined;
  return db
    .select(summary)
    .from(questions)
    .where(and(filterSql(f), past))
    .orderBy(questions.reviewPriority, questions.id)
    .limit(f.search?.trim() ? SEARCH_WINDOW : limit + 1);
}

/** One page of the queue and the cursor of the next (null at the end). */
export function reviewQueue(db: Db, f: QueueFilter, after: QueueCursor | null, limit: number) {
  refreshCrowdStats(db);
  const needle = f.search?.trim().toLowerCase();
  const rows = queueWalk(db, f, after, limit).all();
  let items: typeof rows;
  let next: QueueCursor | null;
  if (needle) {
    items = [];
    for (let i = 0; i < rows.length && items.length < limit; i++) if (matchesText(rows[i], needle)) items.push(rows[i]);
    // Full page: go on after its last match. Window used up: go on after the last row examined.
    const last = items.length === limit ? items[limit - 1] : rows.length === SEARCH_WINDOW ? rows[rows.length - 1] : null;
    next = last ? { priority: last.priority, id: last.id } : null;
  } else {
    items = rows.slice(0, limit);
    next = rows.length > limit ? { priority: items[limit - 1].priority, id: items[limit - 1].id } : null;
  }
  return { items: items.map(({ imageKey, ...r }) => ({ ...r, imageUrl: imageUrl(imageKey) })), next };
}

const countsCache = new WeakMap<Db, { key: string; value: ReturnType<typeof computeCounts> }>();

function computeCounts(db: Db, pool: QueueFilter['pool']) {
  const rows = db
    .select({ task: questions.task, status: questions.reviewStatus, n: sql<number>`count(*)` })
    .from(questions)
    .where(eq(questions.pool, pool))
    .groupBy(questions.task, questions.reviewStatus)
    .all();
  const byTask = Object.fromEntries(TASKS.map((t) => [t, Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0]))])) as Record<Task, Record<ReviewStatus, number>>;
  const byStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  for (const r of rows) {
    byTask[r.task][r.status] += r.n;
    byStatus[r.status] += r.n;
  }
  const disagrees = db
    .select({ n: sql<number>`count(*)` })
    .from(questions)
    .where(and(eq(questions.pool, pool), lt(questions.reviewPriority, DISAGREE_BELOW)))
    .get()!.n;
  const datasets = db
    .select({ dataset: questions.metaDataset, n: sql<number>`count(*)` })
    .from(questions)
    .where(eq(questions.pool, pool))
    .groupBy(questions.metaDataset)
    .all()
    .filter((d): d is { dataset: string; n: number } => d.dataset !== null);
  return { byStatus, byTask, disagrees, datasets, total: rows.reduce((s, r) => s + r.n, 0) };
}

/**
 * Counts per status and task, "crowd disagrees" and the datasets: index-only scans, recomputed only
 * when a question, a label version or the crowd stats changed since the last call.
 */
export function queueCounts(db: Db, pool: QueueFilter['pool']) {
  refreshCrowdStats(db);
  const stamp = db.get<{ q: number | null; v: number | null; w: number | null }>(
    sql`select (select max(rowid) from ${questions}) q, (select max(rowid) from ${labelVersions}) v,
               (select value from settings where key = 'review.responsesSeen') w`,
  );
  const key = `${pool}:${stamp.q}:${stamp.v}:${stamp.w}`;
  const hit = countsCache.get(db);
  if (hit?.key === key) return hit.value;
  const value = computeCounts(db, pool);
  countsCache.set(db, { key, value });
  return value;
}

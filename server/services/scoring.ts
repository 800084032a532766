/**
 * Bridges stored questions to the shared metric code: the server scores every stored response with
 * exactly the functions the CLI and the browser use.
 */
import { answerSchema } from '../../shared/tasks';
import { parseDatasetLine, toScorableItem } from '../../shared/dataset';
import { scoreAnswer, scoreParsed, type ScorableItem } from '../../shared/tasks';
import { METRIC_VERSION, type Scores } from '../../shared/metrics/scores';
import type { Db } from '../db/client';

/**
 * Parsed ground truth of the questions scored most recently, keyed by the stored item object's text:
 * the same text always parses the same, so the cache can never serve a stale truth, whatever the
 * database (a review's new label is new text; an old version shown beside it is its own entry).
 * Least recently used first out: a pass over 100,000 questions no longer empties it for everyone
 * (it was cleared whole past 50,000 entries). An entry is a few KB, so this bounds it to tens of MB.
 */
export const SCORABLE_CACHE_SIZE = 10_000;
const cache = new Map<string, ScorableItem>();

export interface StoredQuestion {
  id: string;
  width: number;
  height: number;
  item: Record<string, unknown>;
}

/** The ground truth of a stored question in the metric code's form. */
export function scorableItem(q: StoredQuestion): ScorableItem {
  return scorableFromText(q.id, q.width, q.height, JSON.stringify(q.item));
}

/** The same, from the stored item's JSON text as read from the database (no parse and re-stringify on a hit). */
export function scorableFromText(id: string, width: number, height: number, itemText: string): ScorableItem {
  const key = `${width}x${height}:${itemText}`;
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parseDatasetLine(itemText, 0);
  // Items are validated on import, so this is a bug or a hand-edited database, not bad input.
  if (!parsed.ok) throw new Error(`stored question ${id} no longer parses: ${parsed.error}`);
  const scorable = toScorableItem(parsed, width, height);
  cache.set(key, scorable);
  if (cache.size > SCORABLE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return scorable;
}

/** How many parsed questions the cache holds (for tests). */
export function scorableCacheSize(): number {
  return cache.size;
}

/** Scores one raw output (model text or points) against a stored question. Never throws on bad output. */
export function scoreStored(q: StoredQuestion, output: unknown): Scores {
  return scoreAnswer(scorableItem(q), output);
}

/** JSON has no ∞: stored scores write it as the string "inf" (as FORMAT.md's JSON does). */
export function encodeScores(s: Scores): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v === Infinity ? 'inf' : v]));
}

export function decodeScores(stored: Record<string, unknown>): Scores {
  // A copy with ∞ put back: the table's flushes decode every response of a question, and a spread and
  // a loop are a third of the cost of rebuilding the object from its entries.
  const out: Record<string, unknown> = { ...stored };
  for (const k in out) if (out[k] === 'inf') out[k] = Infinity;
  return out as unknown as Scores;
}

/**
 * A stored response's scores recomputed with the current metric code. Crowd answers (`isCrowd`: the
 * response has an assignment) are stored parsed, as an `Answer`, and scored as such (one that no longer
 * passes the schema scores as invalid); imported outputs are raw, and parsed again.
 */
export function rescoreOutput(q: StoredQuestion, output: unknown, isCrowd: boolean): Scores {
  if (!isCrowd) return scoreStored(q, output);
  const parsed = answerSchema.safeParse(output);
  return scoreParsed(scorableItem(q), parsed.success ? parsed.data : null);
}

/** Responses whose stored scores come from another metric version than the running code's. */
const STALE = `scores is not null and (metric_version is null or metric_version <> ${METRIC_VERSION})`;

/**
 * How many stored scores are from another metric version than `METRIC_VERSION`. SEES_STAGED here and
 * in rescoreStale: a staged row is a stored score like any other, and must be current when published.
 */
export function countStaleScores(db: Db): number {
  return db.$client.prepare(`select count(*) from responses where ${STALE}`).pluck().get() as number;
}

/** Rows rescored per transaction: each write transaction stays short, so a running server barely waits. */
const RESCORE_CHUNK = 2000;

/**
 * Recomputes every stored score whose metric version is not the current one, in chunks: each chunk is
 * read, scored outside any transaction, then written in one short immediate transaction that updates a
 * row only if its output is still the one scored. Safe while the server runs (WAL: readers never wait;
 * the server's own writes already carry the current version). Returns how many rows were rescored.
 */
export function rescoreStale(db: Db, onProgress?: (done: number, total: number) => void): { rescored: number; total: number } {
  const total = countStaleScores(db);
  // SEES_STAGED: see countStaleScores.
  const select = db.$client.prepare(
    `select rowid, id, question_id qid, assignment_id aid, output from responses where rowid > ? and ${STALE} order by rowid limit ${RESCORE_CHUNK}`,
  );
  const question = db.$client.prepare('select id, width, height, item from questions where id = ?');
  const update = db.$client.prepare('update responses set scores = ?, metric_version = ? where id = ? and output is ?');
  const writeChunk = db.$client.transaction((rows: [string, number, string, string | null][]) => {
    for (const r of rows) update.run(...r);
  });
  const questions = new Map<string, StoredQuestion>();
  let last = 0, done = 0;
  onProgress?.(0, total);
  for (;;) {
    const chunk = select.all(last) as { rowid: number; id: string; qid: string; aid: number | null; output: string | null }[];
    if (chunk.length === 0) break;
    const writes: [string, number, string, string | null][] = [];
    for (const r of chunk) {
      let q = questions.get(r.qid);
      if (!q) {
        const row = question.get(r.qid) as { id: string; width: number; height: number; item: string };
        q = { id: row.id, width: row.width, height: row.height, item: JSON.parse(row.item) as Record<string, unknown> };
        if (questions.size > 50_000) questions.clear();
        questions.set(r.qid, q);
      }
      const scores = rescoreOutput(q, r.output === null ? null : JSON.parse(r.output), r.aid !== null);
      writes.push([JSON.stringify(encodeScores(scores)), METRIC_VERSION, r.id, r.output]);
    }
    writeChunk.immediate(writes);
    done += chunk.length;
    last = chunk[chunk.length - 1].rowid;
    onProgress?.(done, total);
  }
  return { rescored: done, total };
}

/**
 * `rescoreStale` with progress for people: a line when it starts, one every tenth of the rows and one
 * at the end, through `log` (standard error for the server and the CLI). Does nothing when every
 * stored score is current.
 */
export function rescoreStaleReporting(db: Db, log: (line: string) => void): { rescored: number; total: number } {
  const total = countStaleScores(db);
  if (total === 0) return { rescored: 0, total: 0 };
  const started = Date.now();
  log(`rescoring ${total} stored score(s) with metric version ${METRIC_VERSION}`);
  let nextTenth = 1;
  const result = rescoreStale(db, (done, all) => {
    if (all === 0 || done >= all) return;
    const tenth = Math.floor((10 * done) / all);
    if (tenth >= nextTenth) {
      nextTenth = tenth + 1;
      log(`rescoring: ${done}/${all} (${tenth * 10}%)`);
    }
  });
  log(`rescored ${result.rescored} stored score(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

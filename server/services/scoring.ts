/**
 * Bridges stored questions to the shared metric code: the server scores every stored response with
 * exactly the functions the CLI and the browser use.
 */
import { parseDatasetLine, toScorableItem } from '../../shared/dataset';
import { scoreAnswer, type ScorableItem } from '../../shared/tasks';
import type { Scores } from '../../shared/metrics/scores';

/**
 * Parsed ground truth per question, keyed by the stored item object's text: the same text always
 * parses the same, so the cache can never serve a stale truth, whatever the database.
 */
const cache = new Map<string, ScorableItem>();

export interface StoredQuestion {
  id: string;
  width: number;
  height: number;
  item: Record<string, unknown>;
}

/** The ground truth of a stored question in the metric code's form. */
export function scorableItem(q: StoredQuestion): ScorableItem {
  const text = JSON.stringify(q.item);
  const key = `${q.width}x${q.height}:${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseDatasetLine(text, 0);
  // Items are validated on import, so this is a bug or a hand-edited database, not bad input.
  if (!parsed.ok) throw new Error(`stored question ${q.id} no longer parses: ${parsed.error}`);
  const scorable = toScorableItem(parsed, q.width, q.height);
  if (cache.size > 50_000) cache.clear();
  cache.set(key, scorable);
  return scorable;
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
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, v === 'inf' ? Infinity : v])) as unknown as Scores;
}

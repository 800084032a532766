/**
 * Bridges stored questions to the shared metric code: the server scores every stored response with
 * exactly the functions the CLI and the browser use.
 */
import { parseDatasetLine } from '../../shared/dataset';
import { AppError } from '../../shared/errors';
import { scoreAnswer, type ScorableItem, type Scores } from '../../shared/metrics';

/** Parsed ground truth per question id; items never change after import, so caching is safe. */
const cache = new Map<string, ScorableItem>();

export interface StoredQuestion {
  id: string;
  width: number;
  height: number;
  item: Record<string, unknown>;
}

/** The ground truth of a stored question in the metric code's form. */
export function scorableItem(q: StoredQuestion): ScorableItem {
  const hit = cache.get(q.id);
  if (hit) return hit;
  const parsed = parseDatasetLine(JSON.stringify(q.item), 0);
  if (!parsed.ok) throw new AppError('CONFLICT', `stored question ${q.id} no longer parses: ${parsed.error}`);
  const it = parsed.item;
  const scorable: ScorableItem = {
    task: it.task,
    width: q.width,
    height: q.height,
    gt: parsed.gt,
    alternatives: parsed.alternatives,
    camera: it.camera,
    box3d: it.box3d,
    source_region: it.source_region,
    target_region: it.target_region,
    regions: it.regions,
  } as ScorableItem;
  if (cache.size > 50_000) cache.clear();
  cache.set(q.id, scorable);
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

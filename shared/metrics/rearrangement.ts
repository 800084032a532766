/** Rearrangement metrics (METRICS.md "Rearrangement"): recall and precision by maximum matching. */
import type { Vec2 } from '../geometry/types';
import { hitRadius, liesOn } from './trajectory';

/**
 * Recall = matched / ground-truth objects, precision = matched / predicted points (0 with no points;
 * recall 0 with no objects), where a predicted point hits an object when it lies in the object's
 * region polygon (`regions[i]`, same order as `gt`) or, without polygons, within `hitRadius` px of the
 * object's marker, and each point and object is matched at most once (maximum bipartite matching).
 */
export function rearrangementScores(
  pred: readonly Vec2[],
  gt: readonly Vec2[],
  width: number,
  height: number,
  regions?: readonly (readonly Vec2[])[],
): { recall: number; precision: number } {
  const np = pred.length, ng = gt.length;
  const matched = rearrangementMatched(pred, gt, width, height, regions);
  return {
    recall: ng > 0 ? matched / ng : 0,
    precision: np > 0 ? matched / np : 0,
  };
}

/** Size of the maximum matching `rearrangementScores` divides by the object and point counts. */
export function rearrangementMatched(
  pred: readonly Vec2[],
  gt: readonly Vec2[],
  width: number,
  height: number,
  regions?: readonly (readonly Vec2[])[],
): number {
  const r = hitRadius(width, height);
  const np = pred.length, ng = gt.length;
  if (HIT.length < np * ng) HIT = new Uint8Array(2 * np * ng);
  if (MATCH.length < ng) { MATCH = new Int32Array(2 * ng); SEEN = new Int32Array(2 * ng); }
  for (let i = 0; i < np; i++) for (let j = 0; j < ng; j++) HIT[i * ng + j] = liesOn(pred[i], regions?.[j], gt[j], r) ? 1 : 0;
  // Maximum bipartite matching (Kuhn's augmenting paths, as maxBipartiteMatching) on reused buffers.
  MATCH.fill(-1, 0, ng);
  SEEN.fill(-1, 0, ng);
  let matched = 0;
  for (let i = 0; i < np; i++) if (augment(i, i, ng)) matched++;
  return matched;
}

// Scratch buffers (JS is single-threaded and nothing here re-enters): HIT[i·ng + j] = point i hits
// object j; MATCH[j] = point matched to object j; SEEN[j] = the round (point) that last visited j.
let HIT = new Uint8Array(64);
let MATCH = new Int32Array(16), SEEN = new Int32Array(16);

function augment(i: number, round: number, ng: number): boolean {
  for (let j = 0; j < ng; j++) {
    if (!HIT[i * ng + j] || SEEN[j] === round) continue;
    SEEN[j] = round;
    if (MATCH[j] < 0 || augment(MATCH[j], round, ng)) {
      MATCH[j] = i;
      return true;
    }
  }
  return false;
}

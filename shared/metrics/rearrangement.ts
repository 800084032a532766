/** Rearrangement metrics (METRICS.md "Rearrangement"): recall and precision by maximum matching. */
import { maxBipartiteMatching } from '../geometry/matching';
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
  const r = hitRadius(width, height);
  const adj = pred.map((p) => gt.flatMap((g, j) => (liesOn(p, regions?.[j], g, r) ? [j] : [])));
  const matched = maxBipartiteMatching(adj, gt.length);
  return {
    recall: gt.length > 0 ? matched / gt.length : 0,
    precision: pred.length > 0 ? matched / pred.length : 0,
  };
}

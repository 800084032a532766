/** Grasp metric (METRICS.md "Grasp — NCE"): normalized coordinate error, lower is better. */
import type { Vec2 } from '../geometry/types';

// Left/right finger swap: base 1↔2, tip 3↔4 (a parallel gripper is symmetric).
const SWAPPED = [0, 2, 1, 4, 3];

/** Normalizer d for a ground-truth grasp: finger-base distance, else finger-tip distance (normalized units). */
function gripperWidth(g: readonly Vec2[], width: number, height: number): number {
  const base = Math.hypot((g[1][0] - g[2][0]) / width, (g[1][1] - g[2][1]) / height);
  return base > 0 ? base : Math.hypot((g[3][0] - g[4][0]) / width, (g[3][1] - g[4][1]) / height);
}

/**
 * NCE of a 5-point prediction against one ground-truth grasp (points in image pixels, normalized by
 * `width`/`height`), minimised over the two finger labelings. Infinity when the ground truth's
 * finger bases and tips both coincide (no gripper width).
 */
export function graspNceSingle(pred: readonly Vec2[], gt: readonly Vec2[], width: number, height: number): number {
  const d = gripperWidth(gt, width, height);
  if (!(d > 0)) return Infinity;
  // The identity labeling, then the finger swap (SWAPPED), each as a sum in the same order as before.
  let s0 = 0, s1 = 0;
  for (let i = 0; i < 5; i++) {
    const g = gt[i], p = pred[i], q = pred[SWAPPED[i]];
    s0 += Math.hypot((p[0] - g[0]) / width, (p[1] - g[1]) / height);
    s1 += Math.hypot((q[0] - g[0]) / width, (q[1] - g[1]) / height);
  }
  return Math.min(Math.min(Infinity, s0 / 5 / d), s1 / 5 / d);
}

/** NCE minimised over every ground-truth grasp the item lists (canonical and alternatives); ∞ if none. */
export function graspNce(pred: readonly Vec2[], gts: readonly (readonly Vec2[])[], width: number, height: number): number {
  let best = Infinity;
  for (const g of gts) best = Math.min(best, graspNceSingle(pred, g, width, height));
  return best;
}

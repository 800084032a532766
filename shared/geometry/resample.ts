/** Polyline resampling by arc length, in image pixels. */
import type { Vec2 } from './types';

/**
 * `n` points (n ≥ 2) equally spaced by arc length along the polyline, first and last points included.
 * A path of zero length (all points equal, or a single point) gives `n` copies of its first point;
 * an empty path gives an empty array.
 */
export function resampleByArcLength(path: readonly Vec2[], n: number): Vec2[] {
  if (path.length === 0) return [];
  const cum = [0];
  for (let i = 1; i < path.length; i++) {
    cum.push(cum[i - 1] + Math.hypot(path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1]));
  }
  const total = cum[cum.length - 1];
  if (!(total > 0)) return Array.from({ length: n }, () => [path[0][0], path[0][1]] as Vec2);
  const out: Vec2[] = [];
  let seg = 1;
  for (let k = 0; k < n; k++) {
    const s = k === n - 1 ? total : (total * k) / (n - 1);
    while (seg < path.length - 1 && cum[seg] < s) seg++;
    const len = cum[seg] - cum[seg - 1];
    const t = len > 0 ? (s - cum[seg - 1]) / len : 0;
    const a = path[seg - 1];
    const b = path[seg];
    out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
  }
  return out;
}

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

/**
 * Mean Euclidean distance (px) between corresponding points of `a` and `b`, each resampled to `n`
 * points (n ≥ 2) as `resampleByArcLength` does, without allocating (cumulative lengths are walked on
 * the fly). Both paths need ≥ 1 point.
 */
export function meanResampledDistance(a: readonly Vec2[], b: readonly Vec2[], n: number): number {
  // Segment lengths computed once (the same Math.hypot values the walk used to recompute).
  if (SEG_A.length < a.length) SEG_A = new Float64Array(2 * a.length);
  if (SEG_B.length < b.length) SEG_B = new Float64Array(2 * b.length);
  const la = SEG_A, lb = SEG_B;
  const ta = fillSegLens(a, la), tb = fillSegLens(b, lb);
  let sa = 1, ca0 = 0, ca1 = a.length > 1 ? la[1] : 0; // segment index, cumulative length at its start and end
  let sb = 1, cb0 = 0, cb1 = b.length > 1 ? lb[1] : 0;
  let s = 0;
  for (let k = 0; k < n; k++) {
    let ax: number, ay: number, bx: number, by: number;
    if (!(ta > 0)) { ax = a[0][0]; ay = a[0][1]; } else {
      const d = k === n - 1 ? ta : (ta * k) / (n - 1);
      while (sa < a.length - 1 && ca1 < d) { sa++; ca0 = ca1; ca1 += la[sa]; }
      const len = ca1 - ca0, t = len > 0 ? (d - ca0) / len : 0;
      const p = a[sa - 1], q = a[sa];
      ax = p[0] + t * (q[0] - p[0]); ay = p[1] + t * (q[1] - p[1]);
    }
    if (!(tb > 0)) { bx = b[0][0]; by = b[0][1]; } else {
      const d = k === n - 1 ? tb : (tb * k) / (n - 1);
      while (sb < b.length - 1 && cb1 < d) { sb++; cb0 = cb1; cb1 += lb[sb]; }
      const len = cb1 - cb0, t = len > 0 ? (d - cb0) / len : 0;
      const p = b[sb - 1], q = b[sb];
      bx = p[0] + t * (q[0] - p[0]); by = p[1] + t * (q[1] - p[1]);
    }
    s += Math.hypot(ax - bx, ay - by);
  }
  return s / n;
}

// Scratch segment lengths (single-threaded, not re-entered): SEG[i] = |p[i] − p[i−1]|.
let SEG_A = new Float64Array(64), SEG_B = new Float64Array(64);

/** Writes each segment's length into `out[1 … p.length − 1]` and returns their sum, added in order. */
function fillSegLens(p: readonly Vec2[], out: Float64Array): number {
  let t = 0;
  for (let i = 1; i < p.length; i++) {
    const l = Math.hypot(p[i][0] - p[i - 1][0], p[i][1] - p[i - 1][1]);
    out[i] = l;
    t += l;
  }
  return t;
}

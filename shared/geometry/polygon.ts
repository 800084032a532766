/**
 * Planar polygon helpers in image pixels (y down). Orientation-independent: callers may pass clockwise
 * or counter-clockwise polygons unless stated otherwise.
 */
import type { Vec2 } from './types';

const cross = (o: Vec2, a: Vec2, b: Vec2) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * Convex hull (Andrew's monotone chain), counter-clockwise in a y-up reading (positive shoelace area),
 * without collinear points. Fewer than 3 distinct non-collinear points give a degenerate hull of 0–2
 * points, whose area is 0.
 */
export function convexHull(points: readonly Vec2[]): Vec2[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const lower: Vec2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Vec2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Signed shoelace area (px²): positive for counter-clockwise in a y-up reading; 0 below 3 points. */
export function signedArea(poly: readonly Vec2[]): number {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j][0] * poly[i][1] - poly[i][0] * poly[j][1];
  return s / 2;
}

/** Unsigned polygon area (px²) of a simple polygon; 0 below 3 points. */
export function polygonArea(poly: readonly Vec2[]): number {
  return Math.abs(signedArea(poly));
}

/**
 * Whether `p` lies inside `poly` or on its boundary (within `eps` px of an edge). Works for any simple
 * polygon (even–odd rule). A polygon of fewer than 3 points contains only points on its segments.
 */
export function pointInPolygon(p: Vec2, poly: readonly Vec2[], eps = 1e-9): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[j];
    const b = poly[i];
    if (distToSegment(p, a, b) <= eps) return true;
    if (a[1] > p[1] !== b[1] > p[1]) {
      const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (p[0] < x) inside = !inside;
    }
  }
  return inside;
}

/** Euclidean distance (px) from `p` to segment `ab`; a zero-length segment is a point. */
export function distToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Intersection of two convex polygons, both counter-clockwise as `convexHull` returns them
 * (Sutherland–Hodgman: `subject` clipped by each edge of `clip`). Empty when they do not overlap or
 * either is degenerate.
 */
export function clipConvex(subject: readonly Vec2[], clip: readonly Vec2[]): Vec2[] {
  if (subject.length < 3 || clip.length < 3) return [];
  let out: Vec2[] = [...subject];
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const input = out;
    out = [];
    for (let k = 0; k < input.length; k++) {
      const p = input[k];
      const q = input[(k + 1) % input.length];
      const dp = cross(a, b, p);
      const dq = cross(a, b, q);
      if (dp >= 0) out.push(p);
      if ((dp >= 0) !== (dq >= 0)) {
        const t = dp / (dp - dq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return out;
}

// Scratch buffers for `convexHullIou` (x, y interleaved); JS is single-threaded and nothing re-enters.
let SORT = new Float64Array(64);
let HA = new Float64Array(64), HB = new Float64Array(64);
let C0 = new Float64Array(256), C1 = new Float64Array(256);

/**
 * Convex hull of `pts` into `out` (x, y interleaved), the same hull `convexHull` returns (Andrew's
 * monotone chain, counter-clockwise in a y-up reading, no collinear points); returns its vertex count.
 * `out` must hold 2·(pts.length + 1) numbers.
 */
function hullInto(pts: readonly Vec2[], out: Float64Array): number {
  const n = pts.length;
  if (SORT.length < 2 * n) SORT = new Float64Array(4 * n);
  const P = SORT;
  // Insertion sort by (x, y): the same order as `convexHull`'s comparator for the few points of an answer.
  for (let i = 0; i < n; i++) {
    const x = pts[i][0], y = pts[i][1];
    let j = i;
    while (j > 0 && (P[2 * j - 2] > x || (P[2 * j - 2] === x && P[2 * j - 1] > y))) {
      P[2 * j] = P[2 * j - 2]; P[2 * j + 1] = P[2 * j - 1]; j--;
    }
    P[2 * j] = x; P[2 * j + 1] = y;
  }
  if (n < 3) {
    for (let i = 0; i < 2 * n; i++) out[i] = P[i];
    return n;
  }
  const turn = (k: number, i: number) =>
    (out[2 * k - 2] - out[2 * k - 4]) * (P[2 * i + 1] - out[2 * k - 3]) - (out[2 * k - 1] - out[2 * k - 3]) * (P[2 * i] - out[2 * k - 4]);
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k >= 2 && turn(k, i) <= 0) k--;
    out[2 * k] = P[2 * i]; out[2 * k + 1] = P[2 * i + 1]; k++;
  }
  k--; // the lower chain's last point starts the upper chain
  const base = k;
  for (let i = n - 1; i >= 0; i--) {
    while (k - base >= 2 && turn(k, i) <= 0) k--;
    out[2 * k] = P[2 * i]; out[2 * k + 1] = P[2 * i + 1]; k++;
  }
  return k - 1; // the upper chain ends at the first point again
}

/** |shoelace area| (px²) of `n` points in `p` (x, y interleaved). */
function areaOf(p: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) s += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
  return Math.abs(s / 2);
}

/**
 * Area IoU (0–1) of the convex hulls of two point sets (image pixels). 0 when either hull has no area.
 * Same arithmetic as `convexHull` + `clipConvex` + `polygonArea`, on preallocated buffers.
 */
export function convexHullIou(a: readonly Vec2[], b: readonly Vec2[]): number {
  const cap = 4 * (Math.max(a.length, b.length) + 2); // a chain under construction may hold 2n points
  if (HA.length < cap) { HA = new Float64Array(cap); HB = new Float64Array(cap); }
  const na = hullInto(a, HA);
  const nb = hullInto(b, HB);
  const areaA = areaOf(HA, na);
  const areaB = areaOf(HB, nb);
  if (!(areaA > 0) || !(areaB > 0) || na < 3 || nb < 3) return 0;
  // Sutherland–Hodgman: hull A clipped by each edge of hull B (each edge adds at most one vertex).
  if (C0.length < 2 * (na + nb + 2)) { C0 = new Float64Array(4 * (na + nb + 2)); C1 = new Float64Array(4 * (na + nb + 2)); }
  let src = C0, dst = C1;
  for (let i = 0; i < 2 * na; i++) src[i] = HA[i];
  let n = na;
  for (let e = 0; e < nb && n > 0; e++) {
    const ax = HB[2 * e], ay = HB[2 * e + 1];
    const f = e + 1 === nb ? 0 : e + 1;
    const ex = HB[2 * f] - ax, ey = HB[2 * f + 1] - ay;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const l = k + 1 === n ? 0 : k + 1;
      const px = src[2 * k], py = src[2 * k + 1], qx = src[2 * l], qy = src[2 * l + 1];
      const dp = ex * (py - ay) - ey * (px - ax);
      const dq = ex * (qy - ay) - ey * (qx - ax);
      if (dp >= 0) { dst[2 * m] = px; dst[2 * m + 1] = py; m++; }
      if ((dp >= 0) !== (dq >= 0)) {
        const t = dp / (dp - dq);
        dst[2 * m] = px + t * (qx - px); dst[2 * m + 1] = py + t * (qy - py); m++;
      }
    }
    n = m;
    const tmp = src; src = dst; dst = tmp;
  }
  const inter = Math.min(areaOf(src, n), areaA, areaB);
  return inter / (areaA + areaB - inter);
}

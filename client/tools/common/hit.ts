/** Hit testing in image pixels for tool reducers. Tolerances come from the event (`tolPx`). */
import type { Vec2 } from '../../../shared/geometry/types';

export function dist(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Index of the point nearest to `p` within `tolPx`, or -1. Later points win ties (drawn on top). */
export function nearestIndex(points: readonly Vec2[], p: Vec2, tolPx: number): number {
  let best = -1;
  let bestD = tolPx;
  for (let i = 0; i < points.length; i++) {
    const d = dist(points[i], p);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** Closest point to `p` on segment ab and its distance; a zero-length segment gives `a`. */
export function projectOnSegment(a: Vec2, b: Vec2, p: Vec2): { q: Vec2; d: number } {
  const vx = b[0] - a[0], vy = b[1] - a[1];
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / len2));
  const q: Vec2 = [a[0] + t * vx, a[1] + t * vy];
  return { q, d: dist(q, p) };
}

/** Clamps a point into the image rectangle [0, w] × [0, h] so stored answers are never out of image. */
export function clampToImage(p: Vec2, w: number, h: number): Vec2 {
  return [Math.min(w, Math.max(0, p[0])), Math.min(h, Math.max(0, p[1]))];
}

export function isInImage(p: Vec2, w: number, h: number): boolean {
  return p[0] >= 0 && p[1] >= 0 && p[0] <= w && p[1] <= h;
}

export function add(a: Vec2, b: Vec2): Vec2 {
  return [a[0] + b[0], a[1] + b[1]];
}

export function sub(a: Vec2, b: Vec2): Vec2 {
  return [a[0] - b[0], a[1] - b[1]];
}

/** Replaces item `i` of a list without mutating it (drafts are immutable). */
export function replaceAt<T>(list: readonly T[], i: number, v: T): T[] {
  const out = list.slice();
  out[i] = v;
  return out;
}

/** Whether `p` is inside (or on) the convex polygon `hull` as shared/geometry/polygon's `convexHull` returns it (counter-clockwise in image coordinates). */
export function isInConvex(hull: readonly Vec2[], p: Vec2): boolean {
  if (hull.length < 3) return false;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i], b = hull[(i + 1) % hull.length];
    if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0) return false;
  }
  return true;
}

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

/**
 * Area IoU (0–1) of the convex hulls of two point sets (image pixels). 0 when either hull has no area.
 */
export function convexHullIou(a: readonly Vec2[], b: readonly Vec2[]): number {
  const ha = convexHull(a);
  const hb = convexHull(b);
  const areaA = polygonArea(ha);
  const areaB = polygonArea(hb);
  if (!(areaA > 0) || !(areaB > 0)) return 0;
  const inter = Math.min(polygonArea(clipConvex(ha, hb)), areaA, areaB);
  return inter / (areaA + areaB - inter);
}

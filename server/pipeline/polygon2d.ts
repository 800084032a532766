/**
 * 2D helpers in image pixels: convex hull (monotone chain), point-in-polygon (boundary counts as inside,
 * as METRICS.md's "inside or on the boundary"), and the region of a visible mask.
 */
import type { Vec2 } from '../../shared/geometry/types';

const crossZ = (o: Vec2, a: Vec2, b: Vec2): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull in counter-clockwise order (image y down: visually clockwise); collinear points dropped. */
export function convexHull(points: Vec2[]): Vec2[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const lower: Vec2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && crossZ(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Vec2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && crossZ(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

function onSegment(p: Vec2, a: Vec2, b: Vec2, eps: number): boolean {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 1e-12) return Math.hypot(p[0] - a[0], p[1] - a[1]) <= eps;
  if (Math.abs(crossZ(a, b, p)) / len > eps) return false;
  const t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len);
  return t >= -1e-9 && t <= 1 + 1e-9;
}

/** True when p is inside the polygon or within `eps` px of its boundary. */
export function pointInPolygon(p: Vec2, poly: Vec2[], eps = 1e-6): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [a, b] = [poly[i], poly[j]];
    if (onSegment(p, a, b, eps)) return true;
    if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export interface MaskRegion {
  /** Convex hull of the mask's pixel squares. */
  polygon: Vec2[];
  /** A pixel centre on the mask, nearest to the mask's centroid: a marker that lies on the object. */
  marker: Vec2;
  pixelCount: number;
}

/** Region of a visible mask (non-zero pixels); undefined when the mask is empty. */
export function maskRegion(data: ArrayLike<number>, width: number, height: number): MaskRegion | undefined {
  const pts: Vec2[] = [];
  let [sx, sy, n, x0, x1, y0, y1] = [0, 0, 0, width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    let lo = -1;
    let hi = -1;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      if (lo < 0) lo = x;
      hi = x;
      sx += x;
      sy += y;
      n++;
    }
    if (lo < 0) continue;
    pts.push([lo, y], [lo, y + 1], [hi + 1, y], [hi + 1, y + 1]);
    [x0, x1, y0, y1] = [Math.min(x0, lo), Math.max(x1, hi), Math.min(y0, y), y];
  }
  if (n === 0) return undefined;
  const [cx, cy] = [sx / n, sy / n];
  let best: Vec2 = [0, 0];
  let bestD = Infinity;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (data[y * width + x] === 0) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) [best, bestD] = [[x + 0.5, y + 0.5], d];
    }
  }
  return { polygon: convexHull(pts), marker: best, pixelCount: n };
}

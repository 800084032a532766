/**
 * 2D helpers in image pixels: the region of a visible mask, plus the shared convex hull and
 * point-in-polygon test (boundary counts as inside, as METRICS.md's "inside or on the boundary").
 */
import type { Vec2 } from '../../shared/geometry/types';

// The metric's own hull and point-in-polygon test: a generated region and answer must agree with
// exactly the check the trajectory and rearrangement metrics make.
export { convexHull, pointInPolygon } from '../../shared/geometry/polygon';
import { convexHull } from '../../shared/geometry/polygon';

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

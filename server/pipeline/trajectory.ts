/**
 * Pick-and-place paths in the world frame (mm): RRT in 3D Cartesian space (10% goal bias, sampling
 * 20 cm beyond the objects, heights biased upward for natural lifting motions), collision-checked
 * against the other objects' boxes and the table, then simplified by Ramer–Douglas–Peucker at 3 cm.
 * The simplification only drops a point when the shortcut is itself collision-free, so the final path
 * keeps the planner's guarantee.
 */
import type { Vec3 } from '../../shared/geometry/types';
import { type Obb, segmentHitsObb } from './obb';
import type { Rng } from './rng';
import { addScaled, dist, dot, norm, normalize, sub } from '../../shared/geometry/vec';

export const PATH = { stepMm: 40, goalBias: 0.1, boundsMarginMm: 200, maxIterations: 3000, rdpToleranceMm: 30, clearanceMm: 10, minHeightMm: 2 };

export interface Bounds {
  min: Vec3;
  max: Vec3;
}

/** True when the segment keeps `clearanceMm` from every obstacle and stays above the table. */
export function isSegmentFree(a: Vec3, b: Vec3, obstacles: Obb[], clearanceMm = PATH.clearanceMm): boolean {
  if (a[2] < PATH.minHeightMm || b[2] < PATH.minHeightMm) return false;
  return obstacles.every((o) => !segmentHitsObb(a, b, o, clearanceMm));
}

/** Sampling bounds: the objects' extent plus 20 cm on each side, from the table up. */
export function samplingBounds(boxes: Obb[]): Bounds {
  const min: Vec3 = [Infinity, Infinity, 0];
  const max: Vec3 = [-Infinity, -Infinity, 0];
  for (const b of boxes) {
    const r = Math.hypot(...b.half);
    for (let i = 0; i < 2; i++) {
      min[i] = Math.min(min[i], b.center[i] - r - PATH.boundsMarginMm);
      max[i] = Math.max(max[i], b.center[i] + r + PATH.boundsMarginMm);
    }
    max[2] = Math.max(max[2], b.center[2] + r + PATH.boundsMarginMm);
  }
  return { min: [min[0], min[1], PATH.minHeightMm], max };
}

function sample(rng: Rng, b: Bounds): Vec3 {
  // sqrt(u) puts more samples high above the table than low, as the paper's upward bias does.
  return [rng.range(b.min[0], b.max[0]), rng.range(b.min[1], b.max[1]), b.min[2] + (b.max[2] - b.min[2]) * Math.sqrt(rng.next())];
}

/** RRT from start to goal; the raw path (start … goal) or undefined when none was found. */
export function planRrt(start: Vec3, goal: Vec3, obstacles: Obb[], bounds: Bounds, rng: Rng): Vec3[] | undefined {
  const nodes: Vec3[] = [start];
  const parent: number[] = [-1];
  for (let it = 0; it < PATH.maxIterations; it++) {
    const target = rng.chance(PATH.goalBias) ? goal : sample(rng, bounds);
    // Nearest node, exactly as "smallest dist()" picks it (Math.hypot, first of equals), but with the
    // exact hypot only for candidates whose squared distance is within 1e-9 of the best so far: any
    // other node is farther by far more than rounding, and this O(nodes) scan is the planner's hot loop.
    let nearest = 0;
    let bestD = Infinity;
    let bestD2 = Infinity;
    const [tx, ty, tz] = target;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const [dx, dy, dz] = [n[0] - tx, n[1] - ty, n[2] - tz];
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > bestD2 * (1 + 1e-9)) continue;
      const d = dist(n, target);
      if (d < bestD) [nearest, bestD, bestD2] = [i, d, d2];
    }
    const from = nodes[nearest];
    const next = bestD <= PATH.stepMm ? target : addScaled(from, normalize(sub(target, from)), PATH.stepMm);
    if (!isSegmentFree(from, next, obstacles)) continue;
    nodes.push(next);
    parent.push(nearest);
    if (dist(next, goal) <= PATH.stepMm * 1.5 && isSegmentFree(next, goal, obstacles)) {
      const path: Vec3[] = [goal];
      for (let i = nodes.length - 1; i >= 0; i = parent[i]) path.push(nodes[i]);
      path.reverse();
      if (dist(path[path.length - 2], goal) < 1e-9) path.pop();
      return path;
    }
  }
  return undefined;
}

function pointToSegment(p: Vec3, a: Vec3, b: Vec3): number {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2));
  return norm(sub(p, addScaled(a, ab, t)));
}

/** Ramer–Douglas–Peucker that also refuses shortcuts through obstacles. */
export function simplifyPath(path: Vec3[], toleranceMm: number, isFree: (a: Vec3, b: Vec3) => boolean): Vec3[] {
  if (path.length <= 2) return path;
  const first = path[0];
  const last = path[path.length - 1];
  let index = -1;
  let maxD = -1;
  for (let i = 1; i < path.length - 1; i++) {
    const d = pointToSegment(path[i], first, last);
    if (d > maxD) [index, maxD] = [i, d];
  }
  if (maxD <= toleranceMm && isFree(first, last)) return [first, last];
  const left = simplifyPath(path.slice(0, index + 1), toleranceMm, isFree);
  const right = simplifyPath(path.slice(index), toleranceMm, isFree);
  return left.slice(0, -1).concat(right);
}

/** Plans and simplifies a path; every segment of the result is collision-free. */
export function planPath(start: Vec3, goal: Vec3, obstacles: Obb[], bounds: Bounds, rng: Rng): Vec3[] | undefined {
  const raw = planRrt(start, goal, obstacles, bounds, rng);
  if (!raw) return undefined;
  return simplifyPath(raw, PATH.rdpToleranceMm, (a, b) => isSegmentFree(a, b, obstacles));
}

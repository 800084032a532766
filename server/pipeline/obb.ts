/**
 * Oriented boxes in the world frame (mm) and the collision tests the planners need: box–box (separating
 * axis theorem), segment–box (slab test) and point–box. Used by grasps, trajectories and the scene maker.
 */
import type { Vec3 } from '../../shared/geometry/types';
import { addScaled, cross, dot, norm, sub } from '../../shared/geometry/vec';

export interface Obb {
  center: Vec3;
  /** Unit axes of the box (world frame). */
  axes: [Vec3, Vec3, Vec3];
  /** Half extents along each axis, mm. */
  half: Vec3;
}

/** The 8 corners of an oriented box. */
export function obbCorners(b: Obb): Vec3[] {
  const out: Vec3[] = [];
  for (const sx of [-1, 1]) for (const sy of [-1, 1]) for (const sz of [-1, 1]) {
    let p = addScaled(b.center, b.axes[0], sx * b.half[0]);
    p = addScaled(p, b.axes[1], sy * b.half[1]);
    out.push(addScaled(p, b.axes[2], sz * b.half[2]));
  }
  return out;
}

/** Half the length of the box's projection on a (not necessarily unit) axis. */
function projectedRadius(b: Obb, axis: Vec3): number {
  return b.half[0] * Math.abs(dot(b.axes[0], axis)) + b.half[1] * Math.abs(dot(b.axes[1], axis)) +
    b.half[2] * Math.abs(dot(b.axes[2], axis));
}

/** True when the boxes overlap by more than `margin` mm (negative margin: must keep that clearance). */
export function obbOverlap(a: Obb, b: Obb, margin = 0): boolean {
  const d = sub(b.center, a.center);
  const axes: Vec3[] = [...a.axes, ...b.axes];
  for (const u of a.axes) for (const v of b.axes) {
    const c = cross(u, v);
    if (norm(c) > 1e-6) axes.push(c);
  }
  for (const axis of axes) {
    const len = norm(axis);
    const gap = Math.abs(dot(d, axis)) / len - (projectedRadius(a, axis) + projectedRadius(b, axis)) / len;
    if (gap >= -margin) return false;
  }
  return true;
}

/** True when the segment p→q passes within the box grown by `inflate` mm on every side. */
export function segmentHitsObb(p: Vec3, q: Vec3, b: Obb, inflate = 0): boolean {
  let t0 = 0;
  let t1 = 1;
  const dp = sub(p, b.center);
  const dq = sub(q, p);
  for (let i = 0; i < 3; i++) {
    const o = dot(dp, b.axes[i]);
    const v = dot(dq, b.axes[i]);
    const h = b.half[i] + inflate;
    if (Math.abs(v) < 1e-12) {
      if (Math.abs(o) > h) return false;
      continue;
    }
    let ta = (-h - o) / v;
    let tb = (h - o) / v;
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
    if (t0 > t1) return false;
  }
  return true;
}

/** Lowest world z of the box (world z is up). */
export function obbMinZ(b: Obb): number {
  return b.center[2] - projectedRadius(b, [0, 0, 1]);
}

/** Highest world z of the box. */
export function obbMaxZ(b: Obb): number {
  return b.center[2] + projectedRadius(b, [0, 0, 1]);
}

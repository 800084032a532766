/**
 * Grasp glyph geometry in image pixels. Convention (matches the dataset's ground truth): the grasp
 * centre is the midpoint of the two finger bases; the fingers run from base to tip along the approach
 * direction `a`; looking along `a` (from the palm towards the tips) the LEFT finger is on your left.
 * With the tips pointing up the image, the left finger is on the image's left. In image coordinates
 * (y down) that puts the left base at `centre + (w/2)·(a.y, −a.x)`.
 */
import type { Vec2 } from '../../../shared/geometry/types';

export interface GraspParams {
  center: Vec2;
  /** Direction from the centre to the RIGHT finger base, radians in image coordinates. */
  angleRad: number;
  /** Distance between the two finger bases, image px. */
  openingPx: number;
  /** Finger length (base to tip), image px. */
  fingerPx: number;
}

/** The five answer points: centre, left base, right base, left tip, right tip. */
export function graspPoints(g: GraspParams): [Vec2, Vec2, Vec2, Vec2, Vec2] {
  const ux = Math.cos(g.angleRad), uy = Math.sin(g.angleRad);
  const ax = uy, ay = -ux; // approach direction: u rotated so that left = −u
  const h = g.openingPx / 2;
  const c = g.center;
  const left: Vec2 = [c[0] - ux * h, c[1] - uy * h];
  const right: Vec2 = [c[0] + ux * h, c[1] + uy * h];
  const L = g.fingerPx;
  return [[c[0], c[1]], left, right, [left[0] + ax * L, left[1] + ay * L], [right[0] + ax * L, right[1] + ay * L]];
}

/** Unit approach direction (base → tip). */
export function approachDir(angleRad: number): Vec2 {
  return [Math.sin(angleRad), -Math.cos(angleRad)];
}

/**
 * Reads five points back into parameters. Points that do not fit the model exactly (a generated
 * answer) are fitted: centre = midpoint of the bases, finger length = mean tip offset along `a`. Tips
 * on the other side (labels swapped relative to our convention) flip the direction, which swaps left
 * and right; NCE is symmetric in that swap.
 */
export function graspFromPoints(pts: readonly Vec2[]): GraspParams {
  const [, lb, rb, lt, rt] = pts;
  const center: Vec2 = [(lb[0] + rb[0]) / 2, (lb[1] + rb[1]) / 2];
  const openingPx = Math.max(1, Math.hypot(rb[0] - lb[0], rb[1] - lb[1]));
  let angleRad = Math.atan2(rb[1] - lb[1], rb[0] - lb[0]);
  const a = approachDir(angleRad);
  let fingerPx = ((lt[0] - lb[0]) * a[0] + (lt[1] - lb[1]) * a[1] + (rt[0] - rb[0]) * a[0] + (rt[1] - rb[1]) * a[1]) / 2;
  if (fingerPx < 0) {
    angleRad += Math.PI;
    fingerPx = -fingerPx;
  }
  return { center, angleRad, openingPx, fingerPx: Math.max(1, fingerPx) };
}

/** The four drag handles of a grasp draft. */
export type GraspHandle = 'center' | 'left' | 'right' | 'tips';

/** Where each handle is drawn and grabbed (image pixels); the tip handle sits between the two tips. */
export function handlePositions(g: GraspParams): Record<GraspHandle, Vec2> {
  const [c, lb, rb, lt, rt] = graspPoints(g);
  return { center: c, left: lb, right: rb, tips: [(lt[0] + rt[0]) / 2, (lt[1] + rt[1]) / 2] };
}

/** Trajectory metrics (METRICS.md "Trajectory"): success and arc-length-resampled distance error. */
import { pointInPolygon } from '../geometry/polygon';
import { meanResampledDistance } from '../geometry/resample';
import type { Vec2 } from '../geometry/types';

/** Number of arc-length samples for the distance error, first and last included. */
export const TRAJECTORY_SAMPLES = 32;

/** Hit radius (px) used when an item gives no region polygon: 5% of the image diagonal. */
export function hitRadius(width: number, height: number): number {
  // Items of a dataset share a few image sizes: the last one's radius is reused (same value).
  if (width === HIT_W && height === HIT_H) return HIT_R;
  const r = 0.05 * Math.hypot(width, height);
  HIT_W = width; HIT_H = height; HIT_R = r;
  return r;
}
let HIT_W = NaN, HIT_H = NaN, HIT_R = NaN;

/** Whether `p` lies on an object: in (or on) its polygon when given, else within `r` px of `anchor`. */
export function liesOn(p: Vec2, polygon: readonly Vec2[] | undefined, anchor: Vec2, r: number): boolean {
  if (polygon && polygon.length >= 3) return pointInPolygon(p, polygon);
  return Math.hypot(p[0] - anchor[0], p[1] - anchor[1]) <= r;
}

/**
 * 1 when the prediction's first point lies on the source object and its last on the target object,
 * else 0 (image pixels). Without region polygons the ground-truth path's endpoints with radius
 * `hitRadius` stand in (`source`/`target` are the regions). 0 for a prediction of fewer than 2 points.
 */
export function trajectorySuccessIn(
  pred: readonly Vec2[],
  gt: readonly Vec2[],
  width: number,
  height: number,
  source: readonly Vec2[] | undefined,
  target: readonly Vec2[] | undefined,
): number {
  if (pred.length < 2 || gt.length < 1) return 0;
  const r = hitRadius(width, height);
  const ok = liesOn(pred[0], source, gt[0], r) && liesOn(pred[pred.length - 1], target, gt[gt.length - 1], r);
  return ok ? 1 : 0;
}

/**
 * Mean Euclidean distance (px) between the two paths resampled to 32 points equally spaced by arc
 * length. Infinity when either path has fewer than 2 points.
 */
export function trajectoryDistance(pred: readonly Vec2[], gt: readonly Vec2[]): number {
  if (pred.length < 2 || gt.length < 2) return Infinity;
  return meanResampledDistance(pred, gt, TRAJECTORY_SAMPLES);
}

/** Pose metrics (METRICS.md "Pose — IoU"): IoU 3D by PnP lift, IoU 2D by convex hulls. */
import { convexHullIou } from '../geometry/polygon';
import { fitBoxToCorners, fitToBox } from '../geometry/pnp';
import { boxIou3d } from '../geometry/polyhedron';
import type { Box3d, Mat3, Vec2 } from '../geometry/types';

/**
 * IoU 3D (0–1): the 8 predicted corners (image pixels) are lifted to a box of the ground-truth size by
 * PnP (any corner labelling), and the exact volumetric IoU with `gtBox` (camera frame, mm) is returned.
 * 0 when the fit cannot be made or every fit lies behind the camera.
 */
export function poseIou3d(K: Mat3, gtBox: Box3d, pred: readonly Vec2[]): number {
  const fit = fitBoxToCorners(K, gtBox.size, pred);
  return fit ? boxIou3d(fitToBox(fit, gtBox.size), gtBox) : 0;
}

/** IoU 2D (0–1): area IoU of the convex hulls of the two 8-point sets (image pixels); 0 if degenerate. */
export function poseIou2d(gt: readonly Vec2[], pred: readonly Vec2[]): number {
  return convexHullIou(gt, pred);
}

/**
 * 2D helpers in image pixels: the shared convex hull and point-in-polygon test (boundary counts as
 * inside, as METRICS.md's "inside or on the boundary"). A mask's region is in regions.ts.
 */

// The metric's own hull and point-in-polygon test: a generated region and answer must agree with
// exactly the check the trajectory and rearrangement metrics make.
export { convexHull, pointInPolygon } from '../../shared/geometry/polygon';

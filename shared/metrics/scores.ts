/** What a metric reads from a dataset item, and what scoring one answer gives. */
import type { Box3d, Mat3, Vec2 } from '../geometry/types';

/** The item fields metrics read besides its answer: sizes in pixels, box in the camera frame (mm). */
export interface ItemGeometry {
  width: number;
  height: number;
  camera?: { K?: number[][] | Mat3 };
  box3d?: Box3d;
  source_region?: Vec2[];
  target_region?: Vec2[];
  regions?: Vec2[][];
}

/**
 * Scores of one response. Fractions are 0–1 (the table shows percentages), distances in pixels, NCE
 * as is; ∞ is `Infinity`. `iou3d` is null when the item has no camera K or 3D box.
 */
export interface Scores {
  valid: boolean;
  iou3d?: number | null;
  iou2d?: number;
  nce?: number;
  success?: number;
  dist?: number;
  recall?: number;
  precision?: number;
  correct?: number;
}

/**
 * The version of the metric code: stored with every score, so that a database never keeps scores of
 * older code beside newer ones. Raise it with any change that can change a score (a parser reading a
 * form differently, a fix to the lift or the box intersection); stored scores of an older version are
 * then recomputed (`bopask rescore`, and the server at start-up). 1 = before versions were stored;
 * 2 = issue 10 (global pose lift, robust box intersection, labels after points, NFKC).
 */
export const METRIC_VERSION = 2;

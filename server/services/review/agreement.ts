/**
 * How closely one answer agrees with the label, 0 (not at all) to 1 (exactly), from the scores the
 * shared metric gave it. The review queue sorts by it and bulk accept thresholds it; it reads the
 * score fields the metric fills for the task, so it follows the metric rather than the task name.
 */
import type { Scores } from '../../../shared/metrics/scores';

/** NCE (a share of the image diagonal) at which a grasp counts as not agreeing at all. */
const GRASP_NCE_DISAGREE = 0.2;

/** 0–1; an invalid answer agrees 0. Pose: IoU 3D where the item has one, else IoU 2D. */
export function agreementOf(s: Scores): number {
  if (!s.valid) return 0;
  if (s.correct !== undefined) return s.correct;
  if (s.success !== undefined) return s.success;
  if (s.recall !== undefined && s.precision !== undefined) return (s.recall + s.precision) / 2;
  if (s.iou3d !== undefined && s.iou3d !== null) return s.iou3d;
  if (s.iou2d !== undefined) return s.iou2d;
  if (s.nce !== undefined) return Number.isFinite(s.nce) ? Math.max(0, 1 - s.nce / GRASP_NCE_DISAGREE) : 0;
  return 0;
}

export interface Evidence {
  crowdCount: number;
  crowdMeanAgreement: number | null;
  verifyYes: number;
  verifyNo: number;
}

/**
 * The queue's sort key, lowest first: the lower of the crowd's mean agreement and the share of
 * "correct" votes; 2 (after every item with evidence) when nobody has answered or verified it.
 */
export function reviewPriority(e: Evidence): number {
  let p = 2;
  if (e.crowdCount > 0 && e.crowdMeanAgreement !== null) p = Math.min(p, e.crowdMeanAgreement);
  const votes = e.verifyYes + e.verifyNo;
  if (votes > 0) p = Math.min(p, e.verifyYes / votes);
  return p;
}

/** Below this priority the crowd is taken to disagree with the label (the queue's filter). */
export const DISAGREE_BELOW = 0.5;

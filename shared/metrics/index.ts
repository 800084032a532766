/**
 * Scoring one answer against one item, for every task, exactly as METRICS.md defines it. The same
 * function scores crowd responses, model predictions and curator checks, on the server and in the browser.
 */
import { parseAnswer, type Answer, type Task } from '../answers/index';
import type { Box3d, Mat3, Vec2 } from '../geometry/types';
import { binaryCorrect } from './binary';
import { graspNceSingle } from './graspNce';
import { poseIou2d, poseIou3d } from './poseIou';
import { rearrangementMatched } from './rearrangement';
import { trajectoryDistance, trajectorySuccessIn } from './trajectory';

/**
 * The version of the metric code: stored with every score, so that a database never keeps scores of
 * older code beside newer ones. Raise it with any change that can change a score (a parser reading a
 * form differently, a fix to the lift or the box intersection); stored scores of an older version are
 * then recomputed (`bopask rescore`, and the server at start-up). 1 = before versions were stored;
 * 2 = issue 10 (global pose lift, robust box intersection, labels after points, NFKC).
 */
export const METRIC_VERSION = 2;

/** What scoring needs from a dataset item; sizes in pixels, box in the camera frame (mm). */
export interface ScorableItem {
  task: Task;
  width: number;
  height: number;
  gt: Answer;
  alternatives: Answer[];
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

const pointsOf = (a: Answer | null): Vec2[] | null => (a && 'points' in a ? a.points : null);

/**
 * Scores an already-parsed answer (null = invalid, which scores as the worst case of METRICS.md:
 * IoU 0, not successful, recall/precision 0, incorrect, NCE and distance ∞). An answer of another
 * task than the item's is treated as invalid. Never throws.
 */
export function scoreParsed(item: ScorableItem, answer: Answer | null): Scores {
  const a = answer && answer.task === item.task ? answer : null;
  const pts = pointsOf(a);
  const gtPts = pointsOf(item.gt) ?? [];
  const valid = a !== null;
  switch (item.task) {
    case 'pose': {
      const has3d = Boolean(item.camera?.K && item.box3d);
      const iou3d = has3d ? (pts ? poseIou3d(item.camera!.K as Mat3, item.box3d!, pts) : 0) : null;
      return { valid, iou3d, iou2d: pts ? poseIou2d(gtPts, pts) : 0 };
    }
    case 'grasp': {
      if (!pts) return { valid, nce: Infinity };
      // graspNce over [gt, ...alternatives] with 5 points each, without building that list.
      let nce = Infinity;
      const g0 = pointsOf(item.gt);
      if (g0 !== null && g0.length === 5) nce = Math.min(nce, graspNceSingle(pts, g0, item.width, item.height));
      for (const alt of item.alternatives) {
        const g = pointsOf(alt);
        if (g !== null && g.length === 5) nce = Math.min(nce, graspNceSingle(pts, g, item.width, item.height));
      }
      return { valid, nce };
    }
    case 'trajectory':
      if (!pts) return { valid, success: 0, dist: Infinity };
      return {
        valid,
        success: trajectorySuccessIn(pts, gtPts, item.width, item.height, item.source_region, item.target_region),
        dist: trajectoryDistance(pts, gtPts),
      };
    case 'rearrangement': {
      if (!pts) return { valid, recall: 0, precision: 0 };
      // rearrangementScores' two fractions, in its key order, without the intermediate object.
      const matched = rearrangementMatched(pts, gtPts, item.width, item.height, item.regions);
      return { valid, recall: gtPts.length > 0 ? matched / gtPts.length : 0, precision: pts.length > 0 ? matched / pts.length : 0 };
    }
    case 'spatial':
    case 'depth': {
      const gt = 'value' in item.gt ? item.gt.value : false;
      return { valid, correct: binaryCorrect(a && 'value' in a ? a.value : null, gt) };
    }
    default: {
      const never: never = item.task;
      return { valid: false, ...(never as object) };
    }
  }
}

/** Parses `raw` (model text, points, boolean) with `parseAnswer` and scores it. Never throws. */
export function scoreAnswer(item: ScorableItem, raw: unknown): Scores {
  const parsed = parseAnswer(item.task, raw);
  return scoreParsed(item, parsed.ok ? parsed.answer : null);
}

export { TableAggregator, HUMAN_SOURCE, type TableRow, type QuestionMeans } from './aggregate';
export { formatTable, type TableFormat } from './table';

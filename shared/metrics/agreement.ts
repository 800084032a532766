/**
 * Inter-annotator agreement of the human baseline, per task (the table's notes name each measure):
 * Krippendorff's alpha (nominal) for yes/no tasks; for geometric tasks the mean over questions of the
 * mean pairwise score between two contributors' answers, each pair scored in a symmetric form:
 *
 * - pose: IoU 3D of the two answers, each lifted to a box of the ground-truth size (IoU 2D of the hulls
 *   when the item has no camera or box);
 * - trajectory: the resampled-path distance between the two paths (px, lower is closer);
 * - grasp: the mean of the two directed NCEs (NCE normalises by the reference's gripper width);
 * - rearrangement: F1 of the maximum matching between the two marker sets (hit radius r of METRICS.md).
 */
import { ExactSum } from './aggregate';
import type { Answer, Task } from '../tasks';
import { fitBoxToCorners, fitToBox } from '../geometry/pnp';
import { convexHullIou } from '../geometry/polygon';
import { boxIou3d } from '../geometry/polyhedron';
import type { Mat3, Vec2 } from '../geometry/types';
import { AGREEMENT_MEASURES } from './agreementMeasures';
import { graspNceSingle } from './graspNce';
import type { ScorableItem } from '../tasks';
import { rearrangementMatched } from './rearrangement';
import { trajectoryDistance } from './trajectory';

export { AGREEMENT_MEASURES };

const pts = (a: Answer): Vec2[] => ('points' in a ? a.points : []);

/**
 * Symmetric agreement score of two answers to `item` (geometric tasks; for yes/no, 1 when equal else 0):
 * pose 0–1, trajectory px, grasp NCE, rearrangement F1 0–1. A pose answer that cannot be lifted scores 0
 * against anything; a degenerate trajectory gives Infinity.
 */
export function pairAgreement(item: ScorableItem, a: Answer, b: Answer): number {
  switch (item.task) {
    case 'pose': {
      const K = item.camera?.K as Mat3 | undefined;
      if (!K || !item.box3d) return convexHullIou(pts(a), pts(b));
      const size = item.box3d.size;
      const fa = fitBoxToCorners(K, size, pts(a));
      const fb = fitBoxToCorners(K, size, pts(b));
      return fa && fb ? boxIou3d(fitToBox(fa, size), fitToBox(fb, size)) : 0;
    }
    case 'trajectory':
      return trajectoryDistance(pts(a), pts(b));
    case 'grasp': {
      const ab = graspNceSingle(pts(a), pts(b), item.width, item.height);
      const ba = graspNceSingle(pts(b), pts(a), item.width, item.height);
      return (ab + ba) / 2;
    }
    case 'rearrangement': {
      const pa = pts(a), pb = pts(b);
      if (pa.length + pb.length === 0) return 1;
      return (2 * rearrangementMatched(pa, pb, item.width, item.height)) / (pa.length + pb.length);
    }
    case 'spatial':
    case 'depth':
      return 'value' in a && 'value' in b && a.value === b.value ? 1 : 0;
    default: {
      const never: never = item.task;
      return never;
    }
  }
}

/** Mean of `pairAgreement` over every pair of `answers` (one per contributor); null with fewer than two. */
export function meanPairwise(item: ScorableItem, answers: readonly Answer[]): number | null {
  // In a canonical order and summed exactly, so the result does not depend on the order the answers
  // arrived in (the database and `bopask score` read them in different orders).
  const sorted = answers.map((a) => ({ a, key: JSON.stringify(a) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).map((x) => x.a);
  const sum = new ExactSum();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      sum.add(pairAgreement(item, sorted[i], sorted[j]));
      n++;
    }
  }
  return n > 0 ? sum.value() / n : null;
}

/**
 * Krippendorff's alpha for nominal data with no missing values inside a unit: `units` holds each
 * question's ratings (one per contributor). Units with fewer than two ratings are not pairable and are
 * left out. alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k, with o the coincidence matrix.
 * Null when no unit is pairable or every rating is the same value (expected disagreement 0).
 */
export function krippendorffAlphaNominal(units: readonly (readonly (string | boolean)[])[]): number | null {
  const coincidence = new Map<string, number>(); // "c\u0000k" → o_ck
  const marginal = new Map<string, number>();
  let n = 0;
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    const counts = new Map<string, number>();
    for (const v of unit) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const key = `${c}\u0000${k}`;
        coincidence.set(key, (coincidence.get(key) ?? 0) + pairs / (m - 1));
      }
      marginal.set(c, (marginal.get(c) ?? 0) + nc);
    }
    n += m;
  }
  if (n === 0) return null;
  let observed = 0;
  for (const [key, o] of coincidence) {
    const [c, k] = key.split('\u0000');
    if (c !== k) observed += o;
  }
  let expected = 0;
  for (const [c, nc] of marginal) for (const [k, nk] of marginal) if (c !== k) expected += nc * nk;
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** One task's agreement: the figure, and the questions (with two or more contributors) it rests on. */
export interface TaskAgreement {
  value: number | null;
  questions: number;
}

/**
 * Accumulates per-question answer sets (one answer per contributor) into each task's agreement.
 * Geometric tasks keep a sum of per-question means; yes/no tasks keep the units for alpha.
 */
export class AgreementAccumulator {
  private readonly sums = new Map<Task, { sum: ExactSum; n: number }>();
  private readonly units = new Map<Task, boolean[][]>();

  addQuestion(item: ScorableItem, answers: readonly Answer[]): void {
    if (answers.length < 2) return;
    if (item.task === 'spatial' || item.task === 'depth') {
      const list = this.units.get(item.task) ?? [];
      list.push(answers.map((a) => ('value' in a ? a.value : false)));
      this.units.set(item.task, list);
      return;
    }
    const m = meanPairwise(item, answers)!;
    const acc = this.sums.get(item.task) ?? { sum: new ExactSum(), n: 0 };
    acc.sum.add(m * AGREEMENT_MEASURES[item.task].scale);
    acc.n++;
    this.sums.set(item.task, acc);
  }

  result(task: Task): TaskAgreement {
    if (task === 'spatial' || task === 'depth') {
      const units = this.units.get(task) ?? [];
      return { value: krippendorffAlphaNominal(units), questions: units.length };
    }
    const acc = this.sums.get(task);
    return acc ? { value: acc.sum.value() / acc.n, questions: acc.n } : { value: null, questions: 0 };
  }
}

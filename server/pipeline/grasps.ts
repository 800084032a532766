/**
 * Parallel-jaw grasps from an object's box, in the world frame (mm): across a narrow side, from above
 * (down the box's most vertical axis) or from the side. A grasp is rejected when a finger or the palm hits
 * the table, and blocked when it hits a neighbour's box; the blockers feed the rearrangement task.
 */
import type { Vec3 } from '../../shared/geometry/types';
import { type Obb, obbMinZ, obbOverlap } from './obb';
import { addScaled, cross, lerp, normalize, scale } from '../../shared/geometry/vec';

/** A wide two-finger gripper, about a Robotiq 2F-140 (opens to 120 mm here). */
export const GRIPPER = {
  maxOpeningMm: 120, fingerLengthMm: 45, fingerThicknessMm: 10, fingerWidthMm: 20, clearanceMm: 5,
  /** The hand body behind the finger bases (about 170 × 50 mm across). */
  palmDepthMm: 60, palmHalfLengthMm: 85, palmHalfThicknessMm: 25,
};
/** Neighbours closer than this to a finger count as collisions. */
const CONTACT_MARGIN_MM = 2;

export interface Grasp3d {
  kind: 'top' | 'side';
  /** Unit vector from the finger bases toward the tips (into the object). */
  approach: Vec3;
  /** Unit vector along which the fingers close. */
  closing: Vec3;
  /** Object width between the fingers, mm. */
  widthMm: number;
  center: Vec3;
  baseA: Vec3;
  baseB: Vec3;
  tipA: Vec3;
  tipB: Vec3;
}

export interface GraspCheck {
  grasp: Grasp3d;
  isTableHit: boolean;
  /** Indices (into the scene's object list) of the neighbours the gripper would hit. */
  blockers: number[];
}

function makeGrasp(kind: Grasp3d['kind'], tipPoint: Vec3, approach: Vec3, closing: Vec3, widthMm: number): Grasp3d {
  const off = widthMm / 2 + GRIPPER.clearanceMm;
  const tipA = addScaled(tipPoint, closing, off);
  const tipB = addScaled(tipPoint, closing, -off);
  const baseA = addScaled(tipA, approach, -GRIPPER.fingerLengthMm);
  const baseB = addScaled(tipB, approach, -GRIPPER.fingerLengthMm);
  return { kind, approach, closing, widthMm, center: lerp(baseA, baseB, 0.5), baseA, baseB, tipA, tipB };
}

const fits = (widthMm: number): boolean => widthMm + 2 * GRIPPER.clearanceMm <= GRIPPER.maxOpeningMm;
const depthInto = (halfMm: number): number => Math.min(0.7 * GRIPPER.fingerLengthMm, halfMm);

/** Candidate grasps for one box, best first: top grasps (narrow sides first), then side grasps. */
export function graspCandidates(b: Obb): Grasp3d[] {
  const ups = b.axes.map((a) => Math.abs(a[2]));
  const v = ups.indexOf(Math.max(...ups));
  const hs = [0, 1, 2].filter((i) => i !== v);
  const upAxis = scale(b.axes[v], Math.sign(b.axes[v][2]) || 1);
  const top: Grasp3d[] = [];
  const side: Grasp3d[] = [];
  for (const c of [...hs].sort((i, j) => b.half[i] - b.half[j])) {
    if (!fits(2 * b.half[c])) continue;
    const along = hs.find((i) => i !== c)!;
    const offsets = b.half[along] > 70 ? [0, b.half[along] - 35, -(b.half[along] - 35)] : [0];
    for (const o of offsets) {
      const topCenter = addScaled(addScaled(b.center, upAxis, b.half[v]), b.axes[along], o);
      top.push(makeGrasp('top', addScaled(topCenter, upAxis, -depthInto(b.half[v])), scale(upAxis, -1), b.axes[c], 2 * b.half[c]));
    }
  }
  for (const a of hs) {
    for (const s of [1, -1]) {
      const approach = scale(b.axes[a], s);
      const face = addScaled(b.center, approach, -b.half[a]);
      const tipPoint = addScaled(face, approach, depthInto(b.half[a]));
      for (const c of [hs.find((i) => i !== a)!, v]) {
        if (fits(2 * b.half[c])) side.push(makeGrasp('side', tipPoint, approach, b.axes[c], 2 * b.half[c]));
      }
    }
  }
  return [...top, ...side];
}

/** The gripper's two fingers and palm as boxes. */
export function gripperBoxes(g: Grasp3d): Obb[] {
  const third = normalize(cross(g.approach, g.closing));
  const axes: [Vec3, Vec3, Vec3] = [g.approach, g.closing, third];
  const finger = (base: Vec3, tip: Vec3, outward: number): Obb => ({
    center: addScaled(lerp(base, tip, 0.5), g.closing, outward * GRIPPER.fingerThicknessMm / 2),
    axes,
    half: [GRIPPER.fingerLengthMm / 2, GRIPPER.fingerThicknessMm / 2, GRIPPER.fingerWidthMm / 2],
  });
  return [
    finger(g.baseA, g.tipA, 1),
    finger(g.baseB, g.tipB, -1),
    { center: addScaled(g.center, g.approach, -GRIPPER.palmDepthMm / 2), axes, half: [GRIPPER.palmDepthMm / 2, GRIPPER.palmHalfLengthMm, GRIPPER.palmHalfThicknessMm] },
  ];
}

/** Checks one grasp of object `self` against the table (z = 0) and every other object. */
export function checkGrasp(g: Grasp3d, objects: Obb[], self: number): GraspCheck {
  const parts = gripperBoxes(g);
  const isTableHit = parts.some((p) => obbMinZ(p) < 1);
  const blockers: number[] = [];
  objects.forEach((o, i) => {
    if (i !== self && parts.some((p) => obbOverlap(p, o, -CONTACT_MARGIN_MM))) blockers.push(i);
  });
  return { grasp: g, isTableHit, blockers };
}

/** All candidates of object `self`, checked. */
export function checkedGrasps(objects: Obb[], self: number): GraspCheck[] {
  return graspCandidates(objects[self]).map((g) => checkGrasp(g, objects, self));
}

/** Free grasps (no table, no neighbour), best first, at most `max`. */
export function freeGrasps(checks: GraspCheck[], max = 5): Grasp3d[] {
  return checks.filter((c) => !c.isTableHit && c.blockers.length === 0).slice(0, max).map((c) => c.grasp);
}

/**
 * Rearrangement: when every table-free grasp is blocked ("fully cluttered"), the smallest set of
 * neighbours whose removal frees one grasp; undefined when a grasp is already free or none exists.
 */
export function blockersToMove(checks: GraspCheck[]): number[] | undefined {
  const reachable = checks.filter((c) => !c.isTableHit);
  if (reachable.length === 0 || reachable.some((c) => c.blockers.length === 0)) return undefined;
  return [...reachable].sort((a, b) => a.blockers.length - b.blockers.length)[0].blockers;
}


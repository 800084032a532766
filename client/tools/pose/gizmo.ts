/**
 * The 3D box gizmo's handles: where each one is (world mm → image px) and how dragging it to an image
 * point changes the table pose. Moving and turning are exact (ray ∩ table); sizes and tilt solve a 1-D
 * least-squares problem (Gauss–Newton on the handle's reprojection) so every handle follows the cursor
 * whatever the perspective.
 */
import { boxCorners, projectBox } from '../../../shared/geometry/box3d';
import { boxOnTable, type TablePose, type WorldToCamera } from '../../../shared/geometry/camera';
import { cameraCenterWorld, projectWorldPoint, rayTableIntersection, tablePoseCenterWorld, tablePoseLocalToWorld, tablePoseRotation } from '../../../shared/geometry/camera';
import type { Mat3, Vec2, Vec3 } from '../../../shared/geometry/types';

export type GizmoHandle = 'move' | 'yaw' | 'sx' | 'sy' | 'sz' | 'tilt';
export const GIZMO_HANDLES: readonly GizmoHandle[] = ['move', 'yaw', 'sx', 'sy', 'sz', 'tilt'];

export interface Cam {
  K: Mat3;
  w2c: WorldToCamera;
}

/** Smallest edge we allow, mm: a box must stay a box. */
export const MIN_SIZE_MM = 5;

function margin(p: TablePose): number {
  return 0.35 * Math.max(p.size[0], p.size[1]);
}

/**
 * +1 or −1: which of the two faces across the box's local `axis` faces the camera. Size handles sit on
 * that face so none hides behind the box (or behind another handle) whatever the yaw.
 */
export function facingSign(cam: Cam, p: TablePose, axis: 0 | 1 | 2): 1 | -1 {
  const Rw = tablePoseRotation(p.yawRad, p.tiltRad);
  const c = tablePoseCenterWorld(p);
  const eye = cameraCenterWorld(cam.w2c);
  const d = (eye[0] - c[0]) * Rw[0][axis] + (eye[1] - c[1]) * Rw[1][axis] + (eye[2] - c[2]) * Rw[2][axis];
  return d >= 0 ? 1 : -1;
}

/** World position (mm) of a handle for a pose. */
export function handleWorld(cam: Cam, p: TablePose, h: GizmoHandle): Vec3 {
  const [sx, sy, sz] = p.size;
  switch (h) {
    case 'move':
      return [p.x, p.y, 0];
    case 'yaw': {
      // On the table beyond the x face away from the width handle, so the two never overlap.
      const r = -facingSign(cam, p, 0) * (sx / 2 + margin(p));
      return [p.x + Math.cos(p.yawRad) * r, p.y + Math.sin(p.yawRad) * r, 0];
    }
    // Width and depth handles sit on the bottom edges, not the face centres: seen from above, a face
    // centre projects almost onto the footprint centre and would steal the box's move drag.
    case 'sx':
      return tablePoseLocalToWorld(p, [(facingSign(cam, p, 0) * sx) / 2, 0, -sz / 2]);
    case 'sy':
      return tablePoseLocalToWorld(p, [0, (facingSign(cam, p, 1) * sy) / 2, -sz / 2]);
    case 'sz':
      return tablePoseLocalToWorld(p, [0, 0, (facingSign(cam, p, 2) * sz) / 2]);
    case 'tilt':
      return tablePoseLocalToWorld(p, [0, (facingSign(cam, p, 1) * sy) / 2, (facingSign(cam, p, 2) * sz) / 2]);
  }
}

export function handleImage(cam: Cam, p: TablePose, h: GizmoHandle): Vec2 | null {
  return projectWorldPoint(cam.K, cam.w2c, handleWorld(cam, p, h));
}

/**
 * Pose with one scalar parameter changed; size changes keep the opposite face (across `sign`, the
 * face the handle sits on) where it was.
 */
export function withParam(p0: TablePose, h: 'sx' | 'sy' | 'sz' | 'tilt', v: number, sign: 1 | -1): TablePose {
  if (h === 'tilt') return { ...p0, tiltRad: v };
  const axis = h === 'sx' ? 0 : h === 'sy' ? 1 : 2;
  const size: Vec3 = [p0.size[0], p0.size[1], p0.size[2]];
  const delta = v - size[axis];
  size[axis] = v;
  const Rw = tablePoseRotation(p0.yawRad, p0.tiltRad);
  // Shift the footprint by the horizontal part of half the growth; the rest constraint fixes the height.
  return { ...p0, size, x: p0.x + (sign * Rw[0][axis] * delta) / 2, y: p0.y + (sign * Rw[1][axis] * delta) / 2 };
}

function paramOf(p: TablePose, h: 'sx' | 'sy' | 'sz' | 'tilt'): number {
  return h === 'tilt' ? p.tiltRad : p.size[h === 'sx' ? 0 : h === 'sy' ? 1 : 2];
}

function residual(cam: Cam, p: TablePose, h: GizmoHandle, target: Vec2): Vec2 | null {
  const q = handleImage(cam, p, h);
  return q ? [q[0] - target[0], q[1] - target[1]] : null;
}

/** 1-D Gauss–Newton: the parameter value whose handle lands nearest to `target` (image px). */
function solveParam(cam: Cam, p0: TablePose, h: 'sx' | 'sy' | 'sz' | 'tilt', target: Vec2): TablePose {
  const isTilt = h === 'tilt';
  const lo = isTilt ? -Math.PI / 2 : MIN_SIZE_MM;
  const hi = isTilt ? Math.PI / 2 : 5000;
  // The handle's face is fixed for the whole solve, so the opposite face stays put.
  const sign = isTilt ? 1 : facingSign(cam, p0, h === 'sx' ? 0 : h === 'sy' ? 1 : 2);
  let v = paramOf(p0, h);
  for (let it = 0; it < 12; it++) {
    const eps = isTilt ? 1e-4 : Math.max(1e-3, v * 1e-4);
    const r = residual(cam, withParam(p0, h, v, sign), h, target);
    const rp = residual(cam, withParam(p0, h, v + eps, sign), h, target);
    const rm = residual(cam, withParam(p0, h, v - eps, sign), h, target);
    if (!r || !rp || !rm) break;
    const J: Vec2 = [(rp[0] - rm[0]) / (2 * eps), (rp[1] - rm[1]) / (2 * eps)];
    const jj = J[0] * J[0] + J[1] * J[1];
    if (jj < 1e-12) break;
    let step = -(J[0] * r[0] + J[1] * r[1]) / jj;
    // Damp big jumps (near-degenerate views) so the box never flips in one move.
    const maxStep = isTilt ? 0.3 : Math.max(20, v * 0.5);
    step = Math.max(-maxStep, Math.min(maxStep, step));
    v = Math.max(lo, Math.min(hi, v + step));
    if (Math.abs(step) < (isTilt ? 1e-6 : 1e-3)) break;
  }
  return withParam(p0, h, v, sign);
}

export interface GizmoDrag {
  handle: GizmoHandle;
  /** For 'move': footprint minus the table point grabbed (mm), so the box does not jump to the cursor. */
  grabOffset: Vec2;
  /** For 'yaw': yaw minus the pointer's bearing around the footprint at the press. */
  yawOffset: number;
  /**
   * For sizes and tilt: the handle's image point minus the press (px). The handle keeps it, so a press
   * beside the dot does not make the box jump to the pointer.
   */
  handleOffset?: Vec2;
}

export function startDrag(cam: Cam, p: TablePose, h: GizmoHandle, at: Vec2): GizmoDrag {
  const hit = rayTableIntersection(cam.K, cam.w2c, at);
  const grabOffset: Vec2 = hit ? [p.x - hit[0], p.y - hit[1]] : [0, 0];
  const yawOffset = hit ? p.yawRad - Math.atan2(hit[1] - p.y, hit[0] - p.x) : 0;
  const q = h === 'move' || h === 'yaw' ? null : handleImage(cam, p, h);
  return { handle: h, grabOffset, yawOffset, ...(q ? { handleOffset: [q[0] - at[0], q[1] - at[1]] as Vec2 } : {}) };
}

/**
 * Edge lengths a size drag snaps to (the object's real ones, mm) when its handle comes within `px`
 * image px of where that length would put it. IoU 3D lifts every answer to the real size, so a box
 * 1 mm off that size is placed nearer or further to match its picture, and scores about a tenth less
 * (issue 11's proof, a 60 mm bottle): a pointer cannot hit the exact length, the snap can.
 */
export interface SizeSnap {
  sizesMm: readonly number[];
  px: number;
}

/** The pose after dragging handle `g.handle` to image point `at`; unchanged when `at` is above the horizon. */
export function dragTo(cam: Cam, p: TablePose, g: GizmoDrag, at: Vec2, snap?: SizeSnap): TablePose {
  if (g.handle === 'move' || g.handle === 'yaw') {
    const hit = rayTableIntersection(cam.K, cam.w2c, at);
    if (!hit) return p;
    if (g.handle === 'move') return { ...p, x: hit[0] + g.grabOffset[0], y: hit[1] + g.grabOffset[1] };
    return { ...p, yawRad: Math.atan2(hit[1] - p.y, hit[0] - p.x) + g.yawOffset };
  }
  const off = g.handleOffset ?? [0, 0];
  const solved = solveParam(cam, p, g.handle, [at[0] + off[0], at[1] + off[1]]);
  return g.handle === 'tilt' || !snap ? solved : snapSize(cam, p, solved, g.handle, snap);
}

/** `solved` (a size drag from `p0`), or the same drag ending at a snap length whose handle is near it. */
function snapSize(cam: Cam, p0: TablePose, solved: TablePose, h: 'sx' | 'sy' | 'sz', snap: SizeSnap): TablePose {
  // The face the solve kept: the one facing the camera at the start of this step.
  const sign = facingSign(cam, p0, h === 'sx' ? 0 : h === 'sy' ? 1 : 2);
  const at = handleImage(cam, solved, h);
  if (!at) return solved;
  let best = solved;
  let bestD = snap.px;
  for (const v of snap.sizesMm) {
    const c = withParam(p0, h, v, sign);
    const q = handleImage(cam, c, h);
    const d = q ? Math.hypot(q[0] - at[0], q[1] - at[1]) : Infinity;
    if (d <= bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * A new box at the table point seen at `at`, facing the camera: at the object's own size (mm) when it
 * is known, else a cube about `targetPx` image pixels wide.
 */
export function placeBox(cam: Cam, at: Vec2, targetPx: number, sizeMm?: Vec3): TablePose | null {
  const hit = rayTableIntersection(cam.K, cam.w2c, at);
  if (!hit) return null;
  const R = cam.w2c.R;
  const depth = R[2][0] * hit[0] + R[2][1] * hit[1] + R[2][2] * hit[2] + cam.w2c.t[2];
  const s = Math.max(MIN_SIZE_MM * 2, Math.round((targetPx * depth) / cam.K[0][0]));
  const size: Vec3 = sizeMm && sizeMm.every((v) => v >= MIN_SIZE_MM) ? [sizeMm[0], sizeMm[1], sizeMm[2]] : [s, s, s];
  // Camera x axis in the world is row 0 of R; aligning the box's x with it shows its front face square-on.
  const yawRad = Math.atan2(R[0][1], R[0][0]);
  return { x: hit[0], y: hit[1], yawRad, tiltRad: 0, size };
}

/**
 * The same box resting on its next face: the edge lengths turn round (x, y, z) → (z, x, y), so each
 * press stands a different edge upright — a can on its side, a box on its end — with the footprint
 * centre and the turn kept. Sizes, not the tilt, change: the answer's corner labels do not matter to
 * the metric (METRICS.md: the fit tries every relabeling).
 */
export function nextRestingFace(p: TablePose): TablePose {
  return { ...p, size: [p.size[2], p.size[0], p.size[1]] };
}

/**
 * The box's footprint on the table (world z = 0): the outline of its 8 corners dropped straight down,
 * in image px — for an upright box its bottom face; for a tilted one the shadow it casts at noon.
 */
export function footprintImage(cam: Cam, p: TablePose): Vec2[] | null {
  const pts: Vec2[] = [];
  for (const sx of [-1, 1]) for (const sy of [-1, 1]) for (const sz of [-1, 1]) {
    const w = tablePoseLocalToWorld(p, [(sx * p.size[0]) / 2, (sy * p.size[1]) / 2, (sz * p.size[2]) / 2]);
    const q = projectWorldPoint(cam.K, cam.w2c, [w[0], w[1], 0]);
    if (!q) return null;
    pts.push(q);
  }
  return pts;
}

/** Camera-frame corners in front of the camera, projected; null if any corner is behind it. */
export function gizmoCorners(cam: Cam, pose: TablePose): Vec2[] | null {
  const box = boxOnTable(pose, cam.w2c);
  if (boxCorners(box).some((c) => !(c[2] > 1))) return null;
  return projectBox(cam.K, box);
}

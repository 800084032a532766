/**
 * Practice feedback for the pose task in words a person acts on: which way the drawn box is off from the
 * object — too tall, too big a footprint, too far from the camera or to one side, turned by about N° —
 * comparing the box the answer was drawn as (resting on the table, see `fitTablePose`) with the
 * ground-truth box. Text only; the score itself comes from `shared/metrics`.
 */
import { cameraCenterWorld, tablePoseRotation, tablePoseCenterWorld, type WorldToCamera } from '../geometry/camera';
import { fitTablePose } from '../geometry/tableFit';
import type { Box3d, Mat3, Vec2, Vec3 } from '../geometry/types';

/** A box in the world (table) frame: centre (mm), axes as unit columns, edge lengths (mm). */
interface WorldBox {
  center: Vec3;
  axes: Vec3[];
  size: Vec3;
}

/** What a person sees of a box standing on a table: its height, footprint, where it stands and its turn. */
interface Stance {
  heightMm: number;
  /** Footprint edge lengths, longer first (mm). */
  foot: [number, number];
  /** Direction of the longer footprint edge on the table (radians, world frame). */
  yawRad: number;
  /** Whether the footprint is near square, so a quarter turn looks the same. */
  isSquare: boolean;
  /** How far the box leans away from resting on a face (radians, 0 = flat on the table). */
  leanRad: number;
  center: Vec3;
}

function worldBoxFromCamera(box: Box3d, w2c: WorldToCamera): WorldBox {
  const R = w2c.R;
  // world = Rᵀ (camera − t)
  const d: Vec3 = [box.center[0] - w2c.t[0], box.center[1] - w2c.t[1], box.center[2] - w2c.t[2]];
  const toWorld = (v: Vec3): Vec3 => [
    R[0][0] * v[0] + R[1][0] * v[1] + R[2][0] * v[2],
    R[0][1] * v[0] + R[1][1] * v[1] + R[2][1] * v[2],
    R[0][2] * v[0] + R[1][2] * v[1] + R[2][2] * v[2],
  ];
  const col = (i: number): Vec3 => [box.rotation[0][i], box.rotation[1][i], box.rotation[2][i]];
  return { center: toWorld(d), axes: [0, 1, 2].map((i) => toWorld(col(i))), size: [box.size[0], box.size[1], box.size[2]] };
}

function stanceOf(b: WorldBox): Stance {
  const up = [0, 1, 2].reduce((best, i) => (Math.abs(b.axes[i][2]) > Math.abs(b.axes[best][2]) ? i : best), 0);
  const heightMm = b.axes.reduce((s, a, i) => s + Math.abs(a[2]) * b.size[i], 0);
  const flat = [0, 1, 2].filter((i) => i !== up).map((i) => ({ len: b.size[i], dir: b.axes[i] }));
  flat.sort((p, q) => q.len - p.len);
  const [long, short] = flat;
  return {
    heightMm,
    foot: [long.len, short.len],
    yawRad: Math.atan2(long.dir[1], long.dir[0]),
    isSquare: long.len < 1.15 * short.len,
    leanRad: Math.acos(Math.min(1, Math.abs(b.axes[up][2]))),
    center: b.center,
  };
}

const cm = (mm: number) => (mm < 95 ? (mm / 10).toFixed(1) : (mm / 10).toFixed(0));

/** Wraps an angle difference into (−period/2, period/2]. */
function wrap(a: number, period: number): number {
  let x = a % period;
  if (x > period / 2) x -= period;
  if (x <= -period / 2) x += period;
  return x;
}

/**
 * Sentences telling what is off in a pose answer (8 image points, METRICS.md order) against the
 * ground-truth box (camera frame, mm), for a camera with intrinsics `K` and table frame `w2c`. Empty
 * when the answer cannot be read as a box on the table (then only the scores are shown).
 */
export function poseAdvice(K: Mat3, w2c: WorldToCamera, points: readonly Vec2[], truth: Box3d): string[] {
  const fit = fitTablePose(K, w2c, points);
  if (!fit || fit.rmsPx > 25) return [];
  const p = fit.pose;
  const Rw = tablePoseRotation(p.yawRad, p.tiltRad);
  const yours = stanceOf({ center: tablePoseCenterWorld(p), axes: [0, 1, 2].map((i) => [Rw[0][i], Rw[1][i], Rw[2][i]] as Vec3), size: p.size });
  const gt = stanceOf(worldBoxFromCamera(truth, w2c));
  const out: string[] = [];

  const hRatio = yours.heightMm / gt.heightMm;
  if (hRatio > 1.15 || hRatio < 0.87) {
    out.push(`Your box is too ${hRatio > 1 ? 'tall' : 'short'}: about ${cm(yours.heightMm)} cm high, the object about ${cm(gt.heightMm)} cm.`);
  }
  const area = (yours.foot[0] * yours.foot[1]) / (gt.foot[0] * gt.foot[1]);
  const shape = yours.foot[0] / yours.foot[1] / (gt.foot[0] / gt.foot[1]);
  if (area > 1.3 || area < 0.77 || shape > 1.3 || shape < 0.77) {
    const word = area > 1.3 ? 'too big' : area < 0.77 ? 'too small' : 'the wrong shape';
    out.push(`Its footprint on the table is ${word}: about ${cm(yours.foot[0])} × ${cm(yours.foot[1])} cm, the object's ${cm(gt.foot[0])} × ${cm(gt.foot[1])} cm.`);
  }

  const eye = cameraCenterWorld(w2c);
  const toObj: Vec2 = [gt.center[0] - eye[0], gt.center[1] - eye[1]];
  const n = Math.hypot(toObj[0], toObj[1]) || 1;
  const fwd: Vec2 = [toObj[0] / n, toObj[1] / n];
  // The camera's x axis (row 0 of R), flattened onto the table: "right" as the picture shows it.
  const rx = Math.hypot(w2c.R[0][0], w2c.R[0][1]) || 1;
  const right: Vec2 = [w2c.R[0][0] / rx, w2c.R[0][1] / rx];
  const d: Vec2 = [yours.center[0] - gt.center[0], yours.center[1] - gt.center[1]];
  const along = d[0] * fwd[0] + d[1] * fwd[1];
  const side = d[0] * right[0] + d[1] * right[1];
  const tolMm = Math.max(10, 0.15 * gt.foot[0]);
  if (Math.abs(along) > tolMm) {
    out.push(along > 0
      ? `It stands too far from the camera, by about ${cm(along)} cm: drag it towards you (down the picture).`
      : `It stands too close to the camera, by about ${cm(-along)} cm: drag it away from you (up the picture).`);
  }
  if (Math.abs(side) > tolMm) out.push(`It stands about ${cm(Math.abs(side))} cm too far ${side > 0 ? 'right' : 'left'}.`);

  if (gt.leanRad < Math.PI / 9 && yours.leanRad < Math.PI / 9) {
    const period = gt.isSquare && yours.isSquare ? Math.PI / 2 : Math.PI;
    const turn = wrap(yours.yawRad - gt.yawRad, period);
    const deg = Math.round((Math.abs(turn) * 180) / Math.PI / 5) * 5;
    if (deg >= 10) {
      // Positive yaw turns anticlockwise seen from above (world z up): undo it clockwise, with [.
      out.push(`It is turned by about ${deg}° from the object: turn it ${turn > 0 ? 'clockwise (seen from above) with [' : 'anticlockwise (seen from above) with ]'} or by dragging the ◆.`);
    }
  }
  const leanDeg = Math.round(((yours.leanRad - gt.leanRad) * 180) / Math.PI / 5) * 5;
  if (Math.abs(leanDeg) >= 15) {
    out.push(leanDeg > 0 ? `It leans about ${leanDeg}° more than the object: drag the ▲ back.` : `The object leans about ${-leanDeg}° more than your box: tilt it with the ▲.`);
  }
  if (out.length === 0) out.push('Size, place and turn all match the object closely.');
  return out;
}

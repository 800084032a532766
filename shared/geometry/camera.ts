import { projectPoint } from './box3d';
import { cameraMm, worldMm, type Box3d, type CameraMm, type Mat3, type Vec2, type Vec3, type WorldMm } from './types';
import { matMul, matVec, transpose } from './vec';

/**
 * Camera maths for placing a box on the table (issue 6, pose gizmo). Frames: camera = OpenCV/BOP
 * (x right, y down, z forward, mm); world = the dataset's `camera.world_to_camera` frame (z up, table
 * at z = 0, mm). Pure functions, no DOM.
 */

/** `X_cam = R · X_world + t` (mm), as in FORMAT.md's `camera.world_to_camera`. */
export interface WorldToCamera {
  R: Mat3;
  t: Vec3;
}

/** A box resting on the table: its footprint centre (world mm), turn about the vertical, tilt and size. */
export interface TablePose {
  /** Footprint centre on the table, world frame, mm. */
  x: number;
  y: number;
  /** Rotation about the world vertical (radians). */
  yawRad: number;
  /** Rotation about the box's own x axis before the yaw (radians); π/2 lays the box on a side. */
  tiltRad: number;
  /** Edge lengths along the box's own x, y, z axes, mm. */
  size: Vec3;
}

/**
 * Direction (camera frame, not normalised, z = 1) of the ray through image pixel `p` under intrinsics
 * `K` (upper-triangular, as every pinhole K is). Degenerate K (zero focal length) gives non-finite values.
 */
export function pixelRay(K: Mat3, p: Vec2): Vec3 {
  const fx = K[0][0], s = K[0][1], cx = K[0][2], fy = K[1][1], cy = K[1][2];
  const y = (p[1] - cy) / fy;
  const x = (p[0] - cx - s * y) / fx;
  return [x, y, 1];
}

/** Maps a world point (mm) into the camera frame (mm). */
export function worldToCameraPoint(w2c: WorldToCamera, p: Vec3): CameraMm {
  const q = matVec(w2c.R, p);
  return cameraMm(q[0] + w2c.t[0], q[1] + w2c.t[1], q[2] + w2c.t[2]);
}

/** Camera centre in the world frame (mm): `−Rᵀ t`. */
export function cameraCenterWorld(w2c: WorldToCamera): WorldMm {
  const c = matVec(transpose(w2c.R), w2c.t);
  return worldMm(-c[0], -c[1], -c[2]);
}

/**
 * Where the viewing ray through pixel `p` meets the table plane (world z = 0), in world mm. Returns
 * null when the ray is parallel to the table or meets it behind the camera (pixel above the horizon).
 */
export function rayTableIntersection(K: Mat3, w2c: WorldToCamera, p: Vec2): WorldMm | null {
  const Rt = transpose(w2c.R);
  const d = matVec(Rt, pixelRay(K, p));
  const c = cameraCenterWorld(w2c);
  if (Math.abs(d[2]) < 1e-12) return null;
  const s = -c[2] / d[2];
  if (!(s > 0) || !Number.isFinite(s)) return null;
  return worldMm(c[0] + s * d[0], c[1] + s * d[1], 0);
}

/** World rotation of a table pose: Rz(yaw) · Rx(tilt); columns are the box axes in the world frame. */
export function tablePoseRotation(yawRad: number, tiltRad: number): Vec3[] {
  const cy = Math.cos(yawRad), sy = Math.sin(yawRad), ct = Math.cos(tiltRad), st = Math.sin(tiltRad);
  const Rz: Vec3[] = [[cy, -sy, 0], [sy, cy, 0], [0, 0, 1]];
  const Rx: Vec3[] = [[1, 0, 0], [0, ct, -st], [0, st, ct]];
  return matMul(Rz, Rx);
}

/**
 * The box's centre in the world frame (mm). Its height above the table is half its vertical extent, so
 * the lowest corner touches z = 0 whatever the yaw and tilt: the box always rests on the table.
 */
export function tablePoseCenterWorld(pose: TablePose): Vec3 {
  const Rw = tablePoseRotation(pose.yawRad, pose.tiltRad);
  const hz = (Math.abs(Rw[2][0]) * pose.size[0] + Math.abs(Rw[2][1]) * pose.size[1] + Math.abs(Rw[2][2]) * pose.size[2]) / 2;
  return [pose.x, pose.y, hz];
}

/** A world point given in the box's own frame (mm from its centre) for a table pose. */
export function tablePoseLocalToWorld(pose: TablePose, local: Vec3): Vec3 {
  const Rw = tablePoseRotation(pose.yawRad, pose.tiltRad);
  const c = tablePoseCenterWorld(pose);
  const v = matVec(Rw, local);
  return [c[0] + v[0], c[1] + v[1], c[2] + v[2]];
}

/**
 * The camera-frame `Box3d` (mm) of a box resting on the table in `pose`. Always a physically possible
 * box (positive sizes are the caller's job: non-positive sizes give a flat or mirrored box).
 */
export function boxOnTable(pose: TablePose, w2c: WorldToCamera): Box3d {
  const Rw = tablePoseRotation(pose.yawRad, pose.tiltRad);
  return {
    center: worldToCameraPoint(w2c, tablePoseCenterWorld(pose)),
    size: [pose.size[0], pose.size[1], pose.size[2]],
    rotation: matMul(w2c.R, Rw),
  };
}

/** Projects a world point (mm) to image pixels; null when it is not in front of the camera (z ≤ 1 mm). */
export function projectWorldPoint(K: Mat3, w2c: WorldToCamera, p: Vec3): Vec2 | null {
  const c = worldToCameraPoint(w2c, p);
  if (!(c[2] > 1)) return null;
  return projectPoint(K, c);
}

/**
 * A plausible table for a camera that comes without `world_to_camera`: the camera 600 mm above the
 * table looking 45° down, table origin on the optical axis. Only the drawing's perspective depends on it;
 * the pose score lifts the 8 projected points itself.
 */
export function defaultWorldToCamera(): WorldToCamera {
  const a = Math.PI / 4;
  const heightMm = 600;
  // Camera axes in world: x = world x, z (forward) = (0, cos a, −sin a), y (down) = z × x.
  const xc: Vec3 = [1, 0, 0];
  const zc: Vec3 = [0, Math.cos(a), -Math.sin(a)];
  const yc: Vec3 = [0, -Math.sin(a), -Math.cos(a)];
  const R: Vec3[] = [xc, yc, zc]; // rows: world→camera
  const dist = heightMm / Math.sin(a);
  const C: Vec3 = [0, -dist * Math.cos(a), heightMm];
  const RC = matVec(R, C);
  return { R, t: [-RC[0], -RC[1], -RC[2]] };
}

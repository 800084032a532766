/**
 * Between a label's camera-frame `box3d` and the gizmo's table pose (curators correct a pose label with
 * the same 3D box contributors draw with). The table pose can hold any box with one edge horizontal,
 * resting on the table, which is what a tabletop object's box is; a box that floats or sinks a little
 * (a real photo's estimated table) is put down on the table, and the label stays drawn beside it.
 */
import { boxOnTable, type TablePose, type WorldToCamera } from '../../../shared/geometry/camera';
import type { Box3d, Vec3 } from '../../../shared/geometry/types';
import { column, cross, dot, matVec, normalize, scale, sub, transpose } from '../../../shared/geometry/vec';

/** Folds a tilt into (−π/2, π/2]: turning a box by π about its own x axis gives the same box. */
function foldTilt(t: number): number {
  if (t > Math.PI / 2) return t - Math.PI;
  if (t <= -Math.PI / 2) return t + Math.PI;
  return t;
}

/**
 * The table pose nearest to `box` (camera frame, mm) under `w2c`. The edge taken as the pose's own x
 * axis is the most horizontal one (ties: the one that needs the least tilt); the other two follow it in
 * cyclic order, so the frame stays right-handed. Corner labels do not matter to the metric.
 */
export function tablePoseOfBox(box: Box3d, w2c: WorldToCamera): TablePose {
  const Rt = transpose(w2c.R);
  const axes = [0, 1, 2].map((i) => matVec(Rt, column(box.rotation, i)));
  const centre = matVec(Rt, sub(box.center as Vec3, w2c.t as Vec3));
  let best: { pose: TablePose; cost: number } | null = null;
  for (let i = 0; i < 3; i++) {
    const x = axes[i], z = axes[(i + 2) % 3];
    const yawRad = Math.atan2(x[1], x[0]);
    // The z axis seen in the frame turned by the yaw is (·, −sin t, cos t): Rx(t)'s third column.
    const cy = Math.cos(yawRad), sy = Math.sin(yawRad);
    const zy = -sy * z[0] + cy * z[1];
    const tiltRad = foldTilt(Math.atan2(-zy, z[2]));
    const size: Vec3 = [box.size[i], box.size[(i + 1) % 3], box.size[(i + 2) % 3]];
    const cost = Math.abs(x[2]) + 1e-3 * Math.abs(tiltRad);
    if (!best || cost < best.cost) best = { pose: { x: centre[0], y: centre[1], yawRad, tiltRad, size }, cost };
  }
  return best!.pose;
}

/**
 * The camera-frame box of a table pose, its rotation made exactly orthonormal (Gram–Schmidt): a
 * `world_to_camera.R` written with a few decimals is a rotation only to about 1e-5, and the server
 * takes a box's rotation only when it is one to 1e-6. The change moves a corner by far less than a pixel.
 */
export function box3dOfTablePose(pose: TablePose, w2c: WorldToCamera): Box3d {
  const box = boxOnTable(pose, w2c);
  const a = normalize(column(box.rotation, 0));
  const b0 = column(box.rotation, 1);
  const b = normalize(sub(b0, scale(a, dot(a, b0))));
  const c = cross(a, b);
  return { ...box, rotation: [[a[0], b[0], c[0]], [a[1], b[1], c[1]], [a[2], b[2], c[2]]] };
}

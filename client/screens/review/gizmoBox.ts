/**
 * The 3D gizmo's box goes to the server beside its 8 corners, which must be its picture: the server
 * refuses a box whose projection is more than 0.5 px from a corner (server/services/review/poseBox.ts).
 * The tool clamps corners to the image, so a box reaching past the image edge would be refused; the
 * page says so before saving, in words a curator can act on.
 */
import { projectBox } from '../../../shared/geometry/box3d';
import type { Answer } from '../../../shared/tasks';
import type { Box3d, Mat3, Vec3 } from '../../../shared/geometry/types';

const CORNER_TOL_PX = 0.5;

export function gizmoBoxProblem(K: Mat3, box: Box3d, answer: Answer | null): string | null {
  if (!answer || !('points' in answer) || answer.points.length !== 8) return null;
  const projected = projectBox(K, box);
  const off = projected.findIndex((q, i) => !(Math.hypot(q[0] - answer.points[i][0], q[1] - answer.points[i][1]) <= CORNER_TOL_PX));
  return off < 0 ? null : `Corner ${off + 1} of the box lies outside the image: move or shrink the box until it is all inside, then save.`;
}

const v3 = (v: readonly number[]): Vec3 => [v[0], v[1], v[2]];

/** The box as the correct procedure takes it (fixed-length tuples). */
export function boxInput(box: Box3d): { center: Vec3; size: Vec3; rotation: [Vec3, Vec3, Vec3] } {
  return { center: v3(box.center), size: v3(box.size), rotation: [v3(box.rotation[0]), v3(box.rotation[1]), v3(box.rotation[2])] };
}

/**
 * A pose correction made with the 3D box gizmo sends the box itself (camera frame) beside its 8
 * projected corners. The server stores that box as the label's `box3d` instead of lifting one from the
 * corners, but only when it is a real box that the corners are the picture of: otherwise the stored
 * answer and the stored box would disagree and the 2D and 3D scores would measure different labels.
 */
import { z } from 'zod';
import { boxCorners, projectPoint } from '../../../shared/geometry/box3d';
import { BadInputError } from '../../../shared/errors';
import type { Box3d, Mat3, Vec2 } from '../../../shared/geometry/types';

const finite = z.number().finite();
const vec3 = z.tuple([finite, finite, finite]);

export const box3dInputSchema = z.object({ center: vec3, size: vec3, rotation: z.tuple([vec3, vec3, vec3]) });
export type Box3dInput = z.infer<typeof box3dInputSchema>;

/** Largest edge accepted, mm: the gizmo's own limit is 5 m; anything beyond 10 m is not a tabletop object. */
export const MAX_BOX_EDGE_MM = 10_000;
/** RᵀR = I and det R = +1 to this many units: a rotation, not a shear or a mirror. */
export const ROTATION_TOL = 1e-6;
/** Each sent corner must be the box's projected corner to within this many image pixels. */
export const CORNER_TOL_PX = 0.5;
/** A corner this close to the camera plane (mm) or behind it has no meaningful projection. */
const MIN_DEPTH_MM = 1;

function det3(m: Mat3): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** Largest |(RᵀR − I)ᵢⱼ|. */
function orthonormalError(R: Mat3): number {
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const d = R[0][i] * R[0][j] + R[1][i] * R[1][j] + R[2][i] * R[2][j] - (i === j ? 1 : 0);
      worst = Math.max(worst, Math.abs(d));
    }
  }
  return worst;
}

/**
 * Throws a BadInputError naming the first fault of `box` as the label of item `id` whose answer is
 * `corners` (METRICS.md order) under intrinsics `K`; returns the box to store otherwise.
 */
export function checkGizmoBox(id: string, K: Mat3, box: Box3d, corners: readonly Vec2[]): Box3d {
  const fail = (why: string) => new BadInputError(`pose label for item ${id}: the 3D box ${why}; nothing was saved`);
  const bad = box.size.findIndex((s) => !(s > 0 && s <= MAX_BOX_EDGE_MM));
  if (bad >= 0) throw fail(`has edge ${bad + 1} of ${box.size[bad]} mm (each edge must be more than 0 and at most ${MAX_BOX_EDGE_MM} mm)`);
  const ortho = orthonormalError(box.rotation);
  if (ortho > ROTATION_TOL) throw fail(`rotation is not orthonormal (RᵀR differs from the identity by ${ortho.toExponential(2)}, more than ${ROTATION_TOL})`);
  const det = det3(box.rotation);
  if (Math.abs(det - 1) > ROTATION_TOL) throw fail(`rotation has determinant ${det.toFixed(6)}, not +1 (a mirrored box)`);
  if (corners.length !== 8) throw fail(`needs the answer's 8 corners, got ${corners.length}`);
  const cam = boxCorners(box);
  const behind = cam.findIndex((c) => !(c[2] > MIN_DEPTH_MM));
  if (behind >= 0) throw fail(`has corner ${behind + 1} behind the camera (depth ${cam[behind][2].toFixed(1)} mm)`);
  cam.forEach((c, i) => {
    const q = projectPoint(K, c);
    const d = Math.hypot(q[0] - corners[i][0], q[1] - corners[i][1]);
    if (!(d <= CORNER_TOL_PX)) {
      throw fail(
        `does not match the answer: corner ${i + 1} projects to (${q[0].toFixed(1)}, ${q[1].toFixed(1)}), ${d.toFixed(2)} px from the answer's ` +
          `(${corners[i][0]}, ${corners[i][1]}) (at most ${CORNER_TOL_PX} px)`,
      );
    }
  });
  return { center: [...box.center], size: [...box.size], rotation: box.rotation.map((r) => [...r]) } as Box3d;
}

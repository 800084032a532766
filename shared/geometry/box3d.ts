import type { Box3d, Mat3, Vec2, Vec3 } from './types';

/**
 * Corner signs in METRICS.md's order: corners 0–3 are one face in cyclic order, 4–7 the opposite face,
 * corner i joined to i+4.
 */
export const CORNER_SIGNS: readonly Vec3[] = [
  [-1, -1, -1],
  [1, -1, -1],
  [1, 1, -1],
  [-1, 1, -1],
  [-1, -1, 1],
  [1, -1, 1],
  [1, 1, 1],
  [-1, 1, 1],
];

/** The 12 edges of a cuboid as corner-index pairs, in METRICS.md's corner order. */
export const CUBOID_EDGES: readonly [number, number][] = [
  [0, 1], [1, 2], [2, 3], [3, 0],
  [4, 5], [5, 6], [6, 7], [7, 4],
  [0, 4], [1, 5], [2, 6], [3, 7],
];

/** The 8 corners of `box` in the camera frame (mm), in METRICS.md's order. */
export function boxCorners(box: Box3d): Vec3[] {
  const R = box.rotation;
  return CORNER_SIGNS.map((s) => {
    const lx = (s[0] * box.size[0]) / 2;
    const ly = (s[1] * box.size[1]) / 2;
    const lz = (s[2] * box.size[2]) / 2;
    return [
      box.center[0] + R[0][0] * lx + R[0][1] * ly + R[0][2] * lz,
      box.center[1] + R[1][0] * lx + R[1][1] * ly + R[1][2] * lz,
      box.center[2] + R[2][0] * lx + R[2][1] * ly + R[2][2] * lz,
    ];
  });
}

/**
 * Pinhole projection of a camera-frame point (mm) with intrinsics `K` to image pixels.
 * Returns NaN coordinates for a point at z = 0; a point behind the camera (z < 0) still projects
 * (mirrored), so callers that care must check z themselves.
 */
export function projectPoint(K: Mat3, p: Vec3): Vec2 {
  const x = K[0][0] * p[0] + K[0][1] * p[1] + K[0][2] * p[2];
  const y = K[1][0] * p[0] + K[1][1] * p[1] + K[1][2] * p[2];
  const w = K[2][0] * p[0] + K[2][1] * p[1] + K[2][2] * p[2];
  return [x / w, y / w];
}

/** The 8 projected corners (image pixels) of `box` under intrinsics `K`: the pose task's answer. */
export function projectBox(K: Mat3, box: Box3d): Vec2[] {
  return boxCorners(box).map((c) => projectPoint(K, c));
}

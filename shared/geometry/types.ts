/**
 * Coordinate-space types. Image pixels: origin top-left, x right, y down. Camera frame: OpenCV/BOP
 * convention (x right, y down, z forward), millimetres. Plain tuples so they serialise as JSON as-is.
 */
export type Vec2 = [number, number];
export type Vec3 = [number, number, number];
/** Row-major 3×3 matrix, as written in dataset files (`camera.K`, `box3d.rotation`). */
export type Mat3 = [Vec3, Vec3, Vec3] | number[][];

/** An oriented box in the camera frame (mm). `rotation` columns are the box axes in the camera frame. */
export interface Box3d {
  center: Vec3;
  size: Vec3;
  rotation: Mat3;
}

/**
 * Coordinate-space types. Image pixels: origin top-left, x right, y down. Camera frame: OpenCV/BOP
 * convention (x right, y down, z forward), millimetres. World (table) frame: z up from the table top,
 * millimetres. Plain tuples so they serialise as JSON as-is.
 *
 * The branded types (`ImagePx`, `StagePx`, `CameraMm`, `WorldMm`) are those tuples tagged with their
 * space, so the compiler refuses a stage point where an image point is due (excalidraw's
 * `math/src/types.ts` idea). A branded point is still a `Vec2`/`Vec3`: it goes wherever a plain tuple
 * goes, but a plain tuple must be branded on purpose, at the one place a value enters its space.
 */
export type Vec2 = [number, number];
export type Vec3 = [number, number, number];
/** Row-major 3×3 matrix, as written in dataset files (`camera.K`, `box3d.rotation`). */
export type Mat3 = [Vec3, Vec3, Vec3] | number[][];

/** A point in original image pixels (origin top-left, x right, y down), whatever the zoom. */
export type ImagePx = Vec2 & { readonly __space: 'image' };
/** A point in stage (canvas element) pixels, relative to the canvas's top-left corner. */
export type StagePx = Vec2 & { readonly __space: 'stage' };
/** A point in the camera frame, millimetres (x right, y down, z forward). */
export type CameraMm = Vec3 & { readonly __space: 'camera' };
/** A point in the world (table) frame, millimetres (z up from the table top). */
export type WorldMm = Vec3 & { readonly __space: 'world' };

/** An image-pixel point from its coordinates. */
export const imagePx = (x: number, y: number): ImagePx => [x, y] as unknown as ImagePx;
/** A stage-pixel point from its coordinates. */
export const stagePx = (x: number, y: number): StagePx => [x, y] as unknown as StagePx;
/** A camera-frame point (mm) from its coordinates. */
export const cameraMm = (x: number, y: number, z: number): CameraMm => [x, y, z] as unknown as CameraMm;
/** A world-frame point (mm) from its coordinates. */
export const worldMm = (x: number, y: number, z: number): WorldMm => [x, y, z] as unknown as WorldMm;

/** An oriented box in the camera frame (mm). `rotation` columns are the box axes in the camera frame. */
export interface Box3d {
  center: Vec3;
  size: Vec3;
  rotation: Mat3;
}

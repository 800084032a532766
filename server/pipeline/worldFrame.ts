/**
 * Recovers the world frame of a frame (world z up, origin on the table top, x along the camera's
 * right as seen on the table) as the paper does: RANSAC plane on the depth points back-projected with K,
 * oriented so that the objects lie above it. Without depth, the fallback is a plane through the bottom
 * faces of the objects' boxes (the face of each box that points most downward).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Box3d, Vec3 } from '../../shared/geometry/types';
import { boxCorners } from '../../shared/geometry/box3d';
import { CORNER_SIGNS } from '../../shared/geometry/box3d';
import type { GrayImage } from './png';
import type { Rng } from './rng';
import { type M3, type Rigid, addScaled, column, cross, dot, fromColumns, normalize, scale, sub } from '../../shared/geometry/vec';

export interface WorldFrame {
  worldToCamera: Rigid;
  method: 'depth-ransac' | 'object-bottoms';
}

interface Plane {
  /** Unit normal (camera frame). */
  n: Vec3;
  /** Offset: n·p = d on the plane. */
  d: number;
}

const INLIER_MM = 4;
/** A box whose bottom is this far above the lowest one rests on something else, not on the table. */
const STACKED_MM = 20;

/** Least-squares plane through points (smallest singular vector of the centred points). */
export function fitPlane(points: Vec3[]): Plane {
  const c = scale(points.reduce((s, p) => [s[0] + p[0], s[1] + p[1], s[2] + p[2]] as Vec3, [0, 0, 0]), 1 / points.length);
  const m = new Matrix(points.map((p) => sub(p, c)));
  const v = new SingularValueDecomposition(m, { computeLeftSingularVectors: false }).rightSingularVectors;
  const n = normalize([v.get(0, 2), v.get(1, 2), v.get(2, 2)]);
  return { n, d: dot(n, c) };
}

/** Builds camera-from-world given the up normal (camera frame) and a point on the table. */
export function frameFromPlane(up: Vec3, origin: Vec3): Rigid {
  let x = sub([1, 0, 0], scale(up, up[0]));
  if (Math.hypot(...x) < 1e-3) x = sub([0, 0, 1], scale(up, up[2]));
  x = normalize(x);
  const y = cross(up, x);
  return { R: fromColumns(x, y, up), t: origin };
}

function orientAndFrame(plane: Plane, objectCenters: Vec3[]): Rigid {
  let { n, d } = plane;
  const above = objectCenters.filter((c) => dot(n, c) - d > 0).length;
  if (above < objectCenters.length / 2) [n, d] = [scale(n, -1), -d];
  const mean = scale(objectCenters.reduce((s, p) => [s[0] + p[0], s[1] + p[1], s[2] + p[2]] as Vec3, [0, 0, 0]), 1 / Math.max(1, objectCenters.length));
  const origin = addScaled(mean, n, d - dot(n, mean));
  return frameFromPlane(n, origin);
}

/**
 * The boxes as flat numbers for the point-in-box test that samplePoints runs ~20,000 × boxes times per
 * frame: centre, the three axes (rotation columns) and the half sizes plus `inflate`, 15 per box. The
 * test does the same arithmetic as dot(p − centre, axis) in the same order, so its answers are exact.
 */
function flatBoxes(boxes: Box3d[], inflate: number): Float64Array {
  const f = new Float64Array(boxes.length * 15);
  boxes.forEach((b, k) => {
    const o = k * 15;
    f.set(b.center, o);
    for (let i = 0; i < 3; i++) {
      f[o + 3 + 3 * i] = b.rotation[0][i];
      f[o + 4 + 3 * i] = b.rotation[1][i];
      f[o + 5 + 3 * i] = b.rotation[2][i];
      f[o + 12 + i] = b.size[i] / 2 + inflate;
    }
  });
  return f;
}

function insideAnyBox(px: number, py: number, pz: number, f: Float64Array): boolean {
  for (let o = 0; o < f.length; o += 15) {
    const [qx, qy, qz] = [px - f[o], py - f[o + 1], pz - f[o + 2]];
    if (Math.abs(qx * f[o + 3] + qy * f[o + 4] + qz * f[o + 5]) <= f[o + 12] &&
      Math.abs(qx * f[o + 6] + qy * f[o + 7] + qz * f[o + 8]) <= f[o + 13] &&
      Math.abs(qx * f[o + 9] + qy * f[o + 10] + qz * f[o + 11]) <= f[o + 14]) return true;
  }
  return false;
}

/** Depth points on a grid (mm, camera frame), leaving out invalid pixels and points on the objects. */
function samplePoints(depth: GrayImage, K: M3, depthScale: number, boxes: Box3d[]): Vec3[] {
  const step = Math.max(2, Math.round(Math.sqrt((depth.width * depth.height) / 20000)));
  const flat = flatBoxes(boxes, 10);
  const pts: Vec3[] = [];
  for (let y = step >> 1; y < depth.height; y += step) {
    for (let x = step >> 1; x < depth.width; x += step) {
      const raw = depth.data[y * depth.width + x];
      if (raw === 0) continue;
      const z = raw * depthScale;
      const px = ((x + 0.5 - K[0][2]) * z) / K[0][0];
      const py = ((y + 0.5 - K[1][2]) * z) / K[1][1];
      if (!insideAnyBox(px, py, z, flat)) pts.push([px, py, z]);
    }
  }
  return pts;
}

/** RANSAC table plane from depth; undefined when there are too few valid points. */
export function worldFrameFromDepth(depth: GrayImage, K: M3, depthScale: number, boxes: Box3d[], rng: Rng): WorldFrame | undefined {
  const pts = samplePoints(depth, K, depthScale, boxes);
  if (pts.length < 50) return undefined;
  const probe = pts.length > 3000 ? Array.from({ length: 3000 }, () => pts[Math.floor(rng.next() * pts.length)]) : pts;
  // Flat copy for the 200 × 3000 inlier counts below (same arithmetic as dot(n, p), so the same counts).
  const probeXyz = new Float64Array(probe.length * 3);
  probe.forEach((p, i) => probeXyz.set(p, 3 * i));
  let best: Plane | undefined;
  let bestCount = -1;
  for (let it = 0; it < 200; it++) {
    const [a, b, c] = [rng.pick(pts), rng.pick(pts), rng.pick(pts)];
    const nn = cross(sub(b, a), sub(c, a));
    if (Math.hypot(...nn) < 1e-6) continue;
    const n = normalize(nn);
    const d = dot(n, a);
    let count = 0;
    const [n0, n1, n2] = n;
    for (let i = 0; i < probeXyz.length; i += 3) {
      if (Math.abs(n0 * probeXyz[i] + n1 * probeXyz[i + 1] + n2 * probeXyz[i + 2] - d) < INLIER_MM) count++;
    }
    if (count > bestCount) [best, bestCount] = [{ n, d }, count];
  }
  if (!best) return undefined;
  const inliers = pts.filter((p) => Math.abs(dot(best.n, p) - best.d) < INLIER_MM);
  return { worldToCamera: orientAndFrame(fitPlane(inliers), boxes.map((b) => b.center)), method: 'depth-ransac' };
}

/** The 4 corners of the face of `b` whose outward normal points most along `down`. */
function bottomFace(b: Box3d, down: Vec3): Vec3[] {
  let [axis, sign, best] = [0, 1, -Infinity];
  for (let i = 0; i < 3; i++) for (const s of [-1, 1]) {
    const v = s * dot(column(b.rotation, i) as Vec3, down);
    if (v > best) [axis, sign, best] = [i, s, v];
  }
  return boxCorners(b).filter((_, k) => CORNER_SIGNS[k][axis] === sign);
}

/**
 * No depth: iterate "guess up → take each box's most downward face → fit a plane through those faces",
 * starting from the image's up direction (−y in the camera frame). Objects resting on a table share the
 * plane of their bottom faces; objects standing on other objects (a mug on a can) sit well above it and
 * are left out of the next round's fit.
 */
export function worldFrameFromObjects(boxes: Box3d[]): WorldFrame {
  let up: Vec3 = [0, -1, 0];
  let plane: Plane = { n: up, d: 0 };
  let included = boxes.map(() => true);
  for (let round = 0; round < 5; round++) {
    const faces = boxes.map((b) => bottomFace(b, scale(up, -1)));
    plane = fitPlane(faces.filter((_, i) => included[i]).flat());
    if (dot(plane.n, up) < 0) plane = { n: scale(plane.n, -1), d: -plane.d };
    up = plane.n;
    const heights = faces.map((f) => Math.min(...f.map((p) => dot(plane.n, p) - plane.d)));
    const lowest = Math.min(...heights);
    included = heights.map((h) => h < lowest + STACKED_MM);
  }
  return { worldToCamera: orientAndFrame(plane, boxes.map((b) => b.center)), method: 'object-bottoms' };
}

/**
 * Lifting a pose answer to 3D: the rigid box of a known size whose projection best fits 8 image
 * points in the least-squares sense (PnP). Linear DLT initialisation, then Levenberg–Marquardt on the
 * reprojection error (pixels), over the cube's 48 corner relabelings. Camera frame: OpenCV, mm.
 */
import { CORNER_SIGNS } from './box3d';
import { inverse3, nearestRotation, rotateLeft, solveInPlace } from './linalg';
import type { Box3d, Mat3, Vec2, Vec3 } from './types';

/** The 48 permutations of corner indices that map a cube onto itself (axis permutations × sign flips). */
export const CUBE_RELABELINGS: readonly number[][] = buildRelabelings();

function buildRelabelings(): number[][] {
  const key = (s: readonly number[]) => CORNER_SIGNS.findIndex((c) => c[0] === s[0] && c[1] === s[1] && c[2] === s[2]);
  const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  const out: number[][] = [];
  for (const p of perms) {
    for (let f = 0; f < 8; f++) {
      const flip = [f & 1 ? -1 : 1, f & 2 ? -1 : 1, f & 4 ? -1 : 1];
      out.push(CORNER_SIGNS.map((s) => key([flip[0] * s[p[0]], flip[1] * s[p[1]], flip[2] * s[p[2]]])));
    }
  }
  return out; // out[0] is the identity: given order first.
}

/** A fitted pose: `R` row-major 3×3 (columns = box axes), `t` the box center (mm), `rms` in pixels. */
export interface PoseFit {
  R: Float64Array;
  t: Vec3;
  rms: number;
  labeling: readonly number[];
}

interface Problem {
  K: Float64Array;
  obj: Float64Array; // 8×3 box-frame corners for this labeling
  img: readonly Vec2[];
}

/** Linear DLT on K⁻¹-normalised points with P[2][3] = 1 (box center in front), projected to a rotation. */
function dltInit(p: Problem, Kinv: Float64Array, objScale: number): { R: Float64Array; t: Vec3 } | null {
  const A = new Float64Array(121);
  const b = new Float64Array(11);
  const row = new Float64Array(11);
  for (let i = 0; i < 8; i++) {
    const [u, v] = p.img[i];
    const x = Kinv[0] * u + Kinv[1] * v + Kinv[2];
    const y = Kinv[3] * u + Kinv[4] * v + Kinv[5];
    const w = Kinv[6] * u + Kinv[7] * v + Kinv[8];
    const X = p.obj[i * 3] / objScale, Y = p.obj[i * 3 + 1] / objScale, Z = p.obj[i * 3 + 2] / objScale;
    for (const [c, rhs] of [[x / w, 0], [y / w, 1]] as const) {
      row.fill(0);
      row.set([X, Y, Z, 1], rhs * 4);
      row[8] = -c * X; row[9] = -c * Y; row[10] = -c * Z;
      for (let r = 0; r < 11; r++) {
        b[r] += row[r] * c;
        for (let k = 0; k < 11; k++) A[r * 11 + k] += row[r] * row[k];
      }
    }
  }
  const s = solveInPlace(A, b, 11);
  if (!s) return null;
  const M = [s[0], s[1], s[2], s[4], s[5], s[6], s[8], s[9], s[10]].map((m) => m / objScale);
  const { R, scale } = nearestRotation(M);
  if (!(scale > 0)) return null;
  return { R, t: [s[3] / scale, s[7] / scale, 1 / scale] };
}

/** Sum of squared reprojection errors (px²); Infinity when a corner is not in front of the camera. */
function cost(p: Problem, R: Float64Array, t: Vec3): number {
  const K = p.K;
  let c = 0;
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
    const q0 = R[0] * X + R[1] * Y + R[2] * Z + t[0];
    const q1 = R[3] * X + R[4] * Y + R[5] * Z + t[1];
    const q2 = R[6] * X + R[7] * Y + R[8] * Z + t[2];
    if (!(q2 > 1e-6)) return Infinity;
    const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
    const du = (K[0] * q0 + K[1] * q1 + K[2] * q2) / w - p.img[i][0];
    const dv = (K[3] * q0 + K[4] * q1 + K[5] * q2) / w - p.img[i][1];
    c += du * du + dv * dv;
  }
  return c;
}

/** Normal equations H δ = −g of the reprojection error at (R, t); δ = (ω, δt), R ← exp([ω]×)R. */
function normalEquations(p: Problem, R: Float64Array, t: Vec3, H: Float64Array, g: Float64Array): void {
  H.fill(0);
  g.fill(0);
  const K = p.K;
  const J = new Float64Array(6);
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
    const r0 = R[0] * X + R[1] * Y + R[2] * Z, r1 = R[3] * X + R[4] * Y + R[5] * Z, r2 = R[6] * X + R[7] * Y + R[8] * Z;
    const q0 = r0 + t[0], q1 = r1 + t[1], q2 = r2 + t[2];
    const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
    for (let a = 0; a < 2; a++) {
      const k0 = K[a * 3], k1 = K[a * 3 + 1], k2 = K[a * 3 + 2];
      const proj = (k0 * q0 + k1 * q1 + k2 * q2) / w;
      const res = proj - p.img[i][a];
      // d(proj)/dq = (K_a − proj·K_2) / w; dq/dω = −[r]×, dq/dt = I.
      const d0 = (k0 - proj * K[6]) / w, d1 = (k1 - proj * K[7]) / w, d2 = (k2 - proj * K[8]) / w;
      J[0] = d1 * -r2 + d2 * r1;
      J[1] = d0 * r2 - d2 * r0;
      J[2] = -d0 * r1 + d1 * r0;
      J[3] = d0; J[4] = d1; J[5] = d2;
      for (let r = 0; r < 6; r++) {
        g[r] += J[r] * res;
        for (let c = 0; c < 6; c++) H[r * 6 + c] += J[r] * J[c];
      }
    }
  }
}

/** Levenberg–Marquardt from (R, t); returns the refined pose and its cost (px²). */
function refine(p: Problem, R0: Float64Array, t0: Vec3, maxIter = 40): { R: Float64Array; t: Vec3; cost: number } {
  let R = R0, t = t0, c = cost(p, R, t);
  if (!Number.isFinite(c)) return { R, t, cost: c };
  const H = new Float64Array(36), g = new Float64Array(6), A = new Float64Array(36), b = new Float64Array(6);
  let lambda = 1e-3;
  for (let it = 0; it < maxIter; it++) {
    normalEquations(p, R, t, H, g);
    let improved = false;
    for (let tries = 0; tries < 8 && !improved; tries++) {
      A.set(H);
      for (let k = 0; k < 6; k++) { A[k * 7] += lambda * (H[k * 7] + 1e-9); b[k] = -g[k]; }
      const d = solveInPlace(A, b, 6, 1e-15);
      if (!d) { lambda *= 10; continue; }
      const R2 = new Float64Array(9);
      rotateLeft([d[0], d[1], d[2]], R, R2);
      const t2: Vec3 = [t[0] + d[3], t[1] + d[4], t[2] + d[5]];
      const c2 = cost(p, R2, t2);
      if (c2 < c) {
        const gain = c - c2;
        R = R2; t = t2; c = c2; improved = true;
        lambda = Math.max(lambda / 10, 1e-9);
        if (gain < 1e-10 * (1 + c)) return { R, t, cost: c };
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return { R, t, cost: c };
}

function fitLabeling(K: Float64Array, Kinv: Float64Array, half: Vec3, img: readonly Vec2[], labeling: readonly number[]): PoseFit | null {
  const obj = new Float64Array(24);
  for (let i = 0; i < 8; i++) for (let k = 0; k < 3; k++) obj[i * 3 + k] = CORNER_SIGNS[labeling[i]][k] * half[k];
  const p: Problem = { K, obj, img };
  const init = dltInit(p, Kinv, Math.max(half[0], half[1], half[2]));
  if (!init) return null;
  const r = refine(p, init.R, init.t);
  return Number.isFinite(r.cost) ? { R: r.R, t: r.t, rms: Math.sqrt(r.cost / 8), labeling } : null;
}

/**
 * Fits a box of `size` (mm) to 8 corner points (image pixels) under intrinsics `K`. Tries the given
 * corner order first and accepts it when its RMS reprojection error is below `fastPathTolerance`
 * times the points' spread (fits that good are the global optimum in practice); otherwise searches all 48
 * relabelings and keeps the least-error fit with every corner in front of the camera. Returns null
 * when no fit can be made (degenerate points, singular K, every fit behind the camera).
 */
export function fitBoxToCorners(K: Mat3, size: Vec3, img: readonly Vec2[], fastPathTolerance = 0.02): PoseFit | null {
  const Kf = new Float64Array([K[0][0], K[0][1], K[0][2], K[1][0], K[1][1], K[1][2], K[2][0], K[2][1], K[2][2]]);
  const Kinv = inverse3(Kf);
  if (!Kinv || img.length !== 8 || !(size[0] > 0 && size[1] > 0 && size[2] > 0)) return null;
  const half: Vec3 = [size[0] / 2, size[1] / 2, size[2] / 2];
  const mean = [0, 0];
  for (const q of img) { mean[0] += q[0] / 8; mean[1] += q[1] / 8; }
  let spread = 0;
  for (const q of img) spread += ((q[0] - mean[0]) ** 2 + (q[1] - mean[1]) ** 2) / 8;
  spread = Math.sqrt(spread);
  if (!(spread > 0)) return null;
  let best = fitLabeling(Kf, Kinv, half, img, CUBE_RELABELINGS[0]);
  if (best && best.rms <= fastPathTolerance * spread) return best;
  for (let k = 1; k < CUBE_RELABELINGS.length; k++) {
    const f = fitLabeling(Kf, Kinv, half, img, CUBE_RELABELINGS[k]);
    if (f && (!best || f.rms < best.rms)) best = f;
  }
  return best;
}

/** The fitted pose as a box of `size` (camera frame, mm). */
export function fitToBox(fit: PoseFit, size: Vec3): Box3d {
  const R = fit.R;
  return {
    center: [fit.t[0], fit.t[1], fit.t[2]],
    size: [size[0], size[1], size[2]],
    rotation: [[R[0], R[1], R[2]], [R[3], R[4], R[5]], [R[6], R[7], R[8]]],
  };
}

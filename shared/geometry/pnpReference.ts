/**
 * An exhaustive PnP reference for the tests and the bench, written independently of pnp.ts (no shared
 * linear solve, no pruning, no symmetry shortcut beyond the 4 proper flips that map a labelling onto
 * itself): for each of the 12 distinct relabelling classes, Levenberg–Marquardt runs to convergence
 * from its own 11-unknown DLT, from the mirror twin of that fit, and from every rotation of a dense
 * grid over SO(3) (translation by linear least squares), and the least reprojection error in front of
 * the camera wins. About 1,000 refinements per answer: slow (tens of ms), which is the point.
 * Camera frame OpenCV (mm), image pixels.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { CORNER_SIGNS, projectBox } from './box3d';
import { CUBE_RELABELINGS } from './pnp';
import { rotationFromEuler } from './rotation';
import type { Box3d, Mat3, Vec2, Vec3 } from './types';

export interface ReferenceFit {
  R: Float64Array;
  t: Vec3;
  rms: number;
  labeling: readonly number[];
}

interface Problem {
  K: Float64Array;
  obj: Float64Array; // 8×3 box-frame corners (mm) for the labelling, in answer order
  img: Float64Array; // 8×2 pixels
}

/** Solves the n×n system `A x = b` (row-major, both overwritten) by Gaussian elimination with partial pivoting; null when singular. */
function solve(A: Float64Array, b: Float64Array, n: number, eps = 1e-13): Float64Array | null {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  if (!(scale > 0)) return null;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[piv * n + c])) piv = r;
    if (!(Math.abs(A[piv * n + c]) > eps * scale)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) { const t = A[c * n + k]; A[c * n + k] = A[piv * n + k]; A[piv * n + k] = t; }
      const t = b[c]; b[c] = b[piv]; b[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / A[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r * n + k] * b[k];
    b[r] = s / A[r * n + r];
  }
  return b;
}

/** The rotation nearest (Frobenius) to row-major `m` by SVD, and m's mean singular value; a mirrored m gets its weakest axis flipped. */
function nearestRotation(m: ArrayLike<number>): { R: Float64Array; scale: number } {
  const svd = new SingularValueDecomposition(new Matrix([[m[0], m[1], m[2]], [m[3], m[4], m[5]], [m[6], m[7], m[8]]]), { autoTranspose: false });
  const U = svd.leftSingularVectors, V = svd.rightSingularVectors, d = svd.diagonal;
  const R = new Float64Array(9);
  for (const flip of [1, -1]) {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) R[i * 3 + j] = U.get(i, 0) * V.get(j, 0) + U.get(i, 1) * V.get(j, 1) + flip * U.get(i, 2) * V.get(j, 2);
    if (det3(R) > 0) break;
  }
  return { R, scale: (d[0] + d[1] + d[2]) / 3 };
}

function det3(m: ArrayLike<number>): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

/** Sum of squared reprojection errors (px²); Infinity when a corner is not in front of the camera. */
function cost(p: Problem, R: Float64Array, t: ArrayLike<number>): number {
  const K = p.K;
  let c = 0;
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
    const q0 = R[0] * X + R[1] * Y + R[2] * Z + t[0];
    const q1 = R[3] * X + R[4] * Y + R[5] * Z + t[1];
    const q2 = R[6] * X + R[7] * Y + R[8] * Z + t[2];
    if (!(q2 > 1e-6)) return Infinity;
    const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
    const du = (K[0] * q0 + K[1] * q1 + K[2] * q2) / w - p.img[i * 2];
    const dv = (K[3] * q0 + K[4] * q1 + K[5] * q2) / w - p.img[i * 2 + 1];
    c += du * du + dv * dv;
  }
  return c;
}

/** `out = exp([w]×) · R` (Rodrigues), R row-major. */
function rotateLeftInto(w0: number, w1: number, w2: number, R: Float64Array, out: Float64Array): void {
  const th = Math.hypot(w0, w1, w2);
  const a = th < 1e-12 ? 1 : Math.sin(th) / th;
  const b = th < 1e-12 ? 0.5 : (1 - Math.cos(th)) / (th * th);
  const e0 = 1 - b * (w1 * w1 + w2 * w2), e1 = -a * w2 + b * w0 * w1, e2 = a * w1 + b * w0 * w2;
  const e3 = a * w2 + b * w0 * w1, e4 = 1 - b * (w0 * w0 + w2 * w2), e5 = -a * w0 + b * w1 * w2;
  const e6 = -a * w1 + b * w0 * w2, e7 = a * w0 + b * w1 * w2, e8 = 1 - b * (w0 * w0 + w1 * w1);
  for (let j = 0; j < 3; j++) {
    const x = R[j], y = R[3 + j], z = R[6 + j];
    out[j] = e0 * x + e1 * y + e2 * z;
    out[3 + j] = e3 * x + e4 * y + e5 * z;
    out[6 + j] = e6 * x + e7 * y + e8 * z;
  }
}

/** Levenberg–Marquardt from (R, t) to convergence (no early exit); the refined pose and its cost (px²). */
function refine(p: Problem, R0: Float64Array, t0: Vec3): { R: Float64Array; t: Vec3; cost: number } {
  const R = new Float64Array(R0), t = new Float64Array(t0);
  let c = cost(p, R, t);
  if (!Number.isFinite(c)) return { R, t: [t[0], t[1], t[2]], cost: c };
  const H = new Float64Array(36), g = new Float64Array(6), A = new Float64Array(36), b = new Float64Array(6), J = new Float64Array(6);
  const R2 = new Float64Array(9), t2 = new Float64Array(3);
  const K = p.K;
  let lambda = 1e-3;
  for (let it = 0; it < 100; it++) {
    H.fill(0); g.fill(0);
    for (let i = 0; i < 8; i++) {
      const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
      const r0 = R[0] * X + R[1] * Y + R[2] * Z, r1 = R[3] * X + R[4] * Y + R[5] * Z, r2 = R[6] * X + R[7] * Y + R[8] * Z;
      const q0 = r0 + t[0], q1 = r1 + t[1], q2 = r2 + t[2];
      const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
      for (let a = 0; a < 2; a++) {
        const proj = (K[a * 3] * q0 + K[a * 3 + 1] * q1 + K[a * 3 + 2] * q2) / w;
        const res = proj - p.img[i * 2 + a];
        const d0 = (K[a * 3] - proj * K[6]) / w, d1 = (K[a * 3 + 1] - proj * K[7]) / w, d2 = (K[a * 3 + 2] - proj * K[8]) / w;
        J[0] = d2 * r1 - d1 * r2; J[1] = d0 * r2 - d2 * r0; J[2] = d1 * r0 - d0 * r1; J[3] = d0; J[4] = d1; J[5] = d2;
        for (let r = 0; r < 6; r++) {
          g[r] += J[r] * res;
          for (let k = 0; k < 6; k++) H[r * 6 + k] += J[r] * J[k];
        }
      }
    }
    let improved = false;
    for (let tries = 0; tries < 12 && !improved; tries++) {
      A.set(H);
      for (let k = 0; k < 6; k++) { A[k * 7] += lambda * (H[k * 7] + 1e-9); b[k] = -g[k]; }
      const d = solve(A, b, 6, 1e-18);
      if (!d) { lambda *= 10; continue; }
      rotateLeftInto(d[0], d[1], d[2], R, R2);
      t2[0] = t[0] + d[3]; t2[1] = t[1] + d[4]; t2[2] = t[2] + d[5];
      const c2 = cost(p, R2, t2);
      if (c2 < c) {
        const gain = c - c2;
        R.set(R2); t.set(t2); c = c2; improved = true;
        lambda = Math.max(lambda / 10, 1e-12);
        if (gain < 1e-12 * (1 + c)) return { R, t: [t[0], t[1], t[2]], cost: c };
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return { R, t: [t[0], t[1], t[2]], cost: c };
}

/** Linear DLT (11 unknowns, P[2][3] = 1) on K⁻¹-normalised points, projected to a rotation; null when singular. */
function dltStart(p: Problem, xn: Float64Array, objScale: number): { R: Float64Array; t: Vec3 } | null {
  const A = new Float64Array(121), b = new Float64Array(11), row = new Float64Array(11);
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3] / objScale, Y = p.obj[i * 3 + 1] / objScale, Z = p.obj[i * 3 + 2] / objScale;
    for (let a = 0; a < 2; a++) {
      const c = xn[i * 2 + a];
      row.fill(0);
      row[a * 4] = X; row[a * 4 + 1] = Y; row[a * 4 + 2] = Z; row[a * 4 + 3] = 1;
      row[8] = -c * X; row[9] = -c * Y; row[10] = -c * Z;
      for (let r = 0; r < 11; r++) {
        b[r] += row[r] * c;
        for (let k = 0; k < 11; k++) A[r * 11 + k] += row[r] * row[k];
      }
    }
  }
  const s = solve(A, b, 11);
  if (!s) return null;
  const { R, scale } = nearestRotation([s[0], s[1], s[2], s[4], s[5], s[6], s[8], s[9], s[10]].map((m) => m / objScale));
  if (!(scale > 0)) return null;
  return { R, t: [s[3] / scale, s[7] / scale, 1 / scale] };
}

/** Translation minimising the algebraic error for a fixed rotation R (linear least squares), pushed in front of the camera. */
function translationFor(p: Problem, xn: Float64Array, R: Float64Array): Vec3 {
  const A = new Float64Array(9), b = new Float64Array(3);
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
    const y0 = R[0] * X + R[1] * Y + R[2] * Z, y1 = R[3] * X + R[4] * Y + R[5] * Z, y2 = R[6] * X + R[7] * Y + R[8] * Z;
    // (y0 + t0) − x (y2 + t2) = 0 and (y1 + t1) − y (y2 + t2) = 0.
    for (let a = 0; a < 2; a++) {
      // Row (1, 0, −c) or (0, 1, −c), right-hand side c·y2 − y_a.
      const c = xn[i * 2 + a], rhs = c * y2 - (a === 0 ? y0 : y1);
      A[a * 4] += 1; A[a * 3 + 2] -= c; A[6 + a] -= c; A[8] += c * c;
      b[a] += rhs; b[2] -= c * rhs;
    }
  }
  const t = solve(A, b, 3) ?? new Float64Array([0, 0, 1]);
  let minDepth = Infinity, reach = 0;
  for (let i = 0; i < 8; i++) {
    const X = p.obj[i * 3], Y = p.obj[i * 3 + 1], Z = p.obj[i * 3 + 2];
    minDepth = Math.min(minDepth, R[6] * X + R[7] * Y + R[8] * Z + t[2]);
    reach = Math.max(reach, Math.hypot(X, Y, Z));
  }
  if (!(minDepth > 0.1 * reach)) t[2] += 0.1 * reach - minDepth;
  return [t[0], t[1], t[2]];
}

/** Row-major rotation of the unit quaternion (w, x, y, z). */
function quatToR(w: number, x: number, y: number, z: number): Float64Array {
  return new Float64Array([
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  ]);
}

/** `n` rotations spread over SO(3): a fixed quasi-random (Halton-like) sequence mapped to unit quaternions (Shoemake). */
export function rotationGrid(n: number): Float64Array[] {
  const halton = (i: number, base: number) => {
    let f = 1, r = 0;
    for (let k = i; k > 0; k = Math.floor(k / base)) { f /= base; r += f * (k % base); }
    return r;
  };
  const out: Float64Array[] = [];
  for (let i = 1; i <= n; i++) {
    const u1 = halton(i, 2), u2 = halton(i, 3), u3 = halton(i, 5);
    const a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
    out.push(quatToR(a * Math.sin(2 * Math.PI * u2), a * Math.cos(2 * Math.PI * u2), b * Math.sin(2 * Math.PI * u3), b * Math.cos(2 * Math.PI * u3)));
  }
  return out;
}

/** The mirror twin start of a fit: reflect through the plane across the line of sight at its center, as a proper rotation of the x-flipped labelling. */
function twin(R: Float64Array, t: Vec3): Float64Array {
  const n = Math.hypot(t[0], t[1], t[2]);
  const v = [t[0] / n, t[1] / n, t[2] / n];
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += ((i === k ? 1 : 0) - 2 * v[i] * v[k]) * R[k * 3 + j];
    out[i * 3 + j] = j === 0 ? -s : s;
  }
  return out;
}

const GRID = new Map<number, Float64Array[]>();

/**
 * The exhaustive least-squares fit of a box of `size` (mm) to 8 corner points (pixels) under `K`, over
 * the 12 relabelling classes (`CUBE_RELABELINGS[8p]` and its mirror `[8p + 1]`), with `gridSize` grid
 * starts per class; null when no fit in front of the camera is found.
 */
export function exhaustiveFit(K: Mat3, size: Vec3, img: readonly Vec2[], gridSize = 200): ReferenceFit | null {
  const Kf = new Float64Array([K[0][0], K[0][1], K[0][2], K[1][0], K[1][1], K[1][2], K[2][0], K[2][1], K[2][2]]);
  const Ki = new Float64Array(9);
  {
    const A = new Float64Array(Kf);
    for (let c = 0; c < 3; c++) {
      const e = new Float64Array(3); e[c] = 1;
      const col = solve(new Float64Array(A), e, 3);
      if (!col) return null;
      for (let r = 0; r < 3; r++) Ki[r * 3 + c] = col[r];
    }
  }
  const xn = new Float64Array(16), u = new Float64Array(16);
  for (let i = 0; i < 8; i++) {
    const [x, y] = img[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    u[i * 2] = x; u[i * 2 + 1] = y;
    const w = Ki[6] * x + Ki[7] * y + Ki[8];
    xn[i * 2] = (Ki[0] * x + Ki[1] * y + Ki[2]) / w;
    xn[i * 2 + 1] = (Ki[3] * x + Ki[4] * y + Ki[5]) / w;
  }
  const half: Vec3 = [size[0] / 2, size[1] / 2, size[2] / 2];
  let grid = GRID.get(gridSize);
  if (!grid) GRID.set(gridSize, (grid = rotationGrid(gridSize)));
  let best: ReferenceFit | null = null;
  const consider = (labeling: readonly number[], r: { R: Float64Array; t: Vec3; cost: number }) => {
    if (Number.isFinite(r.cost) && (!best || r.cost < best.rms * best.rms * 8)) best = { R: r.R, t: r.t, rms: Math.sqrt(r.cost / 8), labeling };
  };
  for (let p = 0; p < 6; p++) {
    for (let m = 0; m < 2; m++) {
      const labeling = CUBE_RELABELINGS[8 * p + m];
      const obj = new Float64Array(24);
      for (let i = 0; i < 8; i++) for (let k = 0; k < 3; k++) obj[i * 3 + k] = CORNER_SIGNS[labeling[i]][k] * half[k];
      const prob: Problem = { K: Kf, obj, img: u };
      const twinLabeling = CUBE_RELABELINGS[8 * p + (1 - m)];
      const twinObj = new Float64Array(24);
      for (let i = 0; i < 8; i++) for (let k = 0; k < 3; k++) twinObj[i * 3 + k] = CORNER_SIGNS[twinLabeling[i]][k] * half[k];
      const dlt = dltStart(prob, xn, Math.max(...half));
      if (dlt) {
        const r = refine(prob, dlt.R, dlt.t);
        consider(labeling, r);
        if (Number.isFinite(r.cost)) consider(twinLabeling, refine({ K: Kf, obj: twinObj, img: u }, twin(r.R, r.t), [r.t[0], r.t[1], r.t[2]]));
      }
      for (const R of grid) consider(labeling, refine(prob, R, translationFor(prob, xn, R)));
    }
  }
  return best;
}

// ---- the kinds of answers the lift is checked on (tests and bench), deterministic by seed ----
export const PNP_K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];
export const PNP_KINDS = ['noise10', 'noise20', 'noise30', 'noise45', 'shrunk', 'grown', 'tilted', 'random'] as const;
export type PnpKind = (typeof PNP_KINDS)[number];

export interface PnpCase {
  kind: PnpKind;
  box: Box3d;
  pts: Vec2[];
}

/** A Park–Miller generator from `seed`, in (0, 1). */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function matMul(A: Mat3, B: Mat3): Mat3 {
  return A.map((row) => [0, 1, 2].map((j) => row[0] * B[0][j] + row[1] * B[1][j] + row[2] * B[2][j])) as Mat3;
}

/** `n` answers of `kind`, from `seed`. */
export function pnpCases(kind: PnpKind, n: number, seed: number, K: Mat3 = PNP_K): PnpCase[] {
  const rnd = lcg(seed);
  const noise = (pts: Vec2[], px: number) => pts.map(([x, y]): Vec2 => [x + (rnd() - 0.5) * 2 * px, y + (rnd() - 0.5) * 2 * px]);
  const out: PnpCase[] = [];
  for (let i = 0; i < n; i++) {
    const box: Box3d = {
      center: [rnd() * 300 - 150, rnd() * 200 - 100, 600 + rnd() * 900],
      size: [40 + rnd() * 200, 40 + rnd() * 200, 40 + rnd() * 200],
      rotation: rotationFromEuler(rnd() * 6.3, rnd() * 6.3, rnd() * 6.3),
    };
    let pts: Vec2[];
    if (kind.startsWith('noise')) pts = noise(projectBox(K, box), Number(kind.slice(5)));
    else if (kind === 'shrunk' || kind === 'grown') {
      const f = kind === 'shrunk' ? 0.3 + 0.4 * rnd() : 1.3 + 1.2 * rnd();
      pts = noise(projectBox(K, { ...box, size: box.size.map((s) => s * f) as Vec3 }), 3);
    } else if (kind === 'tilted') {
      const tilt = rotationFromEuler((rnd() - 0.5) * 1.2, (rnd() - 0.5) * 1.2, (rnd() - 0.5) * 1.2);
      pts = noise(projectBox(K, { ...box, rotation: matMul(tilt, box.rotation) }), 5);
    } else pts = Array.from({ length: 8 }, (): Vec2 => [rnd() * 1280, rnd() * 720]);
    out.push({ kind, box, pts });
  }
  return out;
}

/**
 * Lifting a pose answer to 3D: the rigid box of a known size whose projection best fits 8 image
 * points in the least-squares sense (PnP), over the cube's 48 corner relabelings. Camera frame: OpenCV,
 * mm; reprojection error in image pixels.
 *
 * Why only 12 fits cover the 48 relabelings: a relabeling is a signed permutation G of the box axes
 * (corner i of the answer is the box corner with signs G·s_i). Two relabelings that differ by a proper
 * flip F (two axes negated, a 180° turn of the box onto itself) fit exactly alike, with R·F in place
 * of R. So the 48 fall into 12 classes: 6 axis permutations (which box edge is which) × 2 chiralities
 * (the box and its mirror image). The two chiralities of one permutation are each other's mirror twin
 * (the Necker ambiguity: reflect the box through the plane across the line of sight at its center).
 *
 * Why one linear solve serves all 12: the DLT fits a general 3×4 projective camera, which absorbs any
 * linear change of the object frame (axis permutation, sign flip, per-axis scale). So it is solved once,
 * in the frame of the corner sign vectors, where its normal equations are diagonal and reduce to 3×3
 * (the sign vectors form a Walsh basis of R⁸), and each class's start is that camera re-expressed in its
 * frame, projected to the nearest rotation.
 *
 * Everything in the hot path works on preallocated Float64Arrays: no allocation per refinement step.
 * The DLT, the starts, the cost and the normal equations share module-level buffers (scratch, never
 * state between calls), so they stay in this file; the fixed-size solvers are in pnpMath.ts.
 */
import { CORNER_SIGNS } from './box3d';
import { buildRotationGrid, costGeneral, dampedSolve6, inv3Into, normalEquationsGeneral, rotateLeftInto } from './pnpMath';
import type { Box3d, Mat3, Vec2, Vec3 } from './types';

const AXIS_PERMS: readonly (readonly number[])[] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/** The 48 permutations of corner indices that map a cube onto itself (axis permutations × sign flips). */
export const CUBE_RELABELINGS: readonly number[][] = buildRelabelings();

function buildRelabelings(): number[][] {
  const key = (s: readonly number[]) => CORNER_SIGNS.findIndex((c) => c[0] === s[0] && c[1] === s[1] && c[2] === s[2]);
  const out: number[][] = [];
  for (const p of AXIS_PERMS) {
    for (let f = 0; f < 8; f++) {
      const flip = [f & 1 ? -1 : 1, f & 2 ? -1 : 1, f & 4 ? -1 : 1];
      out.push(CORNER_SIGNS.map((s) => key([flip[0] * s[p[0]], flip[1] * s[p[1]], flip[2] * s[p[2]]])));
    }
  }
  return out; // out[0] is the identity; out[8p + f] is axis permutation p with flip bits f (1 = x, 2 = y, 4 = z).
}

/** A fitted pose: `R` row-major 3×3 (columns = box axes), `t` the box center (mm), `rms` in pixels. */
export interface PoseFit {
  R: Float64Array;
  t: Vec3;
  rms: number;
  labeling: readonly number[];
}

const SIGNS = Float64Array.from(CORNER_SIGNS.flat());
/** The 4 Walsh vectors orthogonal to 1, s_x, s_y, s_z: s_x s_y, s_x s_z, s_y s_z, s_x s_y s_z (per corner). */
const WALSH = Float64Array.from(
  CORNER_SIGNS.flatMap((s) => [s[0] * s[1], s[0] * s[2], s[1] * s[2], s[0] * s[1] * s[2]]),
);

// Scratch state, reused by every call (JS is single-threaded and nothing here re-enters).
const Kf = new Float64Array(9);
const U = new Float64Array(16); // image points, pixels, u0 v0 u1 v1 …
const XN = new Float64Array(16); // K⁻¹-normalised image points
const DLT_M = new Float64Array(9); // the DLT camera in the sign frame: rows (a, b, c), translation (a3, b3, 1)
const DLT_T = new Float64Array(3);
const OBJ = new Float64Array(24); // box-frame corners (mm) of the class being refined, in answer order
const OSGN = new Float64Array(24); // their signs (±1); OBJ[i, k] = OSGN[i, k] · OH[k]
const OH = new Float64Array(3); // the class's half-sizes along its object axes (mm)
/** K's rows divided by K[2][2] when its last row is (0, 0, K[2][2]): pixel = A·(x, y, 1) with x = q0/q2, y = q1/q2. */
const KA = new Float64Array(6);
let affineK = false;
const R_CUR = new Float64Array(9), T_CUR = new Float64Array(3);
const R_TRY = new Float64Array(9), T_TRY = new Float64Array(3);
const R_BEST = new Float64Array(9), T_BEST = new Float64Array(3);
const R_START = new Float64Array(12 * 9), T_START = new Float64Array(12 * 3), COST_START = new Float64Array(12);
const R_TWIN = new Float64Array(9), T_TWIN = new Float64Array(3);
const H = new Float64Array(36), G = new Float64Array(6), D = new Float64Array(6);
const P3 = new Float64Array(9), P3I = new Float64Array(9), N0 = new Float64Array(9);
const ORDER = new Int32Array(12);
let abandoned = false;
/**
 * The wide search's sizes (see `fitBoxToCorners`): grid rotations per class, starts kept per class, and
 * the RMS error, as a share of the points' spread, below which the linear starts' fit is taken as is.
 * Calibrated against the exhaustive reference (pnpReference.ts): on 12,000 answers of the kinds in
 * `pnpCases`, no answer whose linear-start fit was below 0.41 of the spread had a better fit elsewhere;
 * keeping 2–4 grid starts per class still missed 1 of 1,500 random-point answers, 6 did not.
 */
const SEARCH = { gridSize: 64, gridKeep: 6, sureRms: 0.1 } as const;

/** Sets OBJ to the corners of class (perm p, chirality c) for box half-sizes `half` (mm). */
function setObject(p: number, mirrored: boolean, half: Vec3): void {
  const perm = AXIS_PERMS[p];
  for (let k = 0; k < 3; k++) OH[k] = half[k];
  for (let i = 0; i < 8; i++) {
    for (let k = 0; k < 3; k++) {
      const s = SIGNS[i * 3 + perm[k]] * (k === 0 && mirrored ? -1 : 1);
      OSGN[i * 3 + k] = s;
      OBJ[i * 3 + k] = s * half[k];
    }
  }
}

/**
 * The linear (DLT) camera for the normalised points in XN, in the corner-sign frame, with P[2][3] = 1
 * (box center in front). With object points = sign vectors, Σ X̃X̃ᵀ = 8·I, so the 8 unknowns of the first
 * two rows eliminate in closed form and the third row's 3 unknowns solve a 3×3 system. False when singular.
 */
function solveDlt(): boolean {
  // Normal equations for c = P[2][0..2]: Σ_j β_j β_jᵀ c = −Σ_j α_j β_j over Walsh vectors j and x/y.
  const N = P3, rhs = DLT_T;
  N.fill(0);
  rhs.fill(0);
  for (let j = 0; j < 4; j++) {
    for (let a = 0; a < 2; a++) {
      let al = 0, b0 = 0, b1 = 0, b2 = 0;
      for (let i = 0; i < 8; i++) {
        const hx = WALSH[i * 4 + j] * XN[i * 2 + a];
        al += hx;
        b0 += hx * SIGNS[i * 3]; b1 += hx * SIGNS[i * 3 + 1]; b2 += hx * SIGNS[i * 3 + 2];
      }
      N[0] += b0 * b0; N[1] += b0 * b1; N[2] += b0 * b2; N[4] += b1 * b1; N[5] += b1 * b2; N[8] += b2 * b2;
      rhs[0] -= al * b0; rhs[1] -= al * b1; rhs[2] -= al * b2;
    }
  }
  N[3] = N[1]; N[6] = N[2]; N[7] = N[5];
  const scale = Math.max(N[0], N[4], N[8]);
  const det = inv3Into(N, P3I);
  if (!(scale > 0) || !(Math.abs(det) > 1e-12 * scale * scale * scale)) return false;
  const c0 = P3I[0] * rhs[0] + P3I[1] * rhs[1] + P3I[2] * rhs[2];
  const c1 = P3I[3] * rhs[0] + P3I[4] * rhs[1] + P3I[5] * rhs[2];
  const c2 = P3I[6] * rhs[0] + P3I[7] * rhs[1] + P3I[8] * rhs[2];
  DLT_M.fill(0);
  DLT_T[0] = 0; DLT_T[1] = 0; DLT_T[2] = 1;
  for (let i = 0; i < 8; i++) {
    const s0 = SIGNS[i * 3], s1 = SIGNS[i * 3 + 1], s2 = SIGNS[i * 3 + 2];
    const w = 1 + c0 * s0 + c1 * s1 + c2 * s2;
    const wx = (XN[i * 2] * w) / 8, wy = (XN[i * 2 + 1] * w) / 8;
    DLT_M[0] += wx * s0; DLT_M[1] += wx * s1; DLT_M[2] += wx * s2; DLT_T[0] += wx;
    DLT_M[3] += wy * s0; DLT_M[4] += wy * s1; DLT_M[5] += wy * s2; DLT_T[1] += wy;
  }
  DLT_M[6] = c0; DLT_M[7] = c1; DLT_M[8] = c2;
  return true;
}

/**
 * Start pose of class (perm p, not mirrored-or-mirrored as `mirrored`) from the DLT camera: N = M·Gᵀ·D_h⁻¹
 * = λ·R, R its polar factor (Newton iteration), t = T/λ. Writes into R_START/T_START slot `slot`.
 * False when N is singular or mirrored (det ≤ 0): that class starts from its twin instead.
 */
function dltStart(p: number, mirrored: boolean, half: Vec3, slot: number): boolean {
  const perm = AXIS_PERMS[p];
  for (let r = 0; r < 3; r++) {
    for (let k = 0; k < 3; k++) P3[r * 3 + k] = (DLT_M[r * 3 + perm[k]] * (k === 0 && mirrored ? -1 : 1)) / half[k];
  }
  const det0 = P3[0] * (P3[4] * P3[8] - P3[5] * P3[7]) - P3[1] * (P3[3] * P3[8] - P3[5] * P3[6]) + P3[2] * (P3[3] * P3[7] - P3[4] * P3[6]);
  if (!(det0 > 0)) return false;
  const X = P3, Xi = P3I;
  N0.set(P3); // kept for the scale λ = tr(Rᵀ N) / 3
  for (let it = 0; it < 30; it++) {
    inv3Into(X, Xi);
    let nx = 0, ni = 0;
    for (let k = 0; k < 9; k++) { nx += X[k] * X[k]; ni += Xi[k] * Xi[k]; }
    const g = Math.sqrt(Math.sqrt(ni / nx));
    let change = 0;
    for (let r = 0; r < 3; r++) {
      for (let k = 0; k < 3; k++) {
        const v = 0.5 * (g * X[r * 3 + k] + Xi[k * 3 + r] / g);
        change += Math.abs(v - X[r * 3 + k]);
        X[r * 3 + k] = v;
      }
    }
    if (change < 1e-13) break;
  }
  let lambda = 0;
  for (let k = 0; k < 9; k++) lambda += X[k] * N0[k];
  lambda /= 3;
  if (!(lambda > 0) || !Number.isFinite(lambda)) return false;
  R_START.set(X, slot * 9);
  T_START[slot * 3] = DLT_T[0] / lambda; T_START[slot * 3 + 1] = DLT_T[1] / lambda; T_START[slot * 3 + 2] = DLT_T[2] / lambda;
  return true;
}

/** Sum of squared reprojection errors (px²) of OBJ at (R, t); Infinity when a corner is not in front. */
function cost(R: Float64Array, t: Float64Array): number {
  return affineK ? costAffine(R, t) : costGeneral(R, t, Kf, OBJ, U);
}

/**
 * `cost` for K with last row (0, 0, k): the box's corners are ±c0 ± c1 ± c2 + t with c_k = h_k·R[:, k],
 * so each corner costs additions only, and the projection one division.
 */
function costAffine(R: Float64Array, t: Float64Array): number {
  const h0 = OH[0], h1 = OH[1], h2 = OH[2];
  const c00 = R[0] * h0, c01 = R[3] * h0, c02 = R[6] * h0;
  const c10 = R[1] * h1, c11 = R[4] * h1, c12 = R[7] * h1;
  const c20 = R[2] * h2, c21 = R[5] * h2, c22 = R[8] * h2;
  const a0 = KA[0], a1 = KA[1], a2 = KA[2], b0 = KA[3], b1 = KA[4], b2 = KA[5];
  const t0 = t[0], t1 = t[1], t2 = t[2];
  let c = 0;
  for (let i = 0; i < 8; i++) {
    const s0 = OSGN[i * 3], s1 = OSGN[i * 3 + 1], s2 = OSGN[i * 3 + 2];
    const q2 = s0 * c02 + s1 * c12 + s2 * c22 + t2;
    if (!(q2 > 1e-6)) return Infinity;
    const iz = 1 / q2;
    const x = (s0 * c00 + s1 * c10 + s2 * c20 + t0) * iz;
    const y = (s0 * c01 + s1 * c11 + s2 * c21 + t1) * iz;
    const du = a0 * x + a1 * y + a2 - U[i * 2];
    const dv = b0 * x + b1 * y + b2 - U[i * 2 + 1];
    c += du * du + dv * dv;
  }
  return c;
}

function normalEquations(R: Float64Array, t: Float64Array): void {
  if (affineK) normalEquationsAffine(R, t);
  else normalEquationsGeneral(R, t, Kf, OBJ, U, H, G);
}

/** `normalEquations` for K with last row (0, 0, k) (see `costAffine`); sums kept in locals. */
function normalEquationsAffine(R: Float64Array, t: Float64Array): void {
  const h0 = OH[0], h1 = OH[1], h2 = OH[2];
  const c00 = R[0] * h0, c01 = R[3] * h0, c02 = R[6] * h0;
  const c10 = R[1] * h1, c11 = R[4] * h1, c12 = R[7] * h1;
  const c20 = R[2] * h2, c21 = R[5] * h2, c22 = R[8] * h2;
  const a0 = KA[0], a1 = KA[1], a2 = KA[2], b0 = KA[3], b1 = KA[4], b2 = KA[5];
  const t0 = t[0], t1 = t[1], t2 = t[2];
  let H0 = 0, H1 = 0, H2 = 0, H3 = 0, H4 = 0, H5 = 0, H7 = 0, H8 = 0, H9 = 0, H10 = 0, H11 = 0;
  let H14 = 0, H15 = 0, H16 = 0, H17 = 0, H21 = 0, H22 = 0, H23 = 0, H28 = 0, H29 = 0, H35 = 0;
  let G0 = 0, G1 = 0, G2 = 0, G3 = 0, G4 = 0, G5 = 0;
  for (let i = 0; i < 8; i++) {
    const s0 = OSGN[i * 3], s1 = OSGN[i * 3 + 1], s2 = OSGN[i * 3 + 2];
    const r0 = s0 * c00 + s1 * c10 + s2 * c20, r1 = s0 * c01 + s1 * c11 + s2 * c21, r2 = s0 * c02 + s1 * c12 + s2 * c22;
    const iz = 1 / (r2 + t2);
    const x = (r0 + t0) * iz, y = (r1 + t1) * iz;
    for (let a = 0; a < 2; a++) {
      const k0 = a === 0 ? a0 : b0, k1 = a === 0 ? a1 : b1, k2 = a === 0 ? a2 : b2;
      const p = k0 * x + k1 * y;
      const res = p + k2 - U[i * 2 + a];
      // d(pixel)/dq = (k0, k1, −p) / q2; dq/dω = −[r]×, dq/dt = I.
      const d0 = k0 * iz, d1 = k1 * iz, d2 = -p * iz;
      const j0 = d2 * r1 - d1 * r2, j1 = d0 * r2 - d2 * r0, j2 = d1 * r0 - d0 * r1;
      G0 += j0 * res; G1 += j1 * res; G2 += j2 * res; G3 += d0 * res; G4 += d1 * res; G5 += d2 * res;
      H0 += j0 * j0; H1 += j0 * j1; H2 += j0 * j2; H3 += j0 * d0; H4 += j0 * d1; H5 += j0 * d2;
      H7 += j1 * j1; H8 += j1 * j2; H9 += j1 * d0; H10 += j1 * d1; H11 += j1 * d2;
      H14 += j2 * j2; H15 += j2 * d0; H16 += j2 * d1; H17 += j2 * d2;
      H21 += d0 * d0; H22 += d0 * d1; H23 += d0 * d2;
      H28 += d1 * d1; H29 += d1 * d2;
      H35 += d2 * d2;
    }
  }
  H[0] = H0; H[1] = H1; H[2] = H2; H[3] = H3; H[4] = H4; H[5] = H5; H[7] = H7; H[8] = H8; H[9] = H9; H[10] = H10; H[11] = H11;
  H[14] = H14; H[15] = H15; H[16] = H16; H[17] = H17; H[21] = H21; H[22] = H22; H[23] = H23; H[28] = H28; H[29] = H29; H[35] = H35;
  G[0] = G0; G[1] = G1; G[2] = G2; G[3] = G3; G[4] = G4; G[5] = G5;
}

/**
 * Levenberg–Marquardt on OBJ from (R_CUR, T_CUR), refined in place; returns the final cost (px²).
 * `bound` is the best cost found so far: a run still above 4× it after 3 steps is abandoned (sets
 * `abandoned`, reports its current, losing cost) only when the minimum of its Gauss–Newton model is
 * also above 2× it, i.e. when not even a linearised step could bring it near the best: a run that is
 * still descending steeply is never dropped.
 */
function refine(bound: number, maxIter = 40): number {
  abandoned = false;
  let c = cost(R_CUR, T_CUR);
  if (!Number.isFinite(c)) return c;
  let lambda = 1e-4;
  for (let it = 0; it < maxIter; it++) {
    normalEquations(R_CUR, T_CUR);
    // A run far above the best so far is dropped only when even the minimum of its Gauss–Newton model
    // (the cost a linearised step from here could reach, c − gᵀH⁻¹g) stays well above the best.
    if (it >= 3 && c > 4 * bound + 1e-12 && dampedSolve6(H, G, D, 0)) {
      const reach = c + (G[0] * D[0] + G[1] * D[1] + G[2] * D[2] + G[3] * D[3] + G[4] * D[4] + G[5] * D[5]);
      if (reach > 2 * bound) { abandoned = true; return c; }
    }
    let improved = false;
    for (let tries = 0; tries < 10 && !improved; tries++) {
      if (!dampedSolve6(H, G, D, lambda)) { lambda *= 10; continue; }
      rotateLeftInto(D[0], D[1], D[2], R_CUR, R_TRY);
      T_TRY[0] = T_CUR[0] + D[3]; T_TRY[1] = T_CUR[1] + D[4]; T_TRY[2] = T_CUR[2] + D[5];
      const c2 = cost(R_TRY, T_TRY);
      if (c2 < c) {
        const gain = c - c2;
        R_CUR.set(R_TRY); T_CUR.set(T_TRY); c = c2; improved = true;
        lambda = Math.max(lambda / 10, 1e-12);
        // Converged once a step gains next to nothing.
        if (gain < 1e-10 * (1 + c)) return c;
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return c;
}

/**
 * The mirror twin of (R_CUR, T_CUR) into (R_TWIN, T_TWIN): the box reflected through the plane across
 * the line of sight at its center, which projects almost alike under weak perspective. As a proper
 * rotation that is M_v·R·diag(−1, 1, 1), the other chirality's class (x axis negated).
 */
function twinOfCurrent(): void {
  const n = Math.hypot(T_CUR[0], T_CUR[1], T_CUR[2]);
  const v0 = T_CUR[0] / n, v1 = T_CUR[1] / n, v2 = T_CUR[2] / n;
  for (let j = 0; j < 3; j++) {
    const x = R_CUR[j], y = R_CUR[3 + j], z = R_CUR[6 + j];
    const d = 2 * (v0 * x + v1 * y + v2 * z);
    const s = j === 0 ? -1 : 1;
    R_TWIN[j] = s * (x - d * v0); R_TWIN[3 + j] = s * (y - d * v1); R_TWIN[6 + j] = s * (z - d * v2);
  }
  T_TWIN.set(T_CUR);
}

/** (R_CUR, T_CUR) ← start slot `slot`. */
function loadStart(slot: number): void {
  for (let k = 0; k < 9; k++) R_CUR[k] = R_START[slot * 9 + k];
  for (let k = 0; k < 3; k++) T_CUR[k] = T_START[slot * 3 + k];
}

/** Rotations of the wide search's grid (row-major, 9 each), spread over SO(3). */
const GRID = buildRotationGrid(SEARCH.gridSize);
const GRID_COST = new Float64Array(SEARCH.gridSize);
const GRID_ORDER = new Int32Array(SEARCH.gridSize);
/** Inverse of the translation's normal matrix (it depends on the normalised points only). */
const TA_INV = new Float64Array(9);

/**
 * TA_INV ← inverse of Σ_i [[1, 0, −x], [0, 1, −y], [−x, −y, x² + y²]] over the normalised points: the
 * normal matrix of the translation that minimises the algebraic error for a fixed rotation.
 */
function setupTranslation(): boolean {
  let sx = 0, sy = 0, sq = 0;
  for (let i = 0; i < 8; i++) { const x = XN[i * 2], y = XN[i * 2 + 1]; sx += x; sy += y; sq += x * x + y * y; }
  N0[0] = 8; N0[1] = 0; N0[2] = -sx; N0[3] = 0; N0[4] = 8; N0[5] = -sy; N0[6] = -sx; N0[7] = -sy; N0[8] = sq;
  const det = inv3Into(N0, TA_INV);
  return Number.isFinite(det) && det > 0;
}

/**
 * T_CUR ← the translation minimising Σ_i ((q0 − x q2)² + (q1 − y q2)²), q = R·X_i + t, for OBJ under
 * rotation R_CUR (linear least squares), moved forward until every corner is in front of the camera.
 */
function translationForCurrent(): void {
  const R = R_CUR;
  let b0 = 0, b1 = 0, b2 = 0, reach = 0;
  for (let i = 0; i < 8; i++) {
    const X = OBJ[i * 3], Y = OBJ[i * 3 + 1], Z = OBJ[i * 3 + 2];
    const y0 = R[0] * X + R[1] * Y + R[2] * Z, y1 = R[3] * X + R[4] * Y + R[5] * Z, y2 = R[6] * X + R[7] * Y + R[8] * Z;
    const x = XN[i * 2], y = XN[i * 2 + 1];
    const rx = x * y2 - y0, ry = y * y2 - y1;
    b0 += rx; b1 += ry; b2 -= x * rx + y * ry;
  }
  const A = TA_INV;
  T_CUR[0] = A[0] * b0 + A[1] * b1 + A[2] * b2;
  T_CUR[1] = A[3] * b0 + A[4] * b1 + A[5] * b2;
  T_CUR[2] = A[6] * b0 + A[7] * b1 + A[8] * b2;
  let minDepth = Infinity;
  for (let i = 0; i < 8; i++) {
    const X = OBJ[i * 3], Y = OBJ[i * 3 + 1], Z = OBJ[i * 3 + 2];
    minDepth = Math.min(minDepth, R[6] * X + R[7] * Y + R[8] * Z + T_CUR[2]);
    reach = Math.max(reach, X * X + Y * Y + Z * Z);
  }
  reach = Math.sqrt(reach);
  if (!(minDepth > 0.1 * reach)) T_CUR[2] += 0.1 * reach - minDepth;
}

/**
 * Fits a box of `size` (mm) to 8 corner points (image pixels) under intrinsics `K`: the least-squares
 * optimum over all 48 corner relabelings (as 12 distinct classes, see the file comment). Each class is
 * refined by Levenberg–Marquardt from the linear solution and from its mirror twin, in order of the
 * linear starts' error. Unless that fit is already close (RMS error within `SEARCH.sureRms` of the
 * points' spread, where the linear start lies in the global basin), a wide search follows: every
 * class from the best starts of a grid of rotations over SO(3), so answers far from any box (random
 * points, heavy noise) still get the global fit, and one in front of the camera when there is one.
 * Fits with a corner behind the camera are discarded. The result does not depend on how the answer
 * labels its corners. Returns null when no fit can be made (degenerate points, singular K,
 * non-positive size, every fit behind the camera).
 */
export function fitBoxToCorners(K: Mat3, size: Vec3, img: readonly Vec2[]): PoseFit | null {
  if (img.length !== 8 || !(size[0] > 0 && size[1] > 0 && size[2] > 0)) return null;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) Kf[r * 3 + c] = K[r][c];
  const Ki = P3I;
  const detK = inv3Into(Kf, Ki);
  if (!Number.isFinite(detK) || detK === 0) return null;
  affineK = Kf[6] === 0 && Kf[7] === 0 && Kf[8] !== 0;
  if (affineK) for (let k = 0; k < 6; k++) KA[k] = Kf[k] / Kf[8];
  for (let i = 0; i < 8; i++) {
    const u = img[i][0], v = img[i][1];
    if (!Number.isFinite(u) || !Number.isFinite(v)) return null;
    U[i * 2] = u; U[i * 2 + 1] = v;
    const w = Ki[6] * u + Ki[7] * v + Ki[8];
    XN[i * 2] = (Ki[0] * u + Ki[1] * v + Ki[2]) / w;
    XN[i * 2 + 1] = (Ki[3] * u + Ki[4] * v + Ki[5]) / w;
  }
  if (!solveDlt()) return null;
  const half: Vec3 = [size[0] / 2, size[1] / 2, size[2] / 2];

  // Two starts per axis permutation: the linear camera's in whichever chirality it has, and its mirror
  // twin for the other chirality (whose own projection would have to flip an axis).
  for (let p = 0; p < 6; p++) {
    COST_START[2 * p] = COST_START[2 * p + 1] = Infinity;
    let m = false;
    let ok = dltStart(p, false, half, 2 * p);
    if (!ok) { m = true; ok = dltStart(p, true, half, 2 * p + 1); }
    if (!ok) continue;
    const slot = 2 * p + (m ? 1 : 0), other = 2 * p + (m ? 0 : 1);
    loadStart(slot);
    twinOfCurrent();
    R_START.set(R_TWIN, other * 9);
    T_START.set(T_TWIN, other * 3);
    setObject(p, m, half);
    COST_START[slot] = cost(R_CUR, T_CUR);
    setObject(p, !m, half);
    COST_START[other] = cost(R_TWIN, T_TWIN);
  }
  // Insertion sort of the 12 slots by start cost (stable: ties keep slot order).
  for (let i = 0; i < 12; i++) {
    let j = i;
    while (j > 0 && COST_START[ORDER[j - 1]] > COST_START[i]) { ORDER[j] = ORDER[j - 1]; j--; }
    ORDER[j] = i;
  }

  let best = Infinity, bestSlot = -1;
  for (let o = 0; o < 12; o++) {
    const slot = ORDER[o];
    if (!Number.isFinite(COST_START[slot])) continue;
    const p = slot >> 1, m = (slot & 1) === 1;
    setObject(p, m, half);
    loadStart(slot);
    let c = refine(best);
    if (c < best) { best = c; bestSlot = slot; R_BEST.set(R_CUR); T_BEST.set(T_CUR); }
    if (abandoned) continue;
    // The twin of the refined fit, as a further start for the other chirality.
    twinOfCurrent();
    setObject(p, !m, half);
    R_CUR.set(R_TWIN);
    T_CUR.set(T_TWIN);
    c = refine(best);
    if (c < best) { best = c; bestSlot = slot ^ 1; R_BEST.set(R_CUR); T_BEST.set(T_CUR); }
  }
  // The wide search, unless the best fit is already within `sureRms` of the points' spread: from every
  // grid rotation in every class, translation by linear least squares, the `gridKeep` best starts of
  // each class refined.
  let spread = 0;
  {
    let mx = 0, my = 0;
    for (let i = 0; i < 8; i++) { mx += U[i * 2] / 8; my += U[i * 2 + 1] / 8; }
    for (let i = 0; i < 8; i++) spread += ((U[i * 2] - mx) ** 2 + (U[i * 2 + 1] - my) ** 2) / 8;
  }
  if (!(best <= 8 * SEARCH.sureRms ** 2 * spread) && setupTranslation()) {
    const G = SEARCH.gridSize, keep = SEARCH.gridKeep;
    for (let slot = 0; slot < 12; slot++) {
      setObject(slot >> 1, (slot & 1) === 1, half);
      for (let g = 0; g < G; g++) {
        for (let k = 0; k < 9; k++) R_CUR[k] = GRID[g * 9 + k];
        translationForCurrent();
        GRID_COST[g] = cost(R_CUR, T_CUR);
        let j = g;
        while (j > 0 && GRID_COST[GRID_ORDER[j - 1]] > GRID_COST[g]) { GRID_ORDER[j] = GRID_ORDER[j - 1]; j--; }
        GRID_ORDER[j] = g;
      }
      for (let o = 0; o < keep && o < G; o++) {
        const g = GRID_ORDER[o];
        if (!Number.isFinite(GRID_COST[g])) break;
        for (let k = 0; k < 9; k++) R_CUR[k] = GRID[g * 9 + k];
        translationForCurrent();
        const c = refine(best, 100);
        if (c < best) { best = c; bestSlot = slot; R_BEST.set(R_CUR); T_BEST.set(T_CUR); }
      }
    }
  }
  if (bestSlot < 0) return null;
  return {
    R: Float64Array.from(R_BEST),
    t: [T_BEST[0], T_BEST[1], T_BEST[2]],
    rms: Math.sqrt(best / 8),
    labeling: CUBE_RELABELINGS[(bestSlot >> 1) * 8 + (bestSlot & 1)],
  };
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

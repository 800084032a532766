/**
 * Exact intersection volume of two oriented boxes (camera frame, mm), without sampling and without
 * allocating: everything runs on preallocated Float64Array scratch buffers.
 *
 * The boundary of A ∩ B is made of the parts of A's faces inside B and the parts of B's faces inside A.
 * Each face is a convex quadrilateral, clipped to the other box's six half-spaces (Sutherland–Hodgman),
 * and by the divergence theorem vol(A ∩ B) = Σ_pieces area · d / 3, with d the signed distance from a
 * fixed origin to the piece's plane along its outward normal (the face's own box's outward normal). The
 * work is done in B's frame (origin at B's center, axes along B's edges), where B's half-spaces are
 * |x_k| ≤ h_k. A face of B lying in a face plane of A with the same outward side (coincident faces,
 * e.g. a box with itself) is counted once, through A's face. Vertices within `EPS` of a plane count
 * as on it. Exact up to floating-point rounding.
 */
import type { Box3d } from './types';

/** Faces of a box as corner cycles of the sign vectors, indexed by face f = 2k + (side > 0 ? 1 : 0). */
const FACE_CORNERS = new Int8Array([
  // k = 0 (x = −h, x = +h): corners by (y, z) signs around the face
  0, 3, 7, 4, 1, 2, 6, 5,
  // k = 1
  0, 1, 5, 4, 3, 2, 6, 7,
  // k = 2
  0, 1, 2, 3, 4, 5, 6, 7,
]);
/** Corner sign vectors in METRICS.md's order (see box3d.ts). */
const S = new Float64Array([-1, -1, -1, 1, -1, -1, 1, 1, -1, -1, 1, -1, -1, -1, 1, 1, -1, 1, 1, 1, 1, -1, 1, 1]);

const EPS = 1e-9;
const MAXV = 64;
// Scratch state, reused by every call (JS is single-threaded and nothing here re-enters).
const AC = new Float64Array(24); // A's corners in B's frame
const BC = new Float64Array(24); // B's corners in B's frame
const AN = new Float64Array(9); // A's unit axes in B's frame (rows)
const AO = new Float64Array(3); // A's center in B's frame
const BH = new Float64Array(3), AH = new Float64Array(3);
const PN = new Float64Array(18), PD = new Float64Array(6); // six half-spaces n·x ≤ d
const P0 = new Float64Array(MAXV * 3), P1 = new Float64Array(MAXV * 3);
const BU = new Float64Array(9); // B's unit axes in the camera frame (rows)

/**
 * Clips the convex polygon of `n` vertices in P0 by the six half-spaces in PN/PD; the result is in P0.
 * Returns its vertex count (< 3: nothing left).
 */
function clipFace(n: number): number {
  let src = P0, dst = P1;
  for (let h = 0; h < 6 && n >= 3; h++) {
    const nx = PN[h * 3], ny = PN[h * 3 + 1], nz = PN[h * 3 + 2], d = PD[h];
    let allIn = true;
    for (let i = 0; i < n; i++) {
      if (nx * src[i * 3] + ny * src[i * 3 + 1] + nz * src[i * 3 + 2] - d > EPS) { allIn = false; break; }
    }
    if (allIn) continue;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const px = src[i * 3], py = src[i * 3 + 1], pz = src[i * 3 + 2];
      const qx = src[j * 3], qy = src[j * 3 + 1], qz = src[j * 3 + 2];
      const dp = nx * px + ny * py + nz * pz - d;
      const dq = nx * qx + ny * qy + nz * qz - d;
      const sp = dp > EPS ? 1 : dp < -EPS ? -1 : 0;
      const sq = dq > EPS ? 1 : dq < -EPS ? -1 : 0;
      if (sp <= 0 && m < MAXV) { dst[m * 3] = px; dst[m * 3 + 1] = py; dst[m * 3 + 2] = pz; m++; }
      if (sp * sq < 0 && m < MAXV) {
        const t = dp / (dp - dq);
        dst[m * 3] = px + t * (qx - px); dst[m * 3 + 1] = py + t * (qy - py); dst[m * 3 + 2] = pz + t * (qz - pz);
        m++;
      }
    }
    n = m;
    const tmp = src; src = dst; dst = tmp;
  }
  if (src !== P0) P0.set(src.subarray(0, n * 3));
  return n;
}

/** |area| (mm²) of the planar polygon in P0 (n vertices) whose plane has unit normal (nx, ny, nz). */
function faceArea(n: number, nx: number, ny: number, nz: number): number {
  const ox = P0[0], oy = P0[1], oz = P0[2];
  let ax = 0, ay = 0, az = 0;
  for (let i = 1; i + 1 < n; i++) {
    const ux = P0[i * 3] - ox, uy = P0[i * 3 + 1] - oy, uz = P0[i * 3 + 2] - oz;
    const vx = P0[i * 3 + 3] - ox, vy = P0[i * 3 + 4] - oy, vz = P0[i * 3 + 5] - oz;
    ax += uy * vz - uz * vy; ay += uz * vx - ux * vz; az += ux * vy - uy * vx;
  }
  return Math.abs(ax * nx + ay * ny + az * nz) / 2;
}

/** Loads face f (0–5) of the box whose corners are in `C` into P0; returns 4. */
function loadFace(C: Float64Array, f: number): number {
  for (let i = 0; i < 4; i++) {
    const c = FACE_CORNERS[f * 4 + i];
    P0[i * 3] = C[c * 3]; P0[i * 3 + 1] = C[c * 3 + 1]; P0[i * 3 + 2] = C[c * 3 + 2];
  }
  return 4;
}

/** Exact intersection volume (mm³) of two oriented boxes; 0 when they are disjoint or only touch. */
export function boxIntersectionVolume(a: Box3d, b: Box3d): number {
  const Rb = b.rotation, Ra = a.rotation;
  // B's unit axes (camera frame), as rows of BU.
  for (let k = 0; k < 3; k++) {
    const x = Rb[0][k], y = Rb[1][k], z = Rb[2][k];
    const l = Math.sqrt(x * x + y * y + z * z);
    BU[k * 3] = x / l; BU[k * 3 + 1] = y / l; BU[k * 3 + 2] = z / l;
    BH[k] = b.size[k] / 2;
    AH[k] = a.size[k] / 2;
  }
  // A's center and unit axes in B's frame.
  const dx = a.center[0] - b.center[0], dy = a.center[1] - b.center[1], dz = a.center[2] - b.center[2];
  for (let k = 0; k < 3; k++) AO[k] = BU[k * 3] * dx + BU[k * 3 + 1] * dy + BU[k * 3 + 2] * dz;
  // Quick rejection: bounding spheres apart.
  const ra = Math.sqrt(AH[0] * AH[0] + AH[1] * AH[1] + AH[2] * AH[2]);
  const rb = Math.sqrt(BH[0] * BH[0] + BH[1] * BH[1] + BH[2] * BH[2]);
  if (!(AO[0] * AO[0] + AO[1] * AO[1] + AO[2] * AO[2] < (ra + rb) * (ra + rb))) return 0;
  for (let k = 0; k < 3; k++) {
    const x = Ra[0][k], y = Ra[1][k], z = Ra[2][k];
    const l = Math.sqrt(x * x + y * y + z * z);
    for (let j = 0; j < 3; j++) AN[k * 3 + j] = (BU[j * 3] * x + BU[j * 3 + 1] * y + BU[j * 3 + 2] * z) / l;
  }
  for (let i = 0; i < 8; i++) {
    const s0 = S[i * 3] * AH[0], s1 = S[i * 3 + 1] * AH[1], s2 = S[i * 3 + 2] * AH[2];
    for (let j = 0; j < 3; j++) AC[i * 3 + j] = AO[j] + AN[j] * s0 + AN[3 + j] * s1 + AN[6 + j] * s2;
    BC[i * 3] = S[i * 3] * BH[0]; BC[i * 3 + 1] = S[i * 3 + 1] * BH[1]; BC[i * 3 + 2] = S[i * 3 + 2] * BH[2];
  }

  let vol = 0;
  // A's faces inside B: B's half-spaces ±x_k ≤ h_k.
  PN.fill(0);
  for (let k = 0; k < 3; k++) {
    PN[(2 * k) * 3 + k] = -1; PD[2 * k] = BH[k];
    PN[(2 * k + 1) * 3 + k] = 1; PD[2 * k + 1] = BH[k];
  }
  for (let f = 0; f < 6; f++) {
    const k = f >> 1, sg = f & 1 ? 1 : -1;
    const n = clipFace(loadFace(AC, f));
    if (n < 3) continue;
    const nx = sg * AN[k * 3], ny = sg * AN[k * 3 + 1], nz = sg * AN[k * 3 + 2];
    const d = nx * AO[0] + ny * AO[1] + nz * AO[2] + AH[k]; // outward distance of the face plane
    vol += (faceArea(n, nx, ny, nz) * d) / 3;
  }
  // B's faces inside A: A's half-spaces ±a_k·x ≤ ±a_k·o + h_k.
  for (let k = 0; k < 3; k++) {
    const c = AN[k * 3] * AO[0] + AN[k * 3 + 1] * AO[1] + AN[k * 3 + 2] * AO[2];
    PN[(2 * k) * 3] = -AN[k * 3]; PN[(2 * k) * 3 + 1] = -AN[k * 3 + 1]; PN[(2 * k) * 3 + 2] = -AN[k * 3 + 2];
    PD[2 * k] = -c + AH[k];
    PN[(2 * k + 1) * 3] = AN[k * 3]; PN[(2 * k + 1) * 3 + 1] = AN[k * 3 + 1]; PN[(2 * k + 1) * 3 + 2] = AN[k * 3 + 2];
    PD[2 * k + 1] = c + AH[k];
  }
  for (let f = 0; f < 6; f++) {
    const k = f >> 1, sg = f & 1 ? 1 : -1;
    if (coincidesWithPlaneOfA(f, k, sg)) continue;
    const n = clipFace(loadFace(BC, f));
    if (n < 3) continue;
    // Outward normal sg·e_k; the face plane is at distance h_k from B's center.
    const nx = k === 0 ? sg : 0, ny = k === 1 ? sg : 0, nz = k === 2 ? sg : 0;
    vol += (faceArea(n, nx, ny, nz) * BH[k]) / 3;
  }
  return vol > 0 ? vol : 0;
}

/** Whether face f of B (axis k, outward sign sg) lies in a face plane of A with the same outward side. */
function coincidesWithPlaneOfA(f: number, k: number, sg: number): boolean {
  for (let h = 0; h < 6; h++) {
    // Same outward side: A's outward normal points along B's face normal.
    if (!(sg * PN[h * 3 + k] > 0.5)) continue;
    let on = true;
    for (let i = 0; i < 4 && on; i++) {
      const c = FACE_CORNERS[f * 4 + i];
      const s = PN[h * 3] * BC[c * 3] + PN[h * 3 + 1] * BC[c * 3 + 1] + PN[h * 3 + 2] * BC[c * 3 + 2] - PD[h];
      on = Math.abs(s) <= EPS;
    }
    if (on) return true;
  }
  return false;
}

/**
 * Volumetric IoU (0–1) of two oriented boxes (camera frame, any common unit). Boxes of zero volume
 * give 0. The result is clamped to [0, 1] against rounding.
 */
export function boxIou3d(a: Box3d, b: Box3d): number {
  const va = a.size[0] * a.size[1] * a.size[2];
  const vb = b.size[0] * b.size[1] * b.size[2];
  if (!(va > 0) || !(vb > 0)) return 0;
  const inter = Math.min(boxIntersectionVolume(a, b), va, vb);
  return Math.max(0, Math.min(1, inter / (va + vb - inter)));
}

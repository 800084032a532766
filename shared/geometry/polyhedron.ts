/**
 * Exact intersection volume of two oriented boxes (camera frame, mm), without sampling and without
 * allocating: everything runs on preallocated Float64Array scratch buffers.
 *
 * A ∩ B is built by clipping the convex polyhedron A by B's six half-spaces, one after the other: each
 * face polygon is clipped (Sutherland–Hodgman) and the cut is closed by a cap polygon in the clipping
 * plane, so after every step the faces form a closed convex polyhedron. Its volume, by the divergence
 * theorem, is Σ_faces area · d / 3 with d the signed distance of the face's plane from the origin along
 * its outward normal. The work is done in B's frame (origin at B's center, axes along B's edges), where
 * B's half-spaces are ±x_k ≤ h_k.
 *
 * Why this is robust where clipping both boxes' faces separately was not: each vertex is classified
 * once per plane with an exact sign test (in when n·x − d ≤ 0), every vertex takes the same side in
 * every face that shares it (shared vertices and cut points are computed alike, so they have the same
 * bits), and a face lying in or within rounding of a clipping plane is either kept
 * or replaced by the cap in the same place. So the volume is a continuous function of the boxes, with
 * no tolerance band: nearly coplanar faces (1e-10 rad, 1e-9 mm apart) lose nothing.
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

/**
 * Vertices per face polygon: a box face clipped by 6 planes has at most 10, a cap one per crossing
 * edge (at most 12) plus one per later plane; rounding in degenerate slivers can add a few.
 */
const MAXV = 32;
/** Faces of the clipped polyhedron: A's 6 plus at most one cap per clipping plane. */
const MAXF = 12;
// Scratch state, reused by every call (JS is single-threaded and nothing here re-enters).
const AN = new Float64Array(9); // A's unit axes in B's frame (rows)
const AO = new Float64Array(3); // A's center in B's frame
const BH = new Float64Array(3), AH = new Float64Array(3);
const BU = new Float64Array(9); // B's unit axes in the camera frame (rows)
/** Two polyhedra (current and next), each: vertices, vertex counts, outward unit normals, plane offsets. */
const FV = [new Float64Array(MAXF * MAXV * 3), new Float64Array(MAXF * MAXV * 3)];
const FC = [new Int32Array(MAXF), new Int32Array(MAXF)];
const FN = [new Float64Array(MAXF * 3), new Float64Array(MAXF * 3)];
const FD = [new Float64Array(MAXF), new Float64Array(MAXF)];
const CAP = new Float64Array(MAXV * 3); // cut points of the current plane (one per crossing edge)
const ANG = new Float64Array(MAXV);
const ORD = new Int32Array(MAXV);

/**
 * Clips polyhedron `src` (nf faces) by the half-space x_k·sg ≤ h into `1 − src`, adding the cap. Returns
 * the number of faces left (0: nothing left), or -1 when every vertex is inside (`src` unchanged).
 */
function clipByPlane(src: number, nf: number, k: number, sg: number, h: number): number {
  const dst = 1 - src;
  const sv = FV[src], sc = FC[src], sn = FN[src], sd = FD[src];
  const dv = FV[dst], dc = FC[dst], dn = FN[dst], dd = FD[dst];
  let anyOut = false;
  for (let f = 0; f < nf && !anyOut; f++) {
    for (let i = 0; i < sc[f]; i++) if (sg * sv[(f * MAXV + i) * 3 + k] - h > 0) { anyOut = true; break; }
  }
  if (!anyOut) return -1;
  let out = 0, ncap = 0;
  for (let f = 0; f < nf; f++) {
    const n = sc[f], base = f * MAXV * 3, obase = out * MAXV * 3;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const p = base + i * 3, q = base + j * 3;
      const dp = sg * sv[p + k] - h, dq = sg * sv[q + k] - h;
      if (dp <= 0 && m < MAXV) { dv[obase + m * 3] = sv[p]; dv[obase + m * 3 + 1] = sv[p + 1]; dv[obase + m * 3 + 2] = sv[p + 2]; m++; }
      if ((dp <= 0) !== (dq <= 0)) {
        // The cut point, computed from the inside end so both faces of the edge get it alike.
        const t = dp <= 0 ? dp / (dp - dq) : dq / (dq - dp);
        const a = dp <= 0 ? p : q, b = dp <= 0 ? q : p;
        const x = sv[a] + t * (sv[b] - sv[a]), y = sv[a + 1] + t * (sv[b + 1] - sv[a + 1]), z = sv[a + 2] + t * (sv[b + 2] - sv[a + 2]);
        if (m < MAXV) { dv[obase + m * 3] = x; dv[obase + m * 3 + 1] = y; dv[obase + m * 3 + 2] = z; m++; }
        // Both faces of a crossing edge compute its cut point from the same inside end with the same
        // arithmetic, so they get the same bits: the cap keeps one copy.
        let seen = false;
        for (let c = 0; c < ncap && !seen; c++) seen = CAP[c * 3] === x && CAP[c * 3 + 1] === y && CAP[c * 3 + 2] === z;
        if (!seen && ncap < MAXV) { CAP[ncap * 3] = x; CAP[ncap * 3 + 1] = y; CAP[ncap * 3 + 2] = z; ncap++; }
      }
    }
    if (m < 3) continue;
    dc[out] = m;
    dn[out * 3] = sn[f * 3]; dn[out * 3 + 1] = sn[f * 3 + 1]; dn[out * 3 + 2] = sn[f * 3 + 2];
    dd[out] = sd[f];
    out++;
  }
  if (out === 0 || ncap < 3 || out >= MAXF) return out;
  // The cap: the cut points in angular order around their centroid, in the plane x_k = sg·h.
  const u = k === 0 ? 1 : 0, v = k === 2 ? 1 : 2;
  let cu = 0, cv = 0;
  for (let i = 0; i < ncap; i++) { cu += CAP[i * 3 + u]; cv += CAP[i * 3 + v]; }
  cu /= ncap; cv /= ncap;
  for (let i = 0; i < ncap; i++) {
    ANG[i] = Math.atan2(CAP[i * 3 + v] - cv, CAP[i * 3 + u] - cu);
    let j = i;
    while (j > 0 && ANG[ORD[j - 1]] > ANG[i]) { ORD[j] = ORD[j - 1]; j--; }
    ORD[j] = i;
  }
  const obase = out * MAXV * 3;
  const m = ncap;
  for (let i = 0; i < m; i++) {
    const c = ORD[i] * 3;
    dv[obase + i * 3] = CAP[c]; dv[obase + i * 3 + 1] = CAP[c + 1]; dv[obase + i * 3 + 2] = CAP[c + 2];
  }
  dc[out] = m;
  dn[out * 3] = k === 0 ? sg : 0; dn[out * 3 + 1] = k === 1 ? sg : 0; dn[out * 3 + 2] = k === 2 ? sg : 0;
  dd[out] = h;
  return out + 1;
}

/** |area| (mm²) of face f of polyhedron `buf`, whose plane has unit normal FN. */
function faceArea(buf: number, f: number): number {
  const V = FV[buf], n = FC[buf][f], b = f * MAXV * 3;
  const ox = V[b], oy = V[b + 1], oz = V[b + 2];
  let ax = 0, ay = 0, az = 0;
  for (let i = 1; i + 1 < n; i++) {
    const ux = V[b + i * 3] - ox, uy = V[b + i * 3 + 1] - oy, uz = V[b + i * 3 + 2] - oz;
    const vx = V[b + i * 3 + 3] - ox, vy = V[b + i * 3 + 4] - oy, vz = V[b + i * 3 + 5] - oz;
    ax += uy * vz - uz * vy; ay += uz * vx - ux * vz; az += ux * vy - uy * vx;
  }
  const N = FN[buf];
  return Math.abs(ax * N[f * 3] + ay * N[f * 3 + 1] + az * N[f * 3 + 2]) / 2;
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
  // A as a polyhedron in buffer 0: its six faces with outward normals ±a_k and offsets ±a_k·o + h_k.
  const V = FV[0];
  for (let f = 0; f < 6; f++) {
    const k = f >> 1, sg = f & 1 ? 1 : -1;
    for (let i = 0; i < 4; i++) {
      const c = FACE_CORNERS[f * 4 + i];
      const s0 = S[c * 3] * AH[0], s1 = S[c * 3 + 1] * AH[1], s2 = S[c * 3 + 2] * AH[2];
      for (let j = 0; j < 3; j++) V[(f * MAXV + i) * 3 + j] = AO[j] + AN[j] * s0 + AN[3 + j] * s1 + AN[6 + j] * s2;
    }
    FC[0][f] = 4;
    const nx = sg * AN[k * 3], ny = sg * AN[k * 3 + 1], nz = sg * AN[k * 3 + 2];
    FN[0][f * 3] = nx; FN[0][f * 3 + 1] = ny; FN[0][f * 3 + 2] = nz;
    FD[0][f] = nx * AO[0] + ny * AO[1] + nz * AO[2] + AH[k];
  }
  let buf = 0, nf = 6;
  for (let h = 0; h < 6 && nf > 0; h++) {
    const n = clipByPlane(buf, nf, h >> 1, h & 1 ? 1 : -1, BH[h >> 1]);
    if (n < 0) continue;
    nf = n;
    buf = 1 - buf;
  }
  let vol = 0;
  for (let f = 0; f < nf; f++) vol += (faceArea(buf, f) * FD[buf][f]) / 3;
  return vol > 0 ? vol : 0;
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

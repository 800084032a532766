/**
 * Exact intersection volume of two oriented boxes (camera frame, mm): box A as a convex polyhedron
 * (a list of planar faces) is clipped by the six half-spaces of box B, and the volume of the result is
 * summed as pyramids from an interior point. Exact up to floating-point rounding; no sampling.
 */
import { boxCorners } from './box3d';
import type { Box3d, Vec3 } from './types';

/** Faces of a box as corner-index cycles in METRICS.md corner order. */
const BOX_FACES: readonly number[][] = [
  [0, 1, 2, 3], [4, 5, 6, 7], [0, 1, 5, 4], [3, 2, 6, 7], [0, 3, 7, 4], [1, 2, 6, 5],
];

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** A convex polyhedron as its faces, each a cyclic list of vertices. */
export type Polyhedron = Vec3[][];

/** The box as a polyhedron of 6 quadrilateral faces. */
export function boxPolyhedron(box: Box3d): Polyhedron {
  const c = boxCorners(box);
  return BOX_FACES.map((f) => f.map((i) => c[i]));
}

/** The box's six half-spaces `n·x ≤ d` (n unit, outward). */
export function boxHalfSpaces(box: Box3d): { n: Vec3; d: number }[] {
  const out: { n: Vec3; d: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const axis: Vec3 = [box.rotation[0][k], box.rotation[1][k], box.rotation[2][k]];
    const len = Math.hypot(axis[0], axis[1], axis[2]);
    const n: Vec3 = [axis[0] / len, axis[1] / len, axis[2] / len];
    const c = dot(n, box.center as Vec3);
    out.push({ n, d: c + box.size[k] / 2 }, { n: [-n[0], -n[1], -n[2]], d: -c + box.size[k] / 2 });
  }
  return out;
}

/**
 * Clips a convex polyhedron by the half-space `n·x ≤ d` and closes the cut with a cap face. Returns an
 * empty polyhedron when nothing remains. Vertices within `eps` (mm) of the plane count as on it.
 */
export function clipPolyhedron(poly: Polyhedron, n: Vec3, d: number, eps = 1e-9): Polyhedron {
  const out: Polyhedron = [];
  const cap: Vec3[] = [];
  // A face lying in the clip plane already closes the cut; adding a cap too would count it twice.
  let hasFaceOnPlane = false;
  for (const face of poly) {
    const kept: Vec3[] = [];
    let onPlane = 0;
    for (let i = 0; i < face.length; i++) {
      const p = face[i];
      const q = face[(i + 1) % face.length];
      const sp = side(dot(n, p) - d, eps);
      const sq = side(dot(n, q) - d, eps);
      if (sp <= 0) kept.push(p);
      if (sp === 0) { cap.push(p); onPlane++; }
      if (sp * sq < 0) {
        const t = (dot(n, p) - d) / (dot(n, p) - dot(n, q));
        const x: Vec3 = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])];
        kept.push(x);
        cap.push(x);
      }
    }
    if (onPlane === face.length) hasFaceOnPlane = true;
    if (kept.length >= 3) out.push(kept);
  }
  if (out.length > 0 && cap.length >= 3 && !hasFaceOnPlane) out.push(orderOnPlane(cap, n));
  return out;
}

/** Sign of a signed distance (mm) with a dead band, so near-coplanar faces are treated as coplanar. */
function side(s: number, eps: number): number {
  return s > eps ? 1 : s < -eps ? -1 : 0;
}

/** Orders coplanar points by angle around their centroid, in the plane with normal `n`. */
function orderOnPlane(points: Vec3[], n: Vec3): Vec3[] {
  const c: Vec3 = [0, 0, 0];
  for (const p of points) for (let k = 0; k < 3; k++) c[k] += p[k] / points.length;
  const helper: Vec3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = cross(n, helper);
  const v = cross(n, u);
  const angle = points.map((p) => Math.atan2(dot(sub(p, c), v), dot(sub(p, c), u)));
  return points.map((_, i) => i).sort((a, b) => angle[a] - angle[b]).map((i) => points[i]);
}

/**
 * Volume (mm³) of a convex polyhedron: Σ over faces of (1/3)·|A_f · (p_f − o)|, with A_f the face's
 * area vector (Newell) and o the vertex centroid, which lies inside a convex body. 0 when empty.
 */
export function polyhedronVolume(poly: Polyhedron): number {
  const o: Vec3 = [0, 0, 0];
  let count = 0;
  for (const f of poly) for (const p of f) { o[0] += p[0]; o[1] += p[1]; o[2] += p[2]; count++; }
  if (count === 0) return 0;
  o[0] /= count; o[1] /= count; o[2] /= count;
  let vol = 0;
  for (const f of poly) {
    const a: Vec3 = [0, 0, 0];
    for (let i = 0; i < f.length; i++) {
      const c = cross(sub(f[i], o), sub(f[(i + 1) % f.length], o));
      a[0] += c[0]; a[1] += c[1]; a[2] += c[2];
    }
    vol += Math.abs(dot(a, sub(f[0], o))) / 6;
  }
  return vol;
}

/** Exact intersection volume (mm³) of two oriented boxes; 0 when they are disjoint or only touch. */
export function boxIntersectionVolume(a: Box3d, b: Box3d): number {
  let poly = boxPolyhedron(a);
  for (const h of boxHalfSpaces(b)) {
    poly = clipPolyhedron(poly, h.n, h.d);
    if (poly.length === 0) return 0;
  }
  return polyhedronVolume(poly);
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

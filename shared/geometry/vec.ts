/**
 * The one 3-vector / 3×3 module (mm, row-major matrices), for the geometry here and the pipeline.
 * Plain tuples so that values serialise straight into dataset lines. The metric's hot paths (pnp.ts,
 * polyhedron.ts) keep their own Float64Array arithmetic on purpose: no allocation per call.
 */
import type { Vec3 } from './types';

export type M3 = [Vec3, Vec3, Vec3];

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const normalize = (a: Vec3): Vec3 => scale(a, 1 / (norm(a) || 1));
/** a + s·b */
export const addScaled = (a: Vec3, b: Vec3, s: number): Vec3 => [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => addScaled(a, sub(b, a), t);
export const dist = (a: Vec3, b: Vec3): number => norm(sub(a, b));

export const matVec = (m: number[][], v: Vec3): Vec3 => [
  m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
  m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
  m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
];
export const transpose = (m: number[][]): M3 => [
  [m[0][0], m[1][0], m[2][0]],
  [m[0][1], m[1][1], m[2][1]],
  [m[0][2], m[1][2], m[2][2]],
];
export function matMul(a: number[][], b: number[][]): M3 {
  const r: M3 = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
  return r;
}
/** Column j of a row-major matrix (for rotations: the j-th axis). */
export const column = (m: number[][], j: number): Vec3 => [m[0][j], m[1][j], m[2][j]];
/** Matrix whose columns are a, b, c. */
export const fromColumns = (a: Vec3, b: Vec3, c: Vec3): M3 => [
  [a[0], b[0], c[0]],
  [a[1], b[1], c[1]],
  [a[2], b[2], c[2]],
];
/** BOP stores 3×3 matrices as 9 numbers, row-major. */
export const fromFlat = (f: number[]): M3 => [
  [f[0], f[1], f[2]],
  [f[3], f[4], f[5]],
  [f[6], f[7], f[8]],
];
export const toFlat = (m: number[][]): number[] => [...m[0], ...m[1], ...m[2]];

export const rotX = (a: number): M3 => [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
export const rotY = (a: number): M3 => [[Math.cos(a), 0, Math.sin(a)], [0, 1, 0], [-Math.sin(a), 0, Math.cos(a)]];
export const rotZ = (a: number): M3 => [[Math.cos(a), -Math.sin(a), 0], [Math.sin(a), Math.cos(a), 0], [0, 0, 1]];

/** Rigid transform X' = R·X + t (mm). */
export interface Rigid {
  R: M3;
  t: Vec3;
}
export const applyRigid = (T: Rigid, p: Vec3): Vec3 => add(matVec(T.R, p), T.t);
export function invertRigid(T: Rigid): Rigid {
  const Rt = transpose(T.R);
  return { R: Rt, t: scale(matVec(Rt, T.t), -1) };
}

/** Rounds for output: keeps files small while staying far below the 0.5 px / 0.1 mm tolerances. */
export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

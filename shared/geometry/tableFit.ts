import { projectBox } from './box3d';
import { boxOnTable, rayTableIntersection, type TablePose, type WorldToCamera } from './camera';
import type { Mat3, Vec2 } from './types';

/**
 * Recovers the box a pose answer was drawn as, resting on the table: the `TablePose` (world mm) whose
 * projection under `K` and `w2c` best fits the 8 points in METRICS.md's corner order (least squares,
 * damped Gauss–Newton from the box the bottom face 0–3 marks on the table). Exact (to rounding) for
 * answers drawn with the 3D box tool; an answer drawn freely gets its nearest box on the table.
 * Returns the pose and its rms reprojection error in image px, or null when corners 0–3 do not all
 * meet the table (drawn above the horizon) or the fit does not stay finite.
 */
export function fitTablePose(K: Mat3, w2c: WorldToCamera, points: readonly Vec2[]): { pose: TablePose; rmsPx: number } | null {
  if (points.length !== 8) return null;
  const base = points.slice(0, 4).map((p) => rayTableIntersection(K, w2c, p));
  if (base.some((b) => !b)) return null;
  const [b0, b1, b2, b3] = base as [number, number, number][];
  const edge = (a: number[], b: number[]) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  const sx = Math.max(1, (edge(b0, b1) + edge(b3, b2)) / 2);
  const sy = Math.max(1, (edge(b0, b3) + edge(b1, b2)) / 2);
  const start = {
    x: (b0[0] + b1[0] + b2[0] + b3[0]) / 4,
    y: (b0[1] + b1[1] + b2[1] + b3[1]) / 4,
    yawRad: Math.atan2(b1[1] - b0[1] + b2[1] - b3[1], b1[0] - b0[0] + b2[0] - b3[0]),
  };
  // Height: start from the mean image height of the four vertical edges, scaled like the footprint.
  const imgEdge = (i: number) => Math.hypot(points[i + 4][0] - points[i][0], points[i + 4][1] - points[i][1]);
  const imgBase = (Math.hypot(points[1][0] - points[0][0], points[1][1] - points[0][1]) + 1e-9) / sx;
  const sz = Math.max(1, ((imgEdge(0) + imgEdge(1) + imgEdge(2) + imgEdge(3)) / 4) / imgBase);
  let v = [start.x, start.y, start.yawRad, 0, Math.log(sx), Math.log(sy), Math.log(sz)];
  const toPose = (u: number[]): TablePose => ({ x: u[0], y: u[1], yawRad: u[2], tiltRad: u[3], size: [Math.exp(u[4]), Math.exp(u[5]), Math.exp(u[6])] });
  const residual = (u: number[]): number[] => {
    const proj = projectBox(K, boxOnTable(toPose(u), w2c));
    return proj.flatMap((q, i) => [q[0] - points[i][0], q[1] - points[i][1]]);
  };
  const cost = (r: number[]) => r.reduce((s, x) => s + x * x, 0);
  let r = residual(v);
  let c = cost(r);
  let lambda = 1e-3;
  const EPS = [0.05, 0.05, 1e-5, 1e-5, 1e-5, 1e-5, 1e-5];
  for (let it = 0; it < 60 && Number.isFinite(c); it++) {
    const J = EPS.map((e, k) => {
      const up = v.slice(), dn = v.slice();
      up[k] += e;
      dn[k] -= e;
      const ru = residual(up), rd = residual(dn);
      return ru.map((x, i) => (x - rd[i]) / (2 * e));
    });
    const A = J.map((a) => J.map((b) => a.reduce((s, x, i) => s + x * b[i], 0)));
    const g = J.map((a) => a.reduce((s, x, i) => s + x * r[i], 0));
    let improved = false;
    for (let tries = 0; tries < 8; tries++) {
      const M = A.map((row, i) => row.map((x, j) => (i === j ? x * (1 + lambda) + 1e-12 : x)));
      const step = solve(M, g.map((x) => -x));
      if (!step) break;
      const cand = v.map((x, k) => x + step[k]);
      cand[3] = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, cand[3]));
      const rc = residual(cand);
      const cc = cost(rc);
      if (cc < c) {
        const gain = c - cc;
        v = cand; r = rc; c = cc;
        lambda = Math.max(1e-9, lambda / 3);
        improved = true;
        if (gain < 1e-10 * (1 + c)) it = Infinity;
        break;
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  if (!Number.isFinite(c)) return null;
  return { pose: toPose(v), rmsPx: Math.sqrt(c / 8) };
}

/** Gaussian elimination with partial pivoting; null for a singular system. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[piv][col])) piv = r;
    if (Math.abs(M[piv][col]) < 1e-300) return null;
    [M[col], M[piv]] = [M[piv], M[col]];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      for (let k = col; k <= n; k++) M[r][k] -= f * M[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

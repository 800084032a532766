/**
 * Small dense linear algebra for the PnP fit. Hand-written where a call is made millions of times
 * (tiny fixed-size solves); ml-matrix's SVD where robustness matters more than speed.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Vec3 } from './types';

/**
 * Solves the n×n system `A x = b` in place by Gaussian elimination with partial pivoting. `A` is
 * row-major in a Float64Array of n·n, `b` of n; both are overwritten. Returns null when a pivot is below
 * `eps` times the largest, i.e. the system is (numerically) singular.
 */
export function solveInPlace(A: Float64Array, b: Float64Array, n: number, eps = 1e-12): Float64Array | null {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  if (!(scale > 0)) return null;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[piv * n + c])) piv = r;
    if (!(Math.abs(A[piv * n + c]) > eps * scale)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k]; A[c * n + k] = A[piv * n + k]; A[piv * n + k] = t;
      }
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

/**
 * The rotation (det +1) nearest in Frobenius norm to the 3×3 matrix `m` (row-major, 9 numbers), and the
 * mean singular value of `m` (its scale). A mirrored `m` (det < 0) gets its weakest axis flipped.
 */
export function nearestRotation(m: ArrayLike<number>): { R: Float64Array; scale: number } {
  const svd = new SingularValueDecomposition(
    new Matrix([[m[0], m[1], m[2]], [m[3], m[4], m[5]], [m[6], m[7], m[8]]]),
    { autoTranspose: false },
  );
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const d = svd.diagonal;
  const R = new Float64Array(9);
  for (let pass = 0; pass < 2; pass++) {
    const flip = pass === 0 ? 1 : -1;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        // ml-matrix sorts singular values in descending order, so column 2 is the weakest axis.
        R[i * 3 + j] = U.get(i, 0) * V.get(j, 0) + U.get(i, 1) * V.get(j, 1) + flip * U.get(i, 2) * V.get(j, 2);
      }
    }
    if (det3(R) > 0) break;
  }
  return { R, scale: (d[0] + d[1] + d[2]) / 3 };
}

/** Determinant of a row-major 3×3 matrix. */
export function det3(m: ArrayLike<number>): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

/** Inverse of a row-major 3×3 matrix, or null when singular. */
export function inverse3(m: ArrayLike<number>): Float64Array | null {
  const d = det3(m);
  if (!Number.isFinite(d) || d === 0) return null;
  const inv = new Float64Array([
    m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
    m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
    m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
  ]);
  for (let i = 0; i < 9; i++) inv[i] /= d;
  return inv;
}

/** `exp([w]×) · R` (Rodrigues), written into `out`; R row-major 3×3. */
export function rotateLeft(w: Vec3, R: Float64Array, out: Float64Array): void {
  const th = Math.hypot(w[0], w[1], w[2]);
  const a = th < 1e-12 ? 1 : Math.sin(th) / th;
  const b = th < 1e-12 ? 0.5 : (1 - Math.cos(th)) / (th * th);
  const [x, y, z] = w;
  const E = [
    1 - b * (y * y + z * z), -a * z + b * x * y, a * y + b * x * z,
    a * z + b * x * y, 1 - b * (x * x + z * z), -a * x + b * y * z,
    -a * y + b * x * z, a * x + b * y * z, 1 - b * (x * x + y * y),
  ];
  const tmp = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    tmp[i * 3 + j] = E[i * 3] * R[j] + E[i * 3 + 1] * R[3 + j] + E[i * 3 + 2] * R[6 + j];
  }
  out.set(tmp);
}

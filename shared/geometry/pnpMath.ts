/** Fixed-size maths for pnp.ts, allocation-free (row-major Float64Arrays): solvers, the general-K cost, the rotation grid. */

/** Inverse of row-major 3×3 `m` into `out`; returns det(m) (out is garbage when it is 0). */
export function inv3Into(m: Float64Array, out: Float64Array): number {
  const c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6];
  const det = m[0] * c00 + m[1] * c01 + m[2] * c02;
  const id = 1 / det;
  out[0] = c00 * id; out[1] = (m[2] * m[7] - m[1] * m[8]) * id; out[2] = (m[1] * m[5] - m[2] * m[4]) * id;
  out[3] = c01 * id; out[4] = (m[0] * m[8] - m[2] * m[6]) * id; out[5] = (m[2] * m[3] - m[0] * m[5]) * id;
  out[6] = c02 * id; out[7] = (m[1] * m[6] - m[0] * m[7]) * id; out[8] = (m[0] * m[4] - m[1] * m[3]) * id;
  return det;
}

/**
 * Solves (H + λ·diag(H + 1e-9)) δ = −g by Cholesky (upper triangle of H used), into D; false when not
 * positive definite. Unrolled over locals (generated; the 6×6 size is fixed). H is 6×6 row-major, G and D 6.
 */
export function dampedSolve6(H: Float64Array, G: Float64Array, D: Float64Array, lambda: number): boolean {
  const a00 = H[0] + lambda * (H[0] + 1e-9);
  const a01 = H[1];
  const a02 = H[2];
  const a03 = H[3];
  const a04 = H[4];
  const a05 = H[5];
  const a11 = H[7] + lambda * (H[7] + 1e-9);
  const a12 = H[8];
  const a13 = H[9];
  const a14 = H[10];
  const a15 = H[11];
  const a22 = H[14] + lambda * (H[14] + 1e-9);
  const a23 = H[15];
  const a24 = H[16];
  const a25 = H[17];
  const a33 = H[21] + lambda * (H[21] + 1e-9);
  const a34 = H[22];
  const a35 = H[23];
  const a44 = H[28] + lambda * (H[28] + 1e-9);
  const a45 = H[29];
  const a55 = H[35] + lambda * (H[35] + 1e-9);
  const s0 = a00;
  if (!(s0 > 0)) return false;
  const u00 = Math.sqrt(s0), i0 = 1 / u00;
  const u01 = (a01) * i0;
  const u02 = (a02) * i0;
  const u03 = (a03) * i0;
  const u04 = (a04) * i0;
  const u05 = (a05) * i0;
  const s1 = a11 - u01 * u01;
  if (!(s1 > 0)) return false;
  const u11 = Math.sqrt(s1), i1 = 1 / u11;
  const u12 = (a12 - u01 * u02) * i1;
  const u13 = (a13 - u01 * u03) * i1;
  const u14 = (a14 - u01 * u04) * i1;
  const u15 = (a15 - u01 * u05) * i1;
  const s2 = a22 - u02 * u02 - u12 * u12;
  if (!(s2 > 0)) return false;
  const u22 = Math.sqrt(s2), i2 = 1 / u22;
  const u23 = (a23 - u02 * u03 - u12 * u13) * i2;
  const u24 = (a24 - u02 * u04 - u12 * u14) * i2;
  const u25 = (a25 - u02 * u05 - u12 * u15) * i2;
  const s3 = a33 - u03 * u03 - u13 * u13 - u23 * u23;
  if (!(s3 > 0)) return false;
  const u33 = Math.sqrt(s3), i3 = 1 / u33;
  const u34 = (a34 - u03 * u04 - u13 * u14 - u23 * u24) * i3;
  const u35 = (a35 - u03 * u05 - u13 * u15 - u23 * u25) * i3;
  const s4 = a44 - u04 * u04 - u14 * u14 - u24 * u24 - u34 * u34;
  if (!(s4 > 0)) return false;
  const u44 = Math.sqrt(s4), i4 = 1 / u44;
  const u45 = (a45 - u04 * u05 - u14 * u15 - u24 * u25 - u34 * u35) * i4;
  const s5 = a55 - u05 * u05 - u15 * u15 - u25 * u25 - u35 * u35 - u45 * u45;
  if (!(s5 > 0)) return false;
  const u55 = Math.sqrt(s5), i5 = 1 / u55;
  const y0 = (-G[0]) * i0;
  const y1 = (-G[1] - u01 * y0) * i1;
  const y2 = (-G[2] - u02 * y0 - u12 * y1) * i2;
  const y3 = (-G[3] - u03 * y0 - u13 * y1 - u23 * y2) * i3;
  const y4 = (-G[4] - u04 * y0 - u14 * y1 - u24 * y2 - u34 * y3) * i4;
  const y5 = (-G[5] - u05 * y0 - u15 * y1 - u25 * y2 - u35 * y3 - u45 * y4) * i5;
  const x5 = (y5) * i5;
  const x4 = (y4 - u45 * x5) * i4;
  const x3 = (y3 - u34 * x4 - u35 * x5) * i3;
  const x2 = (y2 - u23 * x3 - u24 * x4 - u25 * x5) * i2;
  const x1 = (y1 - u12 * x2 - u13 * x3 - u14 * x4 - u15 * x5) * i1;
  const x0 = (y0 - u01 * x1 - u02 * x2 - u03 * x3 - u04 * x4 - u05 * x5) * i0;
  D[0] = x0; D[1] = x1; D[2] = x2; D[3] = x3; D[4] = x4; D[5] = x5;
  return true;
}

/** `out = exp([w]×) · R` (Rodrigues); R row-major 3×3, out must not alias R. */
export function rotateLeftInto(w0: number, w1: number, w2: number, R: Float64Array, out: Float64Array): void {
  const th2 = w0 * w0 + w1 * w1 + w2 * w2;
  const th = Math.sqrt(th2);
  const a = th < 1e-8 ? 1 - th2 / 6 : Math.sin(th) / th;
  const b = th < 1e-8 ? 0.5 - th2 / 24 : (1 - Math.cos(th)) / th2;
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


/** Sum of squared reprojection errors (px²) of object points OBJ (8×3) against U (8×2) under K at (R, t); Infinity when a corner is not in front. */
export function costGeneral(R: Float64Array, t: Float64Array, K: Float64Array, OBJ: Float64Array, U: Float64Array): number {
  let c = 0;
  for (let i = 0; i < 8; i++) {
    const X = OBJ[i * 3], Y = OBJ[i * 3 + 1], Z = OBJ[i * 3 + 2];
    const q0 = R[0] * X + R[1] * Y + R[2] * Z + t[0];
    const q1 = R[3] * X + R[4] * Y + R[5] * Z + t[1];
    const q2 = R[6] * X + R[7] * Y + R[8] * Z + t[2];
    if (!(q2 > 1e-6)) return Infinity;
    const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
    const du = (K[0] * q0 + K[1] * q1 + K[2] * q2) / w - U[i * 2];
    const dv = (K[3] * q0 + K[4] * q1 + K[5] * q2) / w - U[i * 2 + 1];
    c += du * du + dv * dv;
  }
  return c;
}

/** Gauss–Newton normal equations H δ = −g of the reprojection error at (R, t); δ = (ω, δt), R ← exp([ω]×)R. */
/** Gauss–Newton normal equations H δ = −G (H 6×6, G 6) of `costGeneral` at (R, t); δ = (ω, δt), R ← exp([ω]×)R. */
export function normalEquationsGeneral(R: Float64Array, t: Float64Array, K: Float64Array, OBJ: Float64Array, U: Float64Array, H: Float64Array, G: Float64Array): void {
  H.fill(0);
  G.fill(0);
  for (let i = 0; i < 8; i++) {
    const X = OBJ[i * 3], Y = OBJ[i * 3 + 1], Z = OBJ[i * 3 + 2];
    const r0 = R[0] * X + R[1] * Y + R[2] * Z, r1 = R[3] * X + R[4] * Y + R[5] * Z, r2 = R[6] * X + R[7] * Y + R[8] * Z;
    const q0 = r0 + t[0], q1 = r1 + t[1], q2 = r2 + t[2];
    const w = K[6] * q0 + K[7] * q1 + K[8] * q2;
    for (let a = 0; a < 2; a++) {
      const k0 = K[a * 3], k1 = K[a * 3 + 1], k2 = K[a * 3 + 2];
      const proj = (k0 * q0 + k1 * q1 + k2 * q2) / w;
      const res = proj - U[i * 2 + a];
      // d(proj)/dq = (K_a − proj·K_2) / w; dq/dω = −[r]×, dq/dt = I.
      const d0 = (k0 - proj * K[6]) / w, d1 = (k1 - proj * K[7]) / w, d2 = (k2 - proj * K[8]) / w;
      const j0 = d2 * r1 - d1 * r2, j1 = d0 * r2 - d2 * r0, j2 = d1 * r0 - d0 * r1;
      G[0] += j0 * res; G[1] += j1 * res; G[2] += j2 * res; G[3] += d0 * res; G[4] += d1 * res; G[5] += d2 * res;
      H[0] += j0 * j0; H[1] += j0 * j1; H[2] += j0 * j2; H[3] += j0 * d0; H[4] += j0 * d1; H[5] += j0 * d2;
      H[7] += j1 * j1; H[8] += j1 * j2; H[9] += j1 * d0; H[10] += j1 * d1; H[11] += j1 * d2;
      H[14] += j2 * j2; H[15] += j2 * d0; H[16] += j2 * d1; H[17] += j2 * d2;
      H[21] += d0 * d0; H[22] += d0 * d1; H[23] += d0 * d2;
      H[28] += d1 * d1; H[29] += d1 * d2;
      H[35] += d2 * d2;
    }
  }
}

/**
 * `n` rotations spread over SO(3): a Halton sequence (bases 2, 3, 5) mapped to unit quaternions
 * (Shoemake's uniform map), so any n gives an even, deterministic cover.
 */
export function buildRotationGrid(n: number): Float64Array {
  const halton = (i: number, base: number) => {
    let f = 1, r = 0;
    for (let k = i; k > 0; k = Math.floor(k / base)) { f /= base; r += f * (k % base); }
    return r;
  };
  const out = new Float64Array(n * 9);
  for (let i = 0; i < n; i++) {
    const u1 = halton(i + 1, 2), u2 = halton(i + 1, 3), u3 = halton(i + 1, 5);
    const a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
    const w = a * Math.sin(2 * Math.PI * u2), x = a * Math.cos(2 * Math.PI * u2), y = b * Math.sin(2 * Math.PI * u3), z = b * Math.cos(2 * Math.PI * u3);
    out.set([
      1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
      2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
      2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
    ], i * 9);
  }
  return out;
}

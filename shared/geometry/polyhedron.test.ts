import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { poseIou3d } from '../metrics/poseIou';
import { projectBox } from './box3d';
import { boxIntersectionVolume, boxIou3d } from './polyhedron';
import { rotationFromEuler as rotation } from './rotation';
import type { Box3d, Mat3, Vec2, Vec3 } from './types';

const angle = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true });
const arbBox = fc
  .record({
    center: fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 800, max: 1000, noNaN: true })),
    size: fc.tuple(fc.double({ min: 20, max: 200, noNaN: true }), fc.double({ min: 20, max: 200, noNaN: true }), fc.double({ min: 20, max: 200, noNaN: true })),
    angles: fc.tuple(angle, angle, angle),
  })
  .map(({ center, size, angles }): Box3d => ({ center: center as Vec3, size: size as Vec3, rotation: rotation(...angles) }));

function transform(box: Box3d, R: Mat3, t: Vec3): Box3d {
  const mul = (A: Mat3, B: Mat3) => A.map((row) => [0, 1, 2].map((j) => row[0] * B[0][j] + row[1] * B[1][j] + row[2] * B[2][j]));
  const c = box.center;
  return {
    center: [0, 1, 2].map((i) => R[i][0] * c[0] + R[i][1] * c[1] + R[i][2] * c[2] + t[i]) as Vec3,
    size: box.size,
    rotation: mul(R, box.rotation),
  };
}

describe('oriented box intersection', () => {
  it('matches the analytic volume of axis-aligned boxes', () => {
    const I: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const a: Box3d = { center: [0, 0, 0], size: [2, 2, 2], rotation: I };
    const b: Box3d = { center: [1, 0.5, 0], size: [2, 2, 2], rotation: I };
    expect(boxIntersectionVolume(a, b)).toBeCloseTo(1 * 1.5 * 2, 9);
    expect(boxIou3d(a, b)).toBeCloseTo(3 / (16 - 3), 9);
  });

  it('matches the analytic volume of a box turned 45° inside a larger one', () => {
    const I: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const s = Math.SQRT1_2;
    const big: Box3d = { center: [0, 0, 0], size: [10, 10, 10], rotation: I };
    const small: Box3d = { center: [0, 0, 0], size: [2, 2, 2], rotation: [[s, -s, 0], [s, s, 0], [0, 0, 1]] };
    expect(boxIntersectionVolume(big, small)).toBeCloseTo(8, 9);
    // A unit-height slab through a square turned 45°: the intersection is the octagon of a square ∩ diamond.
    const slab: Box3d = { center: [0, 0, 0], size: [2, 2, 1], rotation: I };
    const octagon = 4 - 4 * ((2 - Math.SQRT2) ** 2 / 2); // the square minus four corner triangles
    expect(boxIntersectionVolume(slab, { ...small, size: [2, 2, 1] })).toBeCloseTo(octagon, 9);
  });

  test.prop([arbBox, arbBox])('IoU is in [0, 1] and symmetric', (a, b) => {
    const ab = boxIou3d(a, b);
    expect(ab).toBeGreaterThanOrEqual(0);
    expect(ab).toBeLessThanOrEqual(1);
    expect(Math.abs(ab - boxIou3d(b, a))).toBeLessThan(1e-9);
  });

  test.prop([arbBox])('IoU of a box with itself is 1, by an intersection of its own volume', (a) => {
    expect(boxIntersectionVolume(a, a) / (a.size[0] * a.size[1] * a.size[2])).toBeCloseTo(1, 9);
    expect(boxIou3d(a, a)).toBeCloseTo(1, 9);
  });

  test.prop([arbBox, fc.double({ min: 0, max: 0.99, noNaN: true })])('a box slid along its own axis overlaps by the rest', (a, f) => {
    const R = a.rotation;
    const shift = f * a.size[0];
    const b: Box3d = { ...a, center: [0, 1, 2].map((i) => a.center[i] + R[i][0] * shift) as Vec3 };
    expect(boxIntersectionVolume(a, b) / (a.size[0] * a.size[1] * a.size[2])).toBeCloseTo(1 - f, 6);
  });

  test.prop([arbBox, arbBox, fc.tuple(angle, angle, angle), fc.tuple(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }))])(
    'IoU is unchanged by a common rotation and translation',
    (a, b, angles, t) => {
      const R = rotation(...angles);
      expect(Math.abs(boxIou3d(a, b) - boxIou3d(transform(a, R, t as Vec3), transform(b, R, t as Vec3)))).toBeLessThan(1e-7);
    },
  );

  test.prop([arbBox, arbBox])('IoU is 0 for boxes far apart', (a, b) => {
    expect(boxIou3d(a, { ...b, center: [b.center[0] + 1000, b.center[1], b.center[2]] })).toBe(0);
  });
});

/** Rotation by `angleRad` about the unit axis `u` (Rodrigues), row-major. */
function axisAngle(u: Vec3, angleRad: number): Mat3 {
  const n = Math.hypot(...u), [x, y, z] = u.map((c) => c / n);
  const c = Math.cos(angleRad), s = Math.sin(angleRad), C = 1 - c;
  return [
    [c + x * x * C, x * y * C - z * s, x * z * C + y * s],
    [y * x * C + z * s, c + y * y * C, y * z * C - x * s],
    [z * x * C - y * s, z * y * C + x * s, c + z * z * C],
  ];
}
const I3: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
/** Overlap volume of two axis-aligned boxes (analytic). */
function alignedOverlap(a: Box3d, b: Box3d): number {
  let v = 1;
  for (let k = 0; k < 3; k++) {
    const lo = Math.max(a.center[k] - a.size[k] / 2, b.center[k] - b.size[k] / 2);
    const hi = Math.min(a.center[k] + a.size[k] / 2, b.center[k] + b.size[k] / 2);
    v *= Math.max(0, hi - lo);
  }
  return v;
}
const coord = fc.double({ min: -50, max: 50, noNaN: true });
const side = fc.double({ min: 5, max: 100, noNaN: true });
const arbAligned = fc
  .record({ center: fc.tuple(coord, coord, coord), size: fc.tuple(side, side, side) })
  .map(({ center, size }): Box3d => ({ center: center as Vec3, size: size as Vec3, rotation: I3 }));
const axis = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true }));

describe('oriented box intersection where faces (nearly) coincide', () => {
  it("keeps every piece of two axis-aligned boxes when one is tilted by 1e-10 rad (the issue's 0.0913 for 1/9)", () => {
    const a: Box3d = { center: [0, 0, 0], size: [1, 1, 1], rotation: I3 };
    const b: Box3d = { center: [0.5, 0.6, 0], size: [1, 1, 1], rotation: I3 };
    expect(boxIou3d(a, b)).toBeCloseTo(1 / 9, 12);
    for (const u of [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 2, 3]] as Vec3[]) {
      for (const eps of [1e-10, -1e-10, 3e-9, 1e-12]) {
        expect(Math.abs(boxIou3d(a, { ...b, rotation: axisAngle(u, eps) }) - 1 / 9)).toBeLessThan(1e-8);
        expect(Math.abs(boxIou3d({ ...b, rotation: axisAngle(u, eps) }, a) - 1 / 9)).toBeLessThan(1e-8);
      }
    }
  });

  const epsRad = fc.tuple(fc.constantFrom(1, -1), fc.constantFrom(1e-11, 1e-10, 3e-10, 1e-9, 3e-9, 1e-8)).map(([s, e]) => s * e);
  test.prop([arbAligned, arbAligned, axis, epsRad], { numRuns: 300 })(
    'axis-aligned boxes, one tilted by ε, give the analytic overlap',
    (a, b, u, eps) => {
      const exact = alignedOverlap(a, b);
      const scale = Math.max(...a.size, ...b.size);
      expect(Math.abs(boxIntersectionVolume(a, { ...b, rotation: axisAngle(u, eps) }) - exact)).toBeLessThan(1e-6 * scale ** 2);
    },
  );

  const fewNm = fc.integer({ min: -8, max: 8 });
  test.prop([arbAligned, fc.tuple(fewNm, fewNm, fewNm), fc.double({ min: 0.3, max: 1, noNaN: true }), axis, epsRad], { numRuns: 300 })(
    'faces a few 1e-9 apart (near-coplanar, also tilted by ε) and faces exactly touching give the analytic overlap',
    (a, k, f, u, eps) => {
      // b shares a's faces up to k·1e-9 mm along each axis, slid by a fraction of the size along x.
      const b: Box3d = {
        center: [a.center[0] + f * a.size[0] + k[0] * 1e-9, a.center[1] + k[1] * 1e-9, a.center[2] + k[2] * 1e-9],
        size: a.size,
        rotation: I3,
      };
      const exact = alignedOverlap(a, b);
      const tol = 1e-6 * Math.max(...a.size) ** 2;
      expect(Math.abs(boxIntersectionVolume(a, b) - exact)).toBeLessThan(tol);
      expect(Math.abs(boxIntersectionVolume(b, a) - exact)).toBeLessThan(tol);
      const tilted = { ...b, rotation: axisAngle(u, eps) };
      expect(Math.abs(boxIntersectionVolume(a, tilted) - exact)).toBeLessThan(tol);
      expect(Math.abs(boxIntersectionVolume(tilted, a) - exact)).toBeLessThan(tol);
    },
  );

  test.prop([arbBox, fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }))], { numRuns: 300 })(
    'a box nested in another (rotated alike, or tilted by ε) is its own volume',
    (a, f, off) => {
      const inner: Box3d = {
        center: [0, 1, 2].map((i) => a.center[i] + a.rotation[i][0] * off[0] * (1 - f) * a.size[0] / 2 + a.rotation[i][1] * off[1] * (1 - f) * a.size[1] / 2 + a.rotation[i][2] * off[2] * (1 - f) * a.size[2] / 2) as Vec3,
        size: a.size.map((s) => s * f) as Vec3,
        rotation: a.rotation,
      };
      const v = inner.size[0] * inner.size[1] * inner.size[2];
      expect(boxIntersectionVolume(a, inner) / v).toBeCloseTo(1, 6);
      expect(boxIntersectionVolume(inner, a) / v).toBeCloseTo(1, 6);
    },
  );

  it('touching boxes (a shared face, edge or corner) overlap by 0', () => {
    const a: Box3d = { center: [0, 0, 0], size: [2, 2, 2], rotation: I3 };
    for (const c of [[2, 0, 0], [2, 2, 0], [2, 2, 2], [0, -2, 0]] as Vec3[]) {
      expect(boxIntersectionVolume(a, { center: c, size: [2, 2, 2], rotation: I3 })).toBeLessThan(1e-12);
      expect(boxIntersectionVolume(a, { center: c, size: [2, 2, 2], rotation: axisAngle([1, 1, 1], 1e-10) })).toBeLessThan(1e-8);
    }
  });

  it('the ground-truth box slid by a quarter of its size along two axes, projected and written with 8 or 9 decimals, scores its IoU (issue 10: 0.600 for 0.391)', () => {
    const K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];
    const gt: Box3d = { center: [20, -10, 900], size: [80, 60, 120], rotation: rotation(0.4, -0.3, 0.2) };
    const R = gt.rotation;
    for (const [k, l] of [[0, 1], [1, 2], [0, 2]]) {
      const slid: Box3d = { ...gt, center: [0, 1, 2].map((i) => gt.center[i] + (R[i][k] * gt.size[k] + R[i][l] * gt.size[l]) / 4) as Vec3 };
      const exact = 0.5625 / 1.4375;
      expect(boxIou3d(gt, slid)).toBeCloseTo(exact, 9);
      for (const decimals of [8, 9]) {
        const pts = projectBox(K, slid).map(([x, y]): Vec2 => [Number(x.toFixed(decimals)), Number(y.toFixed(decimals))]);
        expect(Math.abs(poseIou3d(K, gt, pts) - exact)).toBeLessThan(1e-4);
      }
    }
  });
});

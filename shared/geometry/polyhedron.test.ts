import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { boxIntersectionVolume, boxIou3d } from './polyhedron';
import { rotationFromEuler as rotation } from './rotation';
import type { Box3d, Mat3, Vec3 } from './types';

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

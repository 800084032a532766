import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { poseIou3d } from '../metrics/poseIou';
import { projectBox } from './box3d';
import { CUBE_RELABELINGS, fitBoxToCorners, fitToBox } from './pnp';
import { boxIou3d } from './polyhedron';
import { rotationFromEuler as rotation } from './rotation';
import type { Box3d, Mat3, Vec2, Vec3 } from './types';

const K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];
const angle = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true });
const arbBox = fc
  .record({
    center: fc.tuple(fc.double({ min: -150, max: 150, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 700, max: 1500, noNaN: true })),
    size: fc.tuple(fc.double({ min: 40, max: 200, noNaN: true }), fc.double({ min: 40, max: 200, noNaN: true }), fc.double({ min: 40, max: 200, noNaN: true })),
    angles: fc.tuple(angle, angle, angle),
  })
  .map(({ center, size, angles }): Box3d => ({ center: center as Vec3, size: size as Vec3, rotation: rotation(...angles) }));

describe('PnP lift of box corners', () => {
  it('has 48 distinct relabelings, the identity first, each a cube symmetry', () => {
    expect(new Set(CUBE_RELABELINGS.map((p) => p.join())).size).toBe(48);
    expect(CUBE_RELABELINGS[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const p of CUBE_RELABELINGS) expect([...p].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test.prop([arbBox])('recovers a box from its exact projection', (box) => {
    const fit = fitBoxToCorners(K, box.size, projectBox(K, box));
    expect(fit).not.toBeNull();
    expect(fit!.rms).toBeLessThan(1e-3);
    expect(poseIou3d(K, box, projectBox(K, box))).toBeGreaterThan(0.999);
  });

  // The search covers the 48 relabelings as 12 classes and visits them in an order that relabelling
  // only permutes, so the invariance is exact up to rounding.
  test.prop([arbBox, fc.integer({ min: 0, max: 47 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 16, maxLength: 16 })], { numRuns: 100 })(
    'IoU 3D does not depend on how the corners are labelled',
    (box, k, noise) => {
      const pts = projectBox(K, box).map((p, i): Vec2 => [p[0] + noise[2 * i], p[1] + noise[2 * i + 1]]);
      const relabelled = CUBE_RELABELINGS[k].map((j) => pts[j]);
      const iou = (q: Vec2[]) => {
        const f = fitBoxToCorners(K, box.size, q);
        return f ? boxIou3d(fitToBox(f, box.size), box) : 0;
      };
      expect(Math.abs(iou(pts) - iou(relabelled))).toBeLessThan(1e-6);
    },
  );

  it('returns null for degenerate points and scores them 0', () => {
    const same: Vec2[] = Array.from({ length: 8 }, () => [100, 100]);
    expect(fitBoxToCorners(K, [50, 50, 50], same)).toBeNull();
    const box: Box3d = { center: [0, 0, 1000], size: [50, 50, 50], rotation: rotation(0, 0, 0) };
    expect(poseIou3d(K, box, same)).toBe(0);
  });
});

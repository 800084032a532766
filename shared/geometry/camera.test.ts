import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { boxCorners, projectBox, projectPoint } from './box3d';
import {
  boxOnTable,
  cameraCenterWorld,
  defaultWorldToCamera,
  pixelRay,
  rayTableIntersection,
  tablePoseCenterWorld,
  tablePoseRotation,
  worldToCameraPoint,
  type TablePose,
} from './camera';
import type { Mat3, Vec3 } from './types';

const K: Mat3 = [[1390.5, 0, 964.9], [0, 1386.2, 547.8], [0, 0, 1]];
const w2c = defaultWorldToCamera();

describe('pixelRay', () => {
  it('projects back onto the same pixel at any depth', () => {
    const d = pixelRay(K, [123.4, 987.6]);
    for (const s of [100, 812]) {
      const p = projectPoint(K, [d[0] * s, d[1] * s, d[2] * s]);
      expect(p[0]).toBeCloseTo(123.4, 9);
      expect(p[1]).toBeCloseTo(987.6, 9);
    }
  });
});

describe('defaultWorldToCamera', () => {
  it('is a rotation with the camera 600 mm above the table, looking down', () => {
    const R = w2c.R;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const dot = R[i][0] * R[j][0] + R[i][1] * R[j][1] + R[i][2] * R[j][2];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    expect(cameraCenterWorld(w2c)[2]).toBeCloseTo(600, 9);
    // The world origin is on the optical axis in front of the camera.
    const o = worldToCameraPoint(w2c, [0, 0, 0]);
    expect(o[0]).toBeCloseTo(0, 9);
    expect(o[1]).toBeCloseTo(0, 9);
    expect(o[2]).toBeGreaterThan(0);
  });
});

describe('rayTableIntersection', () => {
  it('returns the table point seen at a pixel (round trip)', () => {
    const P: Vec3 = [37, -120, 0];
    const px = projectPoint(K, worldToCameraPoint(w2c, P));
    const hit = rayTableIntersection(K, w2c, px)!;
    expect(hit[0]).toBeCloseTo(37, 6);
    expect(hit[1]).toBeCloseTo(-120, 6);
    expect(hit[2]).toBe(0);
  });
  it('is null above the horizon', () => {
    expect(rayTableIntersection(K, w2c, [960, -5000])).toBeNull();
  });
});

describe('boxOnTable', () => {
  const pose: TablePose = { x: 20, y: 40, yawRad: 0.4, tiltRad: 0, size: [60, 40, 120] };
  it('rests on the table: lowest corner at z = 0', () => {
    for (const tiltRad of [0, 0.3, Math.PI / 2, 2]) {
      const c = tablePoseCenterWorld({ ...pose, tiltRad });
      const Rw = tablePoseRotation(pose.yawRad, tiltRad);
      const corners = boxCorners({ center: c, size: pose.size, rotation: Rw });
      expect(Math.min(...corners.map((q) => q[2]))).toBeCloseTo(0, 9);
    }
  });
  it('place → project gives the corners of the world box in METRICS.md order', () => {
    const box = boxOnTable(pose, w2c);
    const projected = projectBox(K, box);
    const Rw = tablePoseRotation(pose.yawRad, pose.tiltRad);
    const worldCorners = boxCorners({ center: tablePoseCenterWorld(pose), size: pose.size, rotation: Rw });
    worldCorners.forEach((wc, i) => {
      const p = projectPoint(K, worldToCameraPoint(w2c, wc));
      expect(projected[i][0]).toBeCloseTo(p[0], 6);
      expect(projected[i][1]).toBeCloseTo(p[1], 6);
    });
    // Corner 0 is (−,−,−) in the box frame: its bottom face (local z = −h/2) is corners 0–3.
    expect(worldCorners[0][2]).toBeCloseTo(0, 9);
  });
  test.prop([
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
    fc.double({ min: 0, max: Math.PI / 2, noNaN: true }),
  ])('rotation is orthonormal and the footprint centre projects back onto the table', (x, y, yawRad, tiltRad) => {
    const box = boxOnTable({ x, y, yawRad, tiltRad, size: [50, 60, 70] }, w2c);
    const R = box.rotation;
    const det =
      R[0][0] * (R[1][1] * R[2][2] - R[1][2] * R[2][1]) -
      R[0][1] * (R[1][0] * R[2][2] - R[1][2] * R[2][0]) +
      R[0][2] * (R[1][0] * R[2][1] - R[1][1] * R[2][0]);
    expect(det).toBeCloseTo(1, 9);
    const foot = projectPoint(K, worldToCameraPoint(w2c, [x, y, 0]));
    const hit = rayTableIntersection(K, w2c, foot)!;
    expect(hit[0]).toBeCloseTo(x, 5);
    expect(hit[1]).toBeCloseTo(y, 5);
  });
});

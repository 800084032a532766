import { describe, expect, it } from 'vitest';
import { projectBox } from '../geometry/box3d';
import { boxOnTable, defaultWorldToCamera, type TablePose } from '../geometry/camera';
import { fitTablePose } from '../geometry/tableFit';
import type { Mat3 } from '../geometry/types';
import { poseAdvice } from './poseAdvice';

const K: Mat3 = [[1390.5, 0, 964.9], [0, 1386.2, 547.8], [0, 0, 1]];
const w2c = defaultWorldToCamera();
const truthPose: TablePose = { x: 20, y: 30, yawRad: 0.4, tiltRad: 0, size: [66, 70, 122] };
const truth = boxOnTable(truthPose, w2c);
const drawn = (p: Partial<TablePose>) => projectBox(K, boxOnTable({ ...truthPose, ...p }, w2c));

describe('fitTablePose', () => {
  it('recovers the box an answer was drawn as, tilted or not', () => {
    for (const p of [truthPose, { ...truthPose, tiltRad: 0.3, size: [40, 90, 150] as [number, number, number] }]) {
      const fit = fitTablePose(K, w2c, projectBox(K, boxOnTable(p, w2c)))!;
      expect(fit.rmsPx).toBeLessThan(0.01);
      expect(fit.pose.x).toBeCloseTo(p.x, 1);
      expect(fit.pose.size[2]).toBeCloseTo(p.size[2], 1);
      expect(fit.pose.tiltRad).toBeCloseTo(p.tiltRad, 3);
    }
  });
  it('gives up on a face drawn above the horizon', () => {
    const pts = drawn({}).map(([x, y]) => [x, y - 5000] as [number, number]);
    expect(fitTablePose(K, w2c, pts)).toBeNull();
  });
});

describe('poseAdvice', () => {
  it('says a good answer is good', () => {
    expect(poseAdvice(K, w2c, drawn({}), truth)).toEqual(['Size, place and turn all match the object closely.']);
  });
  it('says too tall, with both heights', () => {
    const a = poseAdvice(K, w2c, drawn({ size: [66, 70, 180] }), truth);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatch(/too tall: about 18 cm high, the object about 12 cm/);
  });
  it('says too far from the camera, and too far left', () => {
    // The default camera looks along world +y.
    expect(poseAdvice(K, w2c, drawn({ y: 90 }), truth)).toEqual([expect.stringMatching(/too far from the camera, by about 6\.0 cm/)]);
    expect(poseAdvice(K, w2c, drawn({ x: -20 }), truth)).toEqual([expect.stringMatching(/about 4\.0 cm too far left/)]);
  });
  it('says turned by about N°, and which way to turn it back', () => {
    const a = poseAdvice(K, w2c, drawn({ yawRad: 0.4 + (30 * Math.PI) / 180 }), truth);
    expect(a).toEqual([expect.stringMatching(/turned by about 30° .*clockwise \(seen from above\) with \[/)]);
    // A quarter turn of a near-square box is no turn at all; a half turn of any box neither.
    expect(poseAdvice(K, w2c, drawn({ yawRad: 0.4 + Math.PI }), truth)).toEqual(['Size, place and turn all match the object closely.']);
  });
  it('sees a box laid on its side with T as the wrong height', () => {
    const a = poseAdvice(K, w2c, drawn({ size: [122, 66, 70] }), truth);
    expect(a.join(' ')).toMatch(/too short/);
  });
});

import { normativePath } from '../../testdata/normative';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Box3d, Mat3, Vec2 } from '../geometry/types';
import { poseIou2d, poseIou3d } from './poseIou';

interface PoseCase {
  name: string;
  camera: { K: Mat3 };
  box3d: Box3d;
  gt: Vec2[];
  pred: Vec2[];
  iou3d: number;
  iou2d: number;
  tolerance: number;
}
// The normative reference cases: ../shared/fixtures beside the repo, or their verbatim copy in testdata/.
const cases: PoseCase[] = JSON.parse(
  readFileSync(normativePath('fixtures/metric-vectors.json'), 'utf8'),
).pose;

describe('pose IoU: fixture cases', () => {
  for (const [i, c] of cases.entries()) {
    it(`${i}: ${c.name}`, () => {
      expect(Math.abs(poseIou3d(c.camera.K, c.box3d, c.pred) - c.iou3d)).toBeLessThanOrEqual(c.tolerance);
      expect(Math.abs(poseIou2d(c.gt, c.pred) - c.iou2d)).toBeLessThanOrEqual(c.tolerance);
    });
  }
});

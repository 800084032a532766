import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../geometry/types';
import { graspNce, graspNceSingle } from './graspNce';

const point = fc.tuple(fc.double({ min: 0, max: 1280, noNaN: true }), fc.double({ min: 0, max: 720, noNaN: true })) as fc.Arbitrary<Vec2>;
const grasp = fc.array(point, { minLength: 5, maxLength: 5 });
const swapFingers = (g: Vec2[]): Vec2[] => [g[0], g[2], g[1], g[4], g[3]];

describe('grasp NCE: properties', () => {
  test.prop([grasp, grasp])('is unchanged by swapping the prediction’s fingers', (p, g) => {
    const a = graspNceSingle(p, g, 1280, 720);
    const b = graspNceSingle(swapFingers(p), g, 1280, 720);
    if (Number.isFinite(a)) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, a));
    else expect(b).toBe(a);
  });

  test.prop([grasp, grasp])('is unchanged by swapping the ground truth’s fingers', (p, g) => {
    const a = graspNceSingle(p, g, 1280, 720);
    const b = graspNceSingle(p, swapFingers(g), 1280, 720);
    if (Number.isFinite(a)) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, a));
    else expect(b).toBe(a);
  });

  test.prop([grasp, fc.array(grasp, { minLength: 1, maxLength: 4 })])('is the minimum over the ground-truth grasps, and ≥ 0', (p, gs) => {
    const all = graspNce(p, gs, 1280, 720);
    expect(all).toBeGreaterThanOrEqual(0);
    expect(all).toBe(Math.min(...gs.map((g) => graspNceSingle(p, g, 1280, 720))));
  });

  it('is 0 for the ground truth itself and ∞ with no ground truth or no gripper width', () => {
    const g: Vec2[] = [[600, 300], [580, 300], [620, 300], [580, 340], [620, 340]];
    expect(graspNce(g, [g], 1280, 720)).toBe(0);
    expect(graspNce(g, [], 1280, 720)).toBe(Infinity);
    const flat: Vec2[] = [[1, 1], [2, 2], [2, 2], [3, 3], [3, 3]];
    expect(graspNceSingle(g, flat, 1280, 720)).toBe(Infinity);
  });
});

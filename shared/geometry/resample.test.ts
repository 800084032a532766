import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { meanResampledDistance, resampleByArcLength } from './resample';
import type { Vec2 } from './types';

// Pixel coordinates to 1/100 px: plain doubles would bring subnormals (1e-120) and -0, which test
// floating-point underflow rather than the geometry.
const coord = fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100);
const point = fc.tuple(coord, coord) as fc.Arbitrary<Vec2>;

describe('resampleByArcLength', () => {
  it('spaces points equally along an L-shaped path', () => {
    const out = resampleByArcLength([[0, 0], [10, 0], [10, 10]], 5);
    const want: Vec2[] = [[0, 0], [5, 0], [10, 0], [10, 5], [10, 10]];
    out.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(want[i][0], 12);
      expect(p[1]).toBeCloseTo(want[i][1], 12);
    });
  });

  it('handles zero-length and empty paths', () => {
    expect(resampleByArcLength([[3, 4], [3, 4]], 3)).toEqual([[3, 4], [3, 4], [3, 4]]);
    expect(resampleByArcLength([[3, 4]], 2)).toEqual([[3, 4], [3, 4]]);
    expect(resampleByArcLength([], 4)).toEqual([]);
  });

  it('skips repeated points inside the path', () => {
    const out = resampleByArcLength([[0, 0], [5, 0], [5, 0], [10, 0]], 3);
    expect(out).toEqual([[0, 0], [5, 0], [10, 0]]);
  });

  test.prop([fc.array(point, { minLength: 2, maxLength: 8 }), fc.integer({ min: 2, max: 40 })])(
    'keeps both endpoints, returns n points, and equal steps along the path',
    (path, n) => {
      const out = resampleByArcLength(path, n);
      expect(out).toHaveLength(n);
      expect(out[0]).toEqual(path[0]);
      const last = path[path.length - 1];
      let total = 0;
      for (let i = 1; i < path.length; i++) total += Math.hypot(path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1]);
      if (total > 0) {
        expect(out[n - 1][0]).toBeCloseTo(last[0], 6);
        expect(out[n - 1][1]).toBeCloseTo(last[1], 6);
      }
      // Chords never exceed the arc-length step.
      for (let i = 1; i < n; i++) {
        expect(Math.hypot(out[i][0] - out[i - 1][0], out[i][1] - out[i - 1][1])).toBeLessThanOrEqual(total / (n - 1) + 1e-6);
      }
    },
  );
});

describe('meanResampledDistance', () => {
  const c2 = fc.integer({ min: -200000, max: 200000 }).map((v) => v / 100);
  const pt = fc.tuple(c2, c2) as fc.Arbitrary<Vec2>;
  const path = fc.oneof(fc.array(pt, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom<Vec2>([1, 1], [1, 1], [5, 1], [5, 9]), { minLength: 1, maxLength: 8 }));
  test.prop([path, path])('equals the mean distance of the two resampled paths', (a, b) => {
    const ra = resampleByArcLength(a, 32), rb = resampleByArcLength(b, 32);
    let s = 0;
    for (let i = 0; i < 32; i++) s += Math.hypot(ra[i][0] - rb[i][0], ra[i][1] - rb[i][1]);
    expect(meanResampledDistance(a, b, 32)).toBe(s / 32);
  });
});

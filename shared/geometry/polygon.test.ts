import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { clipConvex, convexHull, convexHullIou, distToSegment, pointInPolygon, polygonArea, signedArea } from './polygon';
import type { Vec2 } from './types';

// Pixel coordinates to 1/100 px: plain doubles would bring subnormals (1e-120) and -0, which test
// floating-point underflow rather than the geometry.
const coord = fc.integer({ min: -50000, max: 50000 }).map((v) => v / 100);
const point = fc.tuple(coord, coord) as fc.Arbitrary<Vec2>;
const cloud = fc.array(point, { minLength: 3, maxLength: 10 });
const square = (x: number, y: number, s: number): Vec2[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

describe('convex hull and areas', () => {
  it('drops interior and collinear points and orients counter-clockwise (y up)', () => {
    const h = convexHull([[0, 0], [2, 0], [1, 0], [2, 2], [0, 2], [1, 1]]);
    expect(h).toHaveLength(4);
    expect(signedArea(h)).toBe(4);
    expect(polygonArea([...h].reverse())).toBe(4);
  });

  it('gives degenerate hulls of area 0', () => {
    expect(polygonArea(convexHull([[0, 0], [1, 1], [2, 2]]))).toBe(0);
    expect(convexHull([])).toEqual([]);
  });

  it('point in polygon counts the boundary as inside', () => {
    const sq = square(0, 0, 10);
    expect(pointInPolygon([5, 5], sq)).toBe(true);
    expect(pointInPolygon([10, 5], sq)).toBe(true);
    expect(pointInPolygon([0, 0], sq)).toBe(true);
    expect(pointInPolygon([10.01, 5], sq)).toBe(false);
    expect(distToSegment([5, 3], [0, 0], [10, 0])).toBe(3);
    expect(distToSegment([3, 4], [0, 0], [0, 0])).toBe(5);
  });

  it('clips two overlapping squares to their common square', () => {
    const inter = clipConvex(convexHull(square(0, 0, 10)), convexHull(square(5, 5, 10)));
    expect(polygonArea(inter)).toBeCloseTo(25, 9);
    expect(clipConvex(convexHull(square(0, 0, 1)), convexHull(square(5, 5, 1)))).toEqual([]);
  });
});

describe('IoU 2D (convex hulls)', () => {
  it('matches hand-computed values', () => {
    expect(convexHullIou(square(0, 0, 10), square(0, 0, 10))).toBe(1);
    expect(convexHullIou(square(0, 0, 10), square(5, 5, 10))).toBeCloseTo(25 / 175, 12);
    expect(convexHullIou(square(0, 0, 10), square(20, 0, 10))).toBe(0);
    expect(convexHullIou(square(0, 0, 10), [[1, 1], [2, 2], [3, 3]])).toBe(0);
  });

  test.prop([cloud, cloud])('lies in [0, 1] and is symmetric', (a, b) => {
    const ab = convexHullIou(a, b);
    const ba = convexHullIou(b, a);
    expect(ab).toBeGreaterThanOrEqual(0);
    expect(ab).toBeLessThanOrEqual(1);
    expect(Math.abs(ab - ba)).toBeLessThanOrEqual(1e-9);
  });

  test.prop([cloud])('is 1 for a non-degenerate hull with itself, unchanged by point order', (a) => {
    const area = polygonArea(convexHull(a));
    fc.pre(area > 1e-3);
    expect(convexHullIou(a, a)).toBeCloseTo(1, 9);
    expect(Math.abs(convexHullIou(a, [...a].reverse()) - 1)).toBeLessThan(1e-9);
  });

  test.prop([cloud, cloud, point])('is unchanged when both sets get the same translation', (a, b, d) => {
    const move = (ps: Vec2[]) => ps.map(([x, y]): Vec2 => [x + d[0], y + d[1]]);
    expect(Math.abs(convexHullIou(a, b) - convexHullIou(move(a), move(b)))).toBeLessThan(1e-6);
  });
});

import { describe, expect, it } from 'vitest';
import { polygonArea } from '../../shared/geometry/polygon';
import { pointInPolygon } from './polygon2d';
import { maskRegion } from './regions';

const W = 120;
const H = 90;
function mask(on: (x: number, y: number) => boolean): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (on(x, y)) m[y * W + x] = 255;
  return m;
}
/** Pixels of `m` whose centre the polygon holds, and pixels outside `m` it holds. */
function coverage(m: Uint8Array, poly: [number, number][]): { inside: number; outside: number; total: number } {
  let [inside, outside, total] = [0, 0, 0];
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const isOn = m[y * W + x] !== 0;
    if (isOn) total++;
    if (!pointInPolygon([x + 0.5, y + 0.5], poly)) continue;
    if (isOn) inside++;
    else outside++;
  }
  return { inside, outside, total };
}

describe('maskRegion', () => {
  it('follows a concave (L-shaped) mask instead of its hull', () => {
    const m = mask((x, y) => x >= 10 && x < 90 && y >= 10 && y < 80 && !(x >= 40 && y < 50));
    const r = maskRegion(m, W, H)!;
    const c = coverage(m, r.polygon);
    expect(c.inside / c.total).toBeGreaterThan(0.98);
    expect(c.outside).toBeLessThan(0.01 * c.total);
    expect(pointInPolygon([65, 25], r.polygon)).toBe(false); // the notch
    expect(r.polygon.length).toBeLessThanOrEqual(12);
    expect(pointInPolygon(r.marker, r.polygon)).toBe(true);
    expect(m[Math.floor(r.marker[1]) * W + Math.floor(r.marker[0])]).toBe(255);
  });

  it('joins the pieces of a split mask by bridges that cover no pixel, and cuts out holes', () => {
    // A box seen on both sides of a can standing in front of it, with a hole where something shows through.
    const m = mask((x, y) => y >= 20 && y < 70 && ((x >= 5 && x < 45) || (x >= 60 && x < 110)) && !(x >= 75 && x < 95 && y >= 35 && y < 55));
    const r = maskRegion(m, W, H)!;
    const c = coverage(m, r.polygon);
    expect(c.inside / c.total).toBeGreaterThan(0.98);
    expect(c.outside).toBeLessThan(0.01 * c.total);
    expect(pointInPolygon([52.5, 45.5], r.polygon)).toBe(false); // the occluder between the pieces
    expect(pointInPolygon([85.5, 45.5], r.polygon)).toBe(false); // the hole
  });

  it('keeps at most maxVertices vertices on a ragged outline, and drops specks', () => {
    const m = mask((x, y) => {
      const a = Math.atan2(y - 45, x - 60);
      const rad = 35 + 4 * Math.sin(13 * a) + 2 * Math.cos(31 * a);
      return Math.hypot(x - 60, y - 45) < rad || (x === 2 && y === 2);
    });
    for (const max of [64, 24, 10]) {
      const r = maskRegion(m, W, H, max)!;
      expect(r.polygon.length).toBeLessThanOrEqual(max);
      expect(polygonArea(r.polygon) / r.pixelCount).toBeGreaterThan(0.85);
      expect(pointInPolygon([2.5, 2.5], r.polygon)).toBe(false);
    }
  });

  it('is undefined for an empty mask and follows a single pixel', () => {
    expect(maskRegion(new Uint8Array(W * H), W, H)).toBeUndefined();
    const one = maskRegion(mask((x, y) => x === 7 && y === 9), W, H);
    // Too small to be a piece: no polygon, but still a marker on the pixel.
    expect(one!.marker).toEqual([7.5, 9.5]);
  });
});

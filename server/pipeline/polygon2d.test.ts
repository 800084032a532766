import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../../shared/geometry/types';
import { convexHull, maskRegion } from './polygon2d';

/** The plain per-pixel scan maskRegion replaced: its results must stay exactly the same. */
function referenceMaskRegion(data: ArrayLike<number>, width: number, height: number) {
  const pts: Vec2[] = [];
  let [sx, sy, n, x0, x1, y0, y1] = [0, 0, 0, width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    let lo = -1;
    let hi = -1;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      if (lo < 0) lo = x;
      hi = x;
      sx += x;
      sy += y;
      n++;
    }
    if (lo < 0) continue;
    pts.push([lo, y], [lo, y + 1], [hi + 1, y], [hi + 1, y + 1]);
    [x0, x1, y0, y1] = [Math.min(x0, lo), Math.max(x1, hi), Math.min(y0, y), y];
  }
  if (n === 0) return undefined;
  const [cx, cy] = [sx / n, sy / n];
  let best: Vec2 = [0, 0];
  let bestD = Infinity;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (data[y * width + x] === 0) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) [best, bestD] = [[x + 0.5, y + 0.5], d];
    }
  }
  return { polygon: convexHull(pts), marker: best, pixelCount: n };
}

/** A mask of `w`×`h` with a few random filled blobs, at byte offset `offset` of its buffer. */
const maskArb = (maxW: number, maxH: number) => fc.record({
  w: fc.integer({ min: 1, max: maxW }), h: fc.integer({ min: 1, max: maxH }), offset: fc.integer({ min: 0, max: 5 }),
  blobs: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 9 })), { maxLength: 4 }),
  noise: fc.array(fc.nat(), { maxLength: 6 }),
}).map(({ w, h, offset, blobs, noise }) => {
  const data = new Uint8Array(new ArrayBuffer(w * h + offset), offset, w * h);
  for (const [u, v, r] of blobs) {
    const [cx, cy] = [Math.floor(u * w), Math.floor(v * h)];
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * w + x] = 255;
  }
  for (const k of noise) data[k % (w * h)] = 1;
  return { data, w, h };
});

describe('maskRegion', () => {
  test.prop([maskArb(37, 23)], { numRuns: 300 })('gives exactly the per-pixel scan\'s region, marker and count, aligned or not', ({ data, w, h }) => {
    expect(maskRegion(data, w, h)).toEqual(referenceMaskRegion(data, w, h));
    expect(maskRegion(Array.from(data), w, h)).toEqual(referenceMaskRegion(data, w, h));
  });

  // Masks past 4 KiB take the skip-zero-blocks path, including blocks with a single set pixel.
  test.prop([maskArb(320, 90)], { numRuns: 60 })('also on masks of several 4 KiB blocks', ({ data, w, h }) => {
    expect(maskRegion(data, w, h)).toEqual(referenceMaskRegion(data, w, h));
  });

  it('is undefined for an empty mask and finds a lone pixel in the last (tail) byte', () => {
    expect(maskRegion(new Uint8Array(12 * 5), 12, 5)).toBeUndefined();
    const m = new Uint8Array(7 * 3);
    m[20] = 9;
    expect(maskRegion(m, 7, 3)).toMatchObject({ marker: [6.5, 2.5], pixelCount: 1 });
  });
});

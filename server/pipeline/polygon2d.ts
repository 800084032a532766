/**
 * 2D helpers in image pixels: the region of a visible mask, plus the shared convex hull and
 * point-in-polygon test (boundary counts as inside, as METRICS.md's "inside or on the boundary").
 */
import type { Vec2 } from '../../shared/geometry/types';

// The metric's own hull and point-in-polygon test: a generated region and answer must agree with
// exactly the check the trajectory and rearrangement metrics make.
export { convexHull, pointInPolygon } from '../../shared/geometry/polygon';
import { convexHull } from '../../shared/geometry/polygon';

const BLOCK_WORDS = 1024;
const BLOCK_WORD_MASK = BLOCK_WORDS - 1;
const ZERO_BLOCK = new Uint8Array(BLOCK_WORDS * 4);

export interface MaskRegion {
  /** Convex hull of the mask's pixel squares. */
  polygon: Vec2[];
  /** A pixel centre on the mask, nearest to the mask's centroid: a marker that lies on the object. */
  marker: Vec2;
  pixelCount: number;
}

/**
 * Region of a visible mask (non-zero pixels); undefined when the mask is empty. Masks are mostly zero
 * (an object covers a few percent of the frame), so 8-bit masks skip zero 4 KiB blocks with a native
 * compare and scan the rest four pixels at a time through a 32-bit view, and the marker search visits only each row's [first, last] non-zero span. The
 * result is exactly that of a plain per-pixel scan (integer sums; same row-major order for ties).
 */
export function maskRegion(data: ArrayLike<number>, width: number, height: number): MaskRegion | undefined {
  const rowLo = new Int32Array(height).fill(-1);
  const rowHi = new Int32Array(height);
  let [sx, sy, n] = [0, 0, 0];
  const len = width * height;
  let i = 0;
  if (data instanceof Uint8Array && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, len >> 2);
    for (let w = 0; w < words.length; w++) {
      // Whole zero blocks are skipped by a native compare (memcmp), far faster than any JS loop.
      if ((w & BLOCK_WORD_MASK) === 0 && w + BLOCK_WORDS <= words.length &&
        Buffer.compare(data.subarray(w << 2, (w + BLOCK_WORDS) << 2), ZERO_BLOCK) === 0) {
        w += BLOCK_WORDS - 1;
        continue;
      }
      if (words[w] === 0) continue;
      for (let idx = w << 2, end = idx + 4; idx < end; idx++) {
        if (data[idx] === 0) continue;
        const y = (idx / width) | 0;
        const x = idx - y * width;
        if (rowLo[y] < 0) rowLo[y] = x;
        rowHi[y] = x;
        sx += x;
        sy += y;
        n++;
      }
    }
    i = words.length << 2;
  }
  for (; i < len; i++) {
    if (data[i] === 0) continue;
    const y = (i / width) | 0;
    const x = i - y * width;
    if (rowLo[y] < 0) rowLo[y] = x;
    rowHi[y] = x;
    sx += x;
    sy += y;
    n++;
  }
  if (n === 0) return undefined;
  const pts: Vec2[] = [];
  for (let y = 0; y < height; y++) {
    const lo = rowLo[y];
    if (lo < 0) continue;
    const hi = rowHi[y];
    pts.push([lo, y], [lo, y + 1], [hi + 1, y], [hi + 1, y + 1]);
  }
  const [cx, cy] = [sx / n, sy / n];
  let best: Vec2 = [0, 0];
  let bestD = Infinity;
  for (let y = 0; y < height; y++) {
    const lo = rowLo[y];
    if (lo < 0) continue;
    for (let x = lo, hi = rowHi[y]; x <= hi; x++) {
      if (data[y * width + x] === 0) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) [best, bestD] = [[x + 0.5, y + 0.5], d];
    }
  }
  return { polygon: convexHull(pts), marker: best, pixelCount: n };
}

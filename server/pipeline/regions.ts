/**
 * An object's image region from its visible mask: the mask's outline (concave where the object is),
 * not its convex hull, which on real frames covered the neighbours (the wood block's hull held the
 * banana beside it). Outlines are traced with d3-contour (marching squares) and simplified with
 * simplify-js (Douglas–Peucker) to at most `maxVertices` vertices, in image pixels (pixel centres at
 * +0.5, as the rest of the pipeline).
 *
 * One polygon per object (FORMAT.md), and the rule for a mask split by an occluder: every piece of at
 * least `MIN_PIECE_SHARE` of the mask (and `MIN_PIECE_PX` pixels) is kept, and the pieces are joined
 * into one ring by zero-width bridges between their nearest vertices; holes of that size (an object
 * seen through a mug's handle) are cut out the same way. Under the even–odd rule that the metrics'
 * point-in-polygon test uses, a bridge is walked there and back and so covers no pixel: the polygon
 * holds exactly the kept pieces minus the kept holes. Smaller specks and pinholes are dropped.
 */
import { contours } from 'd3-contour';
import simplify from 'simplify-js';
import type { Vec2 } from '../../shared/geometry/types';
import { pointInPolygon } from './polygon2d';

export interface MaskRegion {
  /** The outline as one polygon (see the rule above), at most `maxVertices` vertices. */
  polygon: Vec2[];
  /** A pixel centre deep inside the mask (farthest from its edge): a marker that lies on the object. */
  marker: Vec2;
  /** The mean of the mask's pixel centres: where a person sees the object (px). */
  centroid: Vec2;
  pixelCount: number;
}

export const MAX_REGION_VERTICES = 64;
const MIN_PIECE_SHARE = 0.02;
const MIN_PIECE_PX = 30;

type Ring = Vec2[];

function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += r[j][0] * r[i][1] - r[i][0] * r[j][1];
  return Math.abs(a) / 2;
}

/** Douglas–Peucker on a closed ring: split at the vertex farthest from the first, simplify both halves. */
function simplifyRing(r: Ring, tolerance: number): Ring {
  let far = 0;
  let best = -1;
  for (let i = 1; i < r.length; i++) {
    const d = (r[i][0] - r[0][0]) ** 2 + (r[i][1] - r[0][1]) ** 2;
    if (d > best) [far, best] = [i, d];
  }
  const half = (pts: Ring) => simplify(pts.map(([x, y]) => ({ x, y })), tolerance, true).map((p) => [p.x, p.y] as Vec2);
  const a = half(r.slice(0, far + 1));
  const b = half([...r.slice(far), r[0]]);
  return [...a, ...b.slice(1, -1)];
}

/** Joins ring `b` into ring `a` by a zero-width bridge between their nearest vertices. */
function bridge(a: Ring, b: Ring): Ring {
  let [bi, bj, bd] = [0, 0, Infinity];
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) {
    const d = (a[i][0] - b[j][0]) ** 2 + (a[i][1] - b[j][1]) ** 2;
    if (d < bd) [bi, bj, bd] = [i, j, d];
  }
  return [...a.slice(0, bi + 1), ...b.slice(bj), ...b.slice(0, bj + 1), ...a.slice(bi)];
}

/** Chamfer (3-4) distance to the nearest background pixel, on a window of the mask. */
function distanceInside(on: Uint8Array, w: number, h: number): Uint16Array {
  const d = new Uint16Array(w * h);
  const BIG = 65000;
  for (let i = 0; i < d.length; i++) d[i] = on[i] ? BIG : 0;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : d[y * w + x]);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = y * w + x;
    if (d[i]) d[i] = Math.min(d[i], at(x - 1, y) + 3, at(x, y - 1) + 3, at(x - 1, y - 1) + 4, at(x + 1, y - 1) + 4);
  }
  for (let y = h - 1; y >= 0; y--) for (let x = w - 1; x >= 0; x--) {
    const i = y * w + x;
    if (d[i]) d[i] = Math.min(d[i], at(x + 1, y) + 3, at(x, y + 1) + 3, at(x + 1, y + 1) + 4, at(x - 1, y + 1) + 4);
  }
  return d;
}

/**
 * The region of a visible mask (non-zero pixels of a `width`×`height` image, row-major); undefined
 * when the mask is empty. `maxVertices` bounds the polygon's vertex count, bridges included.
 */
export function maskRegion(data: ArrayLike<number>, width: number, height: number, maxVertices = MAX_REGION_VERTICES): MaskRegion | undefined {
  let [x0, y0, x1, y1, n, sx, sy] = [width, height, -1, -1, 0, 0, 0];
  // Masks are mostly empty: skip zero pixels four at a time where the data allows a 32-bit view.
  const words = data instanceof Uint8Array && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : undefined;
  for (let i = 0; i < data.length; i++) {
    if (words && (i & 3) === 0 && i + 3 < data.length && words[i >> 2] === 0) {
      i += 3;
      continue;
    }
    if (data[i] === 0) continue;
    const x = i % width;
    const y = (i - x) / width;
    n++;
    sx += x + 0.5;
    sy += y + 0.5;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (n === 0) return undefined;
  const centroid: Vec2 = [sx / n, sy / n];
  // A window with one empty pixel all round, so every outline closes inside it.
  const [ox, oy] = [x0 - 1, y0 - 1];
  const [w, h] = [x1 - x0 + 3, y1 - y0 + 3];
  const on = new Uint8Array(w * h);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (data[y * width + x] !== 0) on[(y - oy) * w + (x - ox)] = 1;

  const minArea = Math.max(MIN_PIECE_PX, MIN_PIECE_SHARE * n);
  const [multi] = contours().size([w, h]).smooth(false).thresholds([0.5])(on as unknown as number[]);
  const pieces = multi.coordinates
    .map((poly) => poly.map((ring) => ring.slice(0, -1).map(([x, y]) => [x + ox, y + oy] as Vec2)))
    .filter((poly) => ringArea(poly[0]) >= minArea)
    .sort((a, b) => ringArea(b[0]) - ringArea(a[0]));
  const rings = pieces.flatMap((poly) => [poly[0], ...poly.slice(1).filter((hole) => ringArea(hole) >= minArea)]);

  let polygon: Ring = [];
  for (let tolerance = 0.7; ; tolerance *= 1.35) {
    const simple = rings.map((r) => simplifyRing(r, tolerance)).filter((r) => r.length >= 3);
    polygon = simple.slice(1).reduce(bridge, simple[0] ?? []);
    if (polygon.length <= maxVertices || tolerance > Math.max(w, h)) break;
  }

  const dist = distanceInside(on, w, h);
  let [best, bestD] = [0, -1];
  for (let i = 0; i < dist.length; i++) if (dist[i] > bestD) [best, bestD] = [i, dist[i]];
  const marker: Vec2 = [(best % w) + ox + 0.5, Math.floor(best / w) + oy + 0.5];
  if (polygon.length >= 3 && !pointInPolygon(marker, polygon)) {
    // The deepest pixel sits in a dropped speck only when every kept piece is thinner: take the
    // deepest pixel the polygon holds instead.
    let [alt, altD] = [-1, -1];
    for (let i = 0; i < dist.length; i++) {
      if (dist[i] > altD && pointInPolygon([(i % w) + ox + 0.5, Math.floor(i / w) + oy + 0.5], polygon)) [alt, altD] = [i, dist[i]];
    }
    if (alt >= 0) return { polygon, marker: [(alt % w) + ox + 0.5, Math.floor(alt / w) + oy + 0.5], centroid, pixelCount: n };
  }
  return { polygon, marker, centroid, pixelCount: n };
}

/**
 * A small software rasterizer: camera-frame triangles (mm) are clipped at a near plane, projected with
 * K and scanned; each covered pixel is handed to a plot callback with its depth (mm along the optical
 * axis, as BOP stores it). Depth is interpolated as 1/z, which is exact under perspective. The frame
 * buffer's z-buffered draw is one such callback; coverage masks and shadows are others.
 */
import type { Vec3 } from '../../../shared/geometry/types';
import type { M3 } from '../../../shared/geometry/vec';
import type { Tri } from './mesh';
import { sampleTexture } from './texture';

const NEAR_MM = 20;

export interface FrameBuffers {
  width: number;
  height: number;
  rgb: Uint8Array;
  /** mm; 0 where nothing was drawn. */
  depth: Float32Array;
  /** 255 = nothing; 0 = table/floor; k + 1 = object k. */
  ids: Uint8Array;
}

/**
 * Receives pixel index and depth (mm) of a covered pixel, and its screen-space barycentric weights
 * for the triangle's first two vertices (the third is 1 - w0 - w1).
 */
export type Plot = (i: number, z: number, w0: number, w1: number) => void;

export function newBuffers(width: number, height: number, background: [number, number, number]): FrameBuffers {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height * 3; i += 3) {
    rgb[i] = background[0];
    rgb[i + 1] = background[1];
    rgb[i + 2] = background[2];
  }
  return { width, height, rgb, depth: new Float32Array(width * height), ids: new Uint8Array(width * height).fill(255) };
}

/** Sutherland–Hodgman against z = NEAR_MM; returns the visible polygon (possibly empty). */
function clipNear(pts: Vec3[]): Vec3[] {
  const out: Vec3[] = [];
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const q = pts[(i + 1) % pts.length];
    const pin = p[2] >= NEAR_MM;
    const qin = q[2] >= NEAR_MM;
    if (pin) out.push(p);
    if (pin !== qin) {
      const t = (NEAR_MM - p[2]) / (q[2] - p[2]);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), NEAR_MM]);
    }
  }
  return out;
}

type Screen = [number, number, number];

/** Scans one screen triangle (x, y in px, third value 1/z); pixel centres decide coverage. */
function scanTriangle(width: number, height: number, a: Screen, b: Screen, c: Screen, plot: Plot): void {
  const area = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  if (Math.abs(area) < 1e-9) return;
  const minX = Math.max(0, Math.floor(Math.min(a[0], b[0], c[0])));
  const maxX = Math.min(width - 1, Math.ceil(Math.max(a[0], b[0], c[0])));
  const minY = Math.max(0, Math.floor(Math.min(a[1], b[1], c[1])));
  const maxY = Math.min(height - 1, Math.ceil(Math.max(a[1], b[1], c[1])));
  // Edge functions are linear in x: step them instead of recomputing per pixel.
  const e0x = -(c[1] - b[1]) / area;
  const e1x = -(a[1] - c[1]) / area;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    const px = minX + 0.5;
    let w0 = ((b[0] - px) * (c[1] - py) - (b[1] - py) * (c[0] - px)) / area;
    let w1 = ((c[0] - px) * (a[1] - py) - (c[1] - py) * (a[0] - px)) / area;
    for (let x = minX; x <= maxX; x++, w0 += e0x, w1 += e1x) {
      const w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      plot(y * width + x, 1 / (w0 * a[2] + w1 * b[2] + w2 * c[2]), w0, w1);
    }
  }
}

/** Rasterizes camera-frame triangles with intrinsics K, calling `plot(tri)` for each triangle's pixels. */
export function rasterize(width: number, height: number, K: M3, tris: Tri[], plotFor: (t: Tri, isClipped: boolean) => Plot): void {
  for (const t of tris) {
    const poly = clipNear([t.a, t.b, t.c]);
    if (poly.length < 3) continue;
    const isClipped = poly.length !== 3 || poly[0] !== t.a || poly[1] !== t.b || poly[2] !== t.c;
    const s = poly.map((p) => [K[0][0] * (p[0] / p[2]) + K[0][2], K[1][1] * (p[1] / p[2]) + K[1][2], 1 / p[2]] as Screen);
    const plot = plotFor(t, isClipped);
    for (let i = 1; i + 1 < s.length; i++) scanTriangle(width, height, s[0], s[i], s[i + 1], plot);
  }
}

/**
 * Z-buffered draw of triangles into the frame buffers. A textured triangle samples its texture with
 * perspective-correct coordinates (u/z, v/z interpolated), scaled by its light; one cut by the near
 * plane is drawn in its flat colour instead (it is never an object: objects stay far from the camera).
 */
export function drawTriangles(fb: FrameBuffers, K: M3, tris: Tri[]): void {
  const texel: [number, number, number] = [0, 0, 0];
  rasterize(fb.width, fb.height, K, tris, (t, isClipped) => {
    const [r, g, b] = [t.color[0] | 0, t.color[1] | 0, t.color[2] | 0];
    const write = (i: number, z: number): boolean => {
      const current = fb.depth[i];
      if (current !== 0 && current <= z) return false;
      fb.depth[i] = z;
      fb.ids[i] = t.id;
      return true;
    };
    if (t.tex && t.uv && !isClipped) {
      const { tex, uv } = t;
      const light = t.light ?? 1;
      const [ia, ib, ic] = [1 / t.a[2], 1 / t.b[2], 1 / t.c[2]];
      return (i, z, w0, w1) => {
        if (!write(i, z)) return;
        const w2 = 1 - w0 - w1;
        const u = z * (w0 * uv[0][0] * ia + w1 * uv[1][0] * ib + w2 * uv[2][0] * ic);
        const v = z * (w0 * uv[0][1] * ia + w1 * uv[1][1] * ib + w2 * uv[2][1] * ic);
        sampleTexture(tex, u, v, texel);
        fb.rgb[i * 3] = Math.min(255, texel[0] * light);
        fb.rgb[i * 3 + 1] = Math.min(255, texel[1] * light);
        fb.rgb[i * 3 + 2] = Math.min(255, texel[2] * light);
      };
    }
    return (i, z) => {
      if (!write(i, z)) return;
      fb.rgb[i * 3] = r;
      fb.rgb[i * 3 + 1] = g;
      fb.rgb[i * 3 + 2] = b;
    };
  });
}

/**
 * A small software rasterizer with a z-buffer: camera-frame triangles (mm) → colour, depth (mm along
 * the optical axis, as BOP stores it) and a per-pixel id buffer from which visible masks are cut.
 * Triangles are clipped at a near plane; depth is interpolated as 1/z, which is exact under perspective.
 */
import type { Vec3 } from '../../../shared/geometry/types';
import type { M3 } from '../vec';
import type { Tri } from './mesh';

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

export function newBuffers(width: number, height: number, background: [number, number, number]): FrameBuffers {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb.set(background, i * 3);
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

/** Draws one screen triangle (x, y in px, w = 1/z) into the buffers with a depth test. */
function fillTriangle(fb: FrameBuffers, s: [number, number, number][], color: [number, number, number], id: number): void {
  const [a, b, c] = s;
  const area = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  if (Math.abs(area) < 1e-9) return;
  const minX = Math.max(0, Math.floor(Math.min(a[0], b[0], c[0])));
  const maxX = Math.min(fb.width - 1, Math.ceil(Math.max(a[0], b[0], c[0])));
  const minY = Math.max(0, Math.floor(Math.min(a[1], b[1], c[1])));
  const maxY = Math.min(fb.height - 1, Math.ceil(Math.max(a[1], b[1], c[1])));
  const r = color[0] | 0;
  const g = color[1] | 0;
  const bl = color[2] | 0;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const w0 = ((b[0] - px) * (c[1] - py) - (b[1] - py) * (c[0] - px)) / area;
      const w1 = ((c[0] - px) * (a[1] - py) - (c[1] - py) * (a[0] - px)) / area;
      const w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      const z = 1 / (w0 * a[2] + w1 * b[2] + w2 * c[2]);
      const i = y * fb.width + x;
      const current = fb.depth[i];
      if (current !== 0 && current <= z) continue;
      fb.depth[i] = z;
      fb.ids[i] = id;
      fb.rgb[i * 3] = r;
      fb.rgb[i * 3 + 1] = g;
      fb.rgb[i * 3 + 2] = bl;
    }
  }
}

/** Rasterizes camera-frame triangles with intrinsics K. */
export function drawTriangles(fb: FrameBuffers, K: M3, tris: Tri[]): void {
  for (const t of tris) {
    const poly = clipNear([t.a, t.b, t.c]);
    if (poly.length < 3) continue;
    const s = poly.map((p) => [K[0][0] * (p[0] / p[2]) + K[0][2], K[1][1] * (p[1] / p[2]) + K[1][2], 1 / p[2]] as [number, number, number]);
    for (let i = 1; i + 1 < s.length; i++) fillTriangle(fb, [s[0], s[i], s[i + 1]], t.color, t.id);
  }
}

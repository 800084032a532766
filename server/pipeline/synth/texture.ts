/**
 * Small RGB textures for the synthetic objects' printed labels: filled shapes (anti-aliased with 4×4
 * supersampling, non-zero winding, as fonts are drawn) and text set with opentype.js in DejaVu Sans
 * Condensed Bold from the `dejavu-fonts-ttf` package (Bitstream Vera / DejaVu licence, shipped in that
 * package's LICENSE). Texture coordinates: u right, v down, both in [0, 1].
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// oxlint-disable-next-line import/default -- opentype.js is a UMD bundle: Node exposes it only as the default export
import opentype from 'opentype.js';
import type { Rgb } from './catalogue';

export interface Texture {
  width: number;
  height: number;
  rgb: Uint8Array;
}

type Pt = [number, number];

export function newTexture(width: number, height: number, color: Rgb): Texture {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb.set(color, i * 3);
  return { width, height, rgb };
}

const SS = 4;

/** Fills the union of closed rings (texture pixels, non-zero winding) with `color`, anti-aliased. */
export function fillRings(tex: Texture, rings: Pt[][], color: Rgb): void {
  const pts = rings.flat();
  if (pts.length === 0) return;
  const y0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[1]))));
  const y1 = Math.min(tex.height - 1, Math.ceil(Math.max(...pts.map((p) => p[1]))));
  const x0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[0]))));
  const x1 = Math.min(tex.width - 1, Math.ceil(Math.max(...pts.map((p) => p[0]))));
  if (x1 < x0 || y1 < y0) return;
  const cw = x1 - x0 + 1;
  const cover = new Uint8Array(cw);
  const xs: { x: number; dir: number }[] = [];
  for (let y = y0; y <= y1; y++) {
    cover.fill(0);
    for (let sy = 0; sy < SS; sy++) {
      const py = y + (sy + 0.5) / SS;
      xs.length = 0;
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [a, b] = [ring[j], ring[i]];
          if (a[1] > py === b[1] > py) continue;
          xs.push({ x: a[0] + ((py - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), dir: b[1] > a[1] ? 1 : -1 });
        }
      }
      xs.sort((p, q) => p.x - q.x);
      let wind = 0;
      for (let k = 0; k + 1 < xs.length; k++) {
        wind += xs[k].dir;
        if (wind === 0) continue;
        // Sub-samples whose centre lies in [xs[k].x, xs[k + 1].x).
        const from = Math.max(x0 * SS, Math.ceil(xs[k].x * SS - 0.5));
        const to = Math.min((x1 + 1) * SS - 1, Math.ceil(xs[k + 1].x * SS - 0.5) - 1);
        for (let s = from; s <= to; s++) cover[(s >> 2) - x0]++;
      }
    }
    for (let x = x0; x <= x1; x++) {
      const a = cover[x - x0] / (SS * SS);
      if (a === 0) continue;
      const i = (y * tex.width + x) * 3;
      for (let c = 0; c < 3; c++) tex.rgb[i + c] = Math.round(tex.rgb[i + c] * (1 - a) + color[c] * a);
    }
  }
}

let font: opentype.Font | undefined;
/** The label font, parsed once per thread. */
function labelFont(): opentype.Font {
  if (!font) {
    const file = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf');
    const buf = readFileSync(file);
    font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }
  return font;
}

/** Flattens an opentype.js path (quadratic and cubic Béziers) into closed rings. */
function pathRings(path: opentype.Path): Pt[][] {
  const rings: Pt[][] = [];
  let ring: Pt[] = [];
  let last: Pt = [0, 0];
  const STEPS = 6;
  for (const c of path.commands) {
    if (c.type === 'M') {
      if (ring.length > 2) rings.push(ring);
      ring = [[c.x, c.y]];
    } else if (c.type === 'L') ring.push([c.x, c.y]);
    else if (c.type === 'Q') {
      for (let s = 1; s <= STEPS; s++) {
        const t = s / STEPS;
        const m = 1 - t;
        ring.push([m * m * last[0] + 2 * m * t * c.x1 + t * t * c.x, m * m * last[1] + 2 * m * t * c.y1 + t * t * c.y]);
      }
    } else if (c.type === 'C') {
      for (let s = 1; s <= STEPS; s++) {
        const t = s / STEPS;
        const m = 1 - t;
        ring.push([
          m * m * m * last[0] + 3 * m * m * t * c.x1 + 3 * m * t * t * c.x2 + t * t * t * c.x,
          m * m * m * last[1] + 3 * m * m * t * c.y1 + 3 * m * t * t * c.y2 + t * t * t * c.y,
        ]);
      }
    } else if (c.type === 'Z') {
      if (ring.length > 2) rings.push(ring);
      ring = [];
      continue;
    }
    last = [c.x, c.y];
  }
  if (ring.length > 2) rings.push(ring);
  return rings;
}

/**
 * Glyph outlines of `text` (uppercase Latin labels) laid out glyph by glyph with the font's advance
 * widths and kerning: opentype.js's shaping (getPath) trips over a GSUB lookup of DejaVu's that it does
 * not support, and labels need no ligatures or complex scripts.
 */
function textRings(f: opentype.Font, text: string, x: number, baseline: number, size: number): Pt[][] {
  const scale = size / f.unitsPerEm;
  const glyphs = [...text].map((ch) => f.charToGlyph(ch));
  const rings: Pt[][] = [];
  let pen = x;
  glyphs.forEach((g, i) => {
    rings.push(...pathRings(g.getPath(pen, baseline, size)));
    pen += (g.advanceWidth ?? 0) * scale;
    if (i + 1 < glyphs.length) pen += f.getKerningValue(g, glyphs[i + 1]) * scale;
  });
  return rings;
}

function advance(f: opentype.Font, text: string): number {
  const glyphs = [...text].map((ch) => f.charToGlyph(ch));
  return glyphs.reduce((w, g, i) => w + (g.advanceWidth ?? 0) + (i + 1 < glyphs.length ? f.getKerningValue(g, glyphs[i + 1]) : 0), 0) / f.unitsPerEm;
}

/**
 * Draws `text` centred on (cx, cy) (texture pixels), as large as fits `maxWidth` × `maxHeight`
 * (cap height), and returns the font size used.
 */
export function drawText(tex: Texture, text: string, cx: number, cy: number, maxWidth: number, maxHeight: number, color: Rgb): number {
  const f = labelFont();
  const capHeight = 0.73; // DejaVu's cap height, as a fraction of the em
  const width1 = advance(f, text);
  const size = Math.min(maxHeight / capHeight, maxWidth / width1);
  fillRings(tex, textRings(f, text, cx - (width1 * size) / 2, cy + (capHeight * size) / 2, size), color);
  return size;
}

/** Bilinear sample at (u, v) in [0, 1] (clamped), into `out`. */
export function sampleTexture(tex: Texture, u: number, v: number, out: Rgb): void {
  const x = Math.min(tex.width - 1.001, Math.max(0, u * tex.width - 0.5));
  const y = Math.min(tex.height - 1.001, Math.max(0, v * tex.height - 0.5));
  const [ix, iy] = [Math.floor(x), Math.floor(y)];
  const [fx, fy] = [x - ix, y - iy];
  const i00 = (iy * tex.width + ix) * 3;
  const i10 = i00 + 3;
  const i01 = i00 + tex.width * 3;
  const i11 = i01 + 3;
  const t = tex.rgb;
  for (let c = 0; c < 3; c++) {
    out[c] = (t[i00 + c] * (1 - fx) + t[i10 + c] * fx) * (1 - fy) + (t[i01 + c] * (1 - fx) + t[i11 + c] * fx) * fy;
  }
}

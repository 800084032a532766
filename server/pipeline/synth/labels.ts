/**
 * The printed labels of the catalogue's products as textures: the product's name (set in a real font,
 * see texture.ts) and its pictogram on a badge, on the label's background colour. A box face gets its
 * texture at its own size; a round product's band wraps around it with the label printed twice, so
 * that the name faces the camera from any side. Made once per thread and entry, then shared.
 */
import type { CatalogueEntry, PrintedLabel, Rgb } from './catalogue';
import { badgeColor, drawPictogram } from './pictograms';
import { type Texture, drawText, fillRings, newTexture } from './texture';

/** Texture resolution: a little finer than the images (about 1.3 px/mm at the demo's distances). */
const PX_PER_MM = 2.5;
const MAX_SIDE = 1024;
const cache = new Map<string, Texture>();

function badge(tex: Texture, x: number, y: number, size: number, color: Rgb): void {
  const ring = Array.from({ length: 40 }, (_, i) => {
    const t = (2 * Math.PI * i) / 40;
    return [x + size / 2 + (size / 2) * Math.cos(t), y + size / 2 + (size / 2) * Math.sin(t)] as [number, number];
  });
  fillRings(tex, [ring], color);
}

/**
 * One label panel in the rectangle (x, y, w, h) of `tex`: name and pictogram side by side on a wide
 * panel, the name above the pictogram on a tall one (on a two-tone label the name sits on the upper
 * colour, the pictogram on the lower).
 */
function panel(tex: Texture, l: PrintedLabel, x: number, y: number, w: number, h: number, withPictogram: boolean): void {
  const pad = Math.min(w, h) * 0.08;
  if (!withPictogram) {
    drawText(tex, l.text, x + w / 2, y + h / 2, w - 2 * pad, Math.min(h * 0.5, 60 * PX_PER_MM), l.ink);
    return;
  }
  const BADGE = badgeColor(l.pictogram);
  if (w / h > 1.6) {
    const side = h - 2 * pad;
    badge(tex, x + pad, y + pad, side, BADGE);
    drawPictogram(tex, l.pictogram, x + pad + side * 0.12, y + pad + side * 0.12, side * 0.76);
    const tx = x + 2 * pad + side;
    drawText(tex, l.text, tx + (x + w - pad - tx) / 2, y + h / 2, x + w - pad - tx, h * 0.42, l.ink);
  } else {
    const textH = Math.min(h * 0.16, w * 0.2);
    drawText(tex, l.text, x + w / 2, y + h * 0.25, w - 2 * pad, textH, l.ink);
    const side = Math.min(w - 2 * pad, h * 0.5 - 2 * pad);
    const [bx, by] = [x + (w - side) / 2, y + h * 0.5 + pad];
    badge(tex, bx, by, side, BADGE);
    drawPictogram(tex, l.pictogram, bx + side * 0.12, by + side * 0.12, side * 0.76);
  }
}

function sized(widthMm: number, heightMm: number): [number, number] {
  const k = Math.min(PX_PER_MM, MAX_SIDE / Math.max(widthMm, heightMm));
  return [Math.max(8, Math.round(widthMm * k)), Math.max(8, Math.round(heightMm * k))];
}

function lowerHalf(tex: Texture, color: Rgb): void {
  fillRings(tex, [[[0, tex.height / 2], [tex.width, tex.height / 2], [tex.width, tex.height], [0, tex.height]]], color);
}

/**
 * A box face of `widthMm` × `heightMm` (u across, v down): the body colour with a label band across
 * its middle; `isMain` faces carry name and pictogram, the others the name alone.
 */
export function boxFaceTexture(e: CatalogueEntry, widthMm: number, heightMm: number, isMain: boolean): Texture {
  const key = `${e.name}|face|${widthMm}|${heightMm}|${isMain}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const l = e.label!;
  const [w, h] = sized(widthMm, heightMm);
  const tex = newTexture(w, h, e.body);
  const [by, bh] = [h * 0.14, h * 0.72];
  fillRings(tex, [[[0, by], [w, by], [w, by + bh], [0, by + bh]]], l.bg);
  panel(tex, l, 0, by, w, bh, isMain);
  cache.set(key, tex);
  return tex;
}

/** A round product's label band, `circumferenceMm` × `heightMm`, printed twice around. */
export function wrapTexture(e: CatalogueEntry, circumferenceMm: number, heightMm: number): Texture {
  const key = `${e.name}|wrap|${circumferenceMm.toFixed(1)}|${heightMm.toFixed(1)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const l = e.label!;
  const [w, h] = sized(circumferenceMm, heightMm);
  const tex = newTexture(w, h, l.bg);
  if (l.lower) lowerHalf(tex, l.lower);
  panel(tex, l, 0, 0, w / 2, h, true);
  panel(tex, l, w / 2, 0, w / 2, h, true);
  cache.set(key, tex);
  return tex;
}

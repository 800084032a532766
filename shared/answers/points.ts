/**
 * Shared building blocks of the answer parsers: the point schema, number formatting and a scanner that
 * finds 2D points (image pixels) in a model's free text together with the label written next to them.
 */
import { z } from 'zod';
import type { Vec2 } from '../geometry/types';

/** A point in image pixels; zod 4's `z.number()` already rejects NaN and ±Infinity. */
export const pointSchema = z.tuple([z.number(), z.number()]);

/** A point found in raw text, with the label text that precedes it or wraps it (lower-cased). */
export interface LabelledPoint {
  point: Vec2;
  label: string;
}

const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
/** `<points x="1" y="2">label</points>`, `<point x=1 y=2 />`, Molmo's `<points x1=".." y1=".." x2=..>`. */
const TAG_RE = /<points?\b([^>]*?)\/?>(?:([\s\S]*?)<\/points?>)?/gi;
const ATTR_RE = new RegExp(String.raw`\b([xy])(\d*)\s*=\s*["']?(${NUM})["']?`, 'gi');
/** `[x, y]` or `(x, y)`: the only bracket forms read as a point, so `[x1, y1, x2, y2]` boxes are not. */
const PAIR_RE = new RegExp(String.raw`[\[(]\s*(${NUM})\s*,\s*(${NUM})\s*[\])]`, 'g');
/** `{"x": 1, "y": 2}` objects inside JSON. */
const XY_OBJ_RE = new RegExp(String.raw`\{\s*"?x"?\s*:\s*(${NUM})\s*,\s*"?y"?\s*:\s*(${NUM})\s*\}`, 'gi');

/** Shortest text that reads back as exactly `n` (JS number-to-string round-trips). */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** Formats points as `[[x, y], [x, y]]`. */
export function formatPointList(points: readonly Vec2[]): string {
  return `[${points.map((p) => `[${formatNumber(p[0])}, ${formatNumber(p[1])}]`).join(', ')}]`;
}

function scanTags(text: string): LabelledPoint[] {
  const out: LabelledPoint[] = [];
  for (const m of text.matchAll(TAG_RE)) {
    const xs = new Map<string, number>();
    const ys = new Map<string, number>();
    for (const a of m[1].matchAll(ATTR_RE)) (a[1].toLowerCase() === 'x' ? xs : ys).set(a[2], Number(a[3]));
    const label = (m[2] ?? '').toLowerCase().trim();
    for (const [key, x] of xs) {
      const y = ys.get(key);
      if (y !== undefined) out.push({ point: [x, y], label });
    }
  }
  return out;
}

function scanPairs(text: string, re: RegExp): LabelledPoint[] {
  const out: LabelledPoint[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.push({ point: [Number(m[1]), Number(m[2])], label: text.slice(last, m.index).toLowerCase() });
    last = m.index + m[0].length;
  }
  return out;
}

/**
 * Finds the points in a model's raw text, in order of appearance: XML `<points>` tags when present,
 * otherwise every `[x, y]` / `(x, y)` pair (this covers the paper's `"bbox":`, `path:`, `object markers:`
 * forms, JSON arrays with or without a fence, and bare lists), otherwise `{"x":…, "y":…}` objects.
 * Each point carries the text since the previous point as its label, so labelled forms
 * (`Grasp center: [x, y], …`) can be matched by label. Coordinates may come out non-finite (`1e999`);
 * callers validate with `pointSchema`. Never throws.
 */
export function scanPoints(text: string): LabelledPoint[] {
  if (/<points?\b/i.test(text)) {
    const tagged = scanTags(text);
    if (tagged.length > 0) return tagged;
  }
  const pairs = scanPairs(text, PAIR_RE);
  return pairs.length > 0 ? pairs : scanPairs(text, XY_OBJ_RE);
}

function isPointLike(v: unknown): boolean {
  return (
    (Array.isArray(v) && v.length === 2 && v.every((c) => typeof c === 'number')) ||
    (typeof v === 'object' && v !== null && 'x' in v && 'y' in v)
  );
}

function toPoint(v: unknown): Vec2 {
  if (Array.isArray(v)) return [v[0] as number, v[1] as number];
  const o = v as { x: unknown; y: unknown };
  return [Number(o.x), Number(o.y)];
}

/**
 * Reads points from an already-structured value: an array of `[x, y]` or `{x, y}`, or an object whose
 * keys label points (`{"grasp center": [x, y], …}`) or hold such an array (`{"bbox": [[…]]}`).
 * Returns null when the value holds no points. Never throws.
 */
export function pointsFromValue(v: unknown): LabelledPoint[] | null {
  if (Array.isArray(v)) {
    if (v.length === 0) return [];
    return v.every(isPointLike) ? v.map((p) => ({ point: toPoint(p), label: '' })) : null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const entries = Object.entries(v);
  if (entries.length > 0 && entries.every(([, p]) => isPointLike(p))) {
    return entries.map(([k, p]) => ({ point: toPoint(p), label: k.toLowerCase() }));
  }
  for (const [, inner] of entries) {
    const found = pointsFromValue(inner);
    if (found) return found;
  }
  return null;
}

/**
 * Raw answer (model text, a points array, or an object) → labelled points, or a reason when none are
 * found. Strings are scanned with `scanPoints`; anything else with `pointsFromValue`.
 */
export function extractPoints(raw: unknown): { ok: true; points: LabelledPoint[] } | { ok: false; reason: string } {
  if (typeof raw === 'string') {
    const pts = scanPoints(raw);
    return pts.length > 0 || /\[\s*\]/.test(raw) ? { ok: true, points: pts } : { ok: false, reason: 'no points found' };
  }
  const pts = pointsFromValue(raw);
  return pts ? { ok: true, points: pts } : { ok: false, reason: `expected points, got ${describe(raw)}` };
}

/** Checks every coordinate is a finite number; returns the points or a reason. */
export function finitePoints(pts: readonly LabelledPoint[]): { ok: true; points: Vec2[] } | { ok: false; reason: string } {
  // Same test as `pointSchema` (finite numbers), without zod's per-call cost on the scoring hot path.
  for (let i = 0; i < pts.length; i++) {
    const [x, y] = pts[i].point;
    if (!(typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y))) {
      return { ok: false, reason: `point ${i + 1} is not finite` };
    }
  }
  return { ok: true, points: pts.map((p) => p.point) };
}

/** Short description of a value's type for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v;
}

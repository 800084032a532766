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

// Hand-written scanners with exactly these regexes' semantics (points.test.ts checks them against the
// regexes on random text): no regex, Map or intermediate array per point on the hot path.
//   tags:       /<points?\b([^>]*?)\/?>(?:([\s\S]*?)<\/points?>)?/gi, attributes /\b([xy])(\d*)\s*=\s*["']?(NUM)["']?/gi
//   pairs:      /[\[(]\s*(NUM)\s*,\s*(NUM)\s*[\])]/g  (`[x, y]` or `(x, y)`, so `[x1, y1, x2, y2]` boxes are not points)
// The rare `{"x": …, "y": …}` fallback still uses its regex.

/** JS regex `\s` (ASCII and Unicode white space, line terminators, BOM). */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Regex `\w`: [A-Za-z0-9_]. */
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** End index of `NUM` matched at `i` (greedy, as the regex), or -1 when no number starts there. */
function numEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let c = text.charCodeAt(j);
  if (c === 43 || c === 45) c = text.charCodeAt(++j); // + -
  if (isDigit(c)) {
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 46) { j++; while (j < n && isDigit(text.charCodeAt(j))) j++; } // .
  } else if (c === 46 && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  } else return -1;
  c = text.charCodeAt(j);
  if (c === 101 || c === 69) { // e E
    let k = j + 1;
    const d = text.charCodeAt(k);
    if (d === 43 || d === 45) k++;
    if (isDigit(text.charCodeAt(k))) {
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}

/** `PAIR_RE` matched at `i` (a `[` or `(`): writes the numbers into PAIR and returns the end, or -1. */
const PAIR = [0, 0];
function pairAt(text: string, i: number): number {
  let j = skipSpace(text, i + 1);
  const e1 = numEnd(text, j);
  if (e1 < 0) return -1;
  const x = Number(text.slice(j, e1));
  j = skipSpace(text, e1);
  if (text.charCodeAt(j) !== 44) return -1; // ,
  j = skipSpace(text, j + 1);
  const e2 = numEnd(text, j);
  if (e2 < 0) return -1;
  const y = Number(text.slice(j, e2));
  j = skipSpace(text, e2);
  const c = text.charCodeAt(j);
  if (c !== 93 && c !== 41) return -1; // ] )
  PAIR[0] = x; PAIR[1] = y;
  return j + 1;
}

/** Every `PAIR_RE` match, labelled with the text since the previous one (as `scanPairs(text, PAIR_RE)`). */
function scanBracketPairs(text: string): LabelledPoint[] {
  const out: LabelledPoint[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 91 && c !== 40) continue; // [ (
    const end = pairAt(text, i);
    if (end < 0) continue;
    out.push({ point: [PAIR[0], PAIR[1]], label: text.slice(last, i).toLowerCase() });
    last = end;
    i = end - 1;
  }
  return out;
}

/** Whether `<point` / `<points` (any case) followed by a word boundary starts at `i`; its name's end, or -1. */
function tagNameEnd(text: string, i: number, closing: boolean): number {
  let j = i + 1;
  if (closing) { if (text.charCodeAt(j) !== 47) return -1; j++; } // /
  if (text.substr(j, 5).toLowerCase() !== 'point') return -1;
  j += 5;
  const s = text.charCodeAt(j);
  if (s === 115 || s === 83) {
    // Greedy `s?`, then `\b`; backtracking to no `s` cannot give a boundary ('t' and 's' are word chars).
    j++;
  }
  if (closing) return text.charCodeAt(j) === 62 ? j + 1 : -1; // the closing tag must end with '>'
  return j < text.length && isWord(text.charCodeAt(j)) ? -1 : j;
}

// Scratch lists for one tag's attributes (key = the digits after x/y, as in Molmo's x1, y1, x2 …).
const XK: string[] = [], XV: number[] = [], YK: string[] = [], YV: number[] = [];
function setAttr(keys: string[], vals: number[], key: string, v: number): void {
  for (let k = 0; k < keys.length; k++) if (keys[k] === key) { vals[k] = v; return; }
  keys.push(key);
  vals.push(v);
}

/** `ATTR_RE` over `text[from, to)`: fills XK/XV and YK/YV (later duplicates overwrite, first order kept). */
function scanAttrs(text: string, from: number, to: number): void {
  XK.length = XV.length = YK.length = YV.length = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const isX = c === 120 || c === 88, isY = c === 121 || c === 89;
    if (!isX && !isY) continue;
    if (i > 0 && isWord(text.charCodeAt(i - 1))) continue; // \b
    let j = i + 1;
    while (j < to && isDigit(text.charCodeAt(j))) j++;
    const key = text.slice(i + 1, j);
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    if (j >= to || text.charCodeAt(j) !== 61) continue; // =
    j++;
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    if (j < to && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j++; // optional quote
    // NUM inside the attribute text only (the regex ran on the attribute group's substring).
    const e = numEnd(text, j); // cannot run past `to`: the attributes end at '/' or '>'
    if (e < 0) continue;
    const v = Number(text.slice(j, e));
    if (isX) setAttr(XK, XV, key, v);
    else setAttr(YK, YV, key, v);
    j = e;
    if (j < to && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j++;
    i = j - 1;
  }
}

/** `TAG_RE` over the whole text: `<points x=".." y="..">label</points>` and its variants. */
function scanTags(text: string): LabelledPoint[] {
  const out: LabelledPoint[] = [];
  const n = text.length;
  for (let i = text.indexOf('<'); i >= 0 && i < n; i = text.indexOf('<', i + 1)) {
    const nameEnd = tagNameEnd(text, i, false);
    if (nameEnd < 0) continue;
    const gt = text.indexOf('>', nameEnd);
    if (gt < 0) continue;
    // `([^>]*?)\/?>`: the attributes end before the first '>', less one trailing '/'.
    const attrEnd = gt > nameEnd && text.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
    // `(?:([\s\S]*?)<\/points?>)?`: the content runs to the first closing tag, if there is one.
    let label = '';
    let end = gt + 1;
    for (let k = text.indexOf('<', gt + 1); k >= 0; k = text.indexOf('<', k + 1)) {
      const close = tagNameEnd(text, k, true);
      if (close >= 0) { label = text.slice(gt + 1, k).toLowerCase().trim(); end = close; break; }
    }
    scanAttrs(text, nameEnd, attrEnd);
    for (let k = 0; k < XK.length; k++) {
      for (let m = 0; m < YK.length; m++) {
        if (YK[m] === XK[k]) { out.push({ point: [XV[k], YV[m]], label }); break; }
      }
    }
    i = end - 1;
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
  if (hasTag(text)) {
    const tagged = scanTags(text);
    if (tagged.length > 0) return tagged;
  }
  const pairs = scanBracketPairs(text);
  return pairs.length > 0 ? pairs : scanPairs(text, XY_OBJ_RE);
}

/** `/<points?\b/i.test(text)`. */
function hasTag(text: string): boolean {
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) if (tagNameEnd(text, i, false) >= 0) return true;
  return false;
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

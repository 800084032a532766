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

// Exact powers of ten (10^22 is the largest power of ten a double holds exactly).
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO53 = 9007199254740992;

/** The value of the last `readNum` / `numberAt`. */
let NUM_VALUE = 0;

/**
 * End index of `NUM` matched at `i` (greedy, as the regex), or -1 when no number starts there; the value
 * (exactly `Number(text.slice(i, end))`) goes to NUM_VALUE. Clinger's fast path: when the digits, read
 * as an integer w, are below 2^53 and the decimal exponent e (written exponent − fraction digits) has
 * |e| ≤ 22, both w and 10^|e| are exact doubles, so the one IEEE multiplication or division rounds the
 * exact value once, to nearest — the correctly rounded result `Number()` gives. Otherwise `Number()`.
 */
function readNum(text: string, i: number): number {
  let j = i;
  let c = text.charCodeAt(j);
  let neg = false;
  if (c === 43 || c === 45) { neg = c === 45; c = text.charCodeAt(++j); } // + -
  // charCodeAt past the end is NaN, which is no digit: no explicit bound checks needed.
  // Digits accumulate in an int (lo, up to 8 of them) flushed into w; w·10^k + lo is exact while the
  // true value stays below 2^53, and rounding is monotone, so a computed w < 2^53 means all was exact.
  let w = 0, lo = 0, nlo = 0, frac = 0;
  let d = c - 48;
  if (d >= 0 && d <= 9) {
    do {
      lo = lo * 10 + d;
      if (++nlo === 8) { w = w * 1e8 + lo; lo = 0; nlo = 0; }
      d = text.charCodeAt(++j) - 48;
    } while (d >= 0 && d <= 9);
    if (d === -2) { // .
      d = text.charCodeAt(++j) - 48;
      while (d >= 0 && d <= 9) {
        lo = lo * 10 + d;
        if (++nlo === 8) { w = w * 1e8 + lo; lo = 0; nlo = 0; }
        frac++;
        d = text.charCodeAt(++j) - 48;
      }
    }
  } else if (c === 46 && isDigit(text.charCodeAt(j + 1))) {
    d = text.charCodeAt(++j) - 48;
    while (d >= 0 && d <= 9) {
      lo = lo * 10 + d;
      if (++nlo === 8) { w = w * 1e8 + lo; lo = 0; nlo = 0; }
      frac++;
      d = text.charCodeAt(++j) - 48;
    }
  } else return -1;
  w = w * POW10[nlo] + lo;
  c = d + 48;
  let exp = 0;
  if (c === 101 || c === 69) { // e E
    let k = j + 1;
    let d = text.charCodeAt(k);
    let eneg = false;
    if (d === 43 || d === 45) { eneg = d === 45; d = text.charCodeAt(++k); }
    if (d >= 48 && d <= 57) {
      // Huge exponents grow to Infinity (or lose low digits far beyond ±22): both leave the fast path.
      do { exp = exp * 10 + (d - 48); d = text.charCodeAt(++k); } while (d >= 48 && d <= 57);
      if (eneg) exp = -exp;
      j = k;
    }
  }
  const e = exp - frac;
  if (w < TWO53 && e >= -22 && e <= 22) {
    const v = e < 0 ? w / POW10[-e] : w * POW10[e];
    NUM_VALUE = neg ? -v : v;
  } else {
    NUM_VALUE = Number(text.slice(i, j));
  }
  return j;
}

/** `Number(s)` for a string that is exactly one `NUM` match (exported for the property test). */
export function parseNumberToken(s: string): number {
  return readNum(s, 0) === s.length ? NUM_VALUE : Number(s);
}

/** `PAIR_RE` matched at `i` (a `[` or `(`): writes the numbers into PX/PY and returns the end, or -1. */
let PX = 0, PY = 0;
function pairAt(text: string, i: number): number {
  let j = skipSpace(text, i + 1);
  const e1 = readNum(text, j);
  if (e1 < 0) return -1;
  const x = NUM_VALUE;
  j = skipSpace(text, e1);
  if (text.charCodeAt(j) !== 44) return -1; // ,
  j = skipSpace(text, j + 1);
  const e2 = readNum(text, j);
  if (e2 < 0) return -1;
  const y = NUM_VALUE;
  j = skipSpace(text, e2);
  const c = text.charCodeAt(j);
  if (c !== 93 && c !== 41) return -1; // ] )
  PX = x; PY = y;
  return j + 1;
}

/**
 * Label ranges of the last `scanInto`: point k's label is `text.slice(LABELS[2k], LABELS[2k + 1])`,
 * lower-cased (and trimmed in tag mode). Labels are only built as strings when asked for (grasp).
 */
export const LABELS: number[] = [];
let NL = 0; // entries of LABELS written by the current scan (the rest are stale)

/** Every `PAIR_RE` match, labelled with the text since the previous one (as `scanPairs(text, PAIR_RE)`). */
function scanBracketPairs(text: string, out: Vec2[]): void {
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 91 && c !== 40) continue; // [ (
    const end = pairAt(text, i);
    if (end < 0) continue;
    out.push([PX, PY]);
    LABELS[NL++] = last;
    LABELS[NL++] = i;
    last = end;
    i = end - 1;
  }
}

/** Whether `<point` / `<points` (any case) followed by a word boundary starts at `i`; its name's end, or -1. */
function tagNameEnd(text: string, i: number, closing: boolean): number {
  let j = i + 1;
  if (closing) { if (text.charCodeAt(j) !== 47) return -1; j++; } // /
  // `substr(j, 5).toLowerCase() === 'point'`: only ASCII letters lower-case to ASCII p, o, i, n, t
  // (U+0130 'İ' becomes two code units, U+212A KELVIN SIGN becomes 'k'), so c | 32 is exact here.
  if (
    (text.charCodeAt(j) | 32) !== 112 || (text.charCodeAt(j + 1) | 32) !== 111 || (text.charCodeAt(j + 2) | 32) !== 105 ||
    (text.charCodeAt(j + 3) | 32) !== 110 || (text.charCodeAt(j + 4) | 32) !== 116
  ) return -1;
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
// Counts in NX/NY: the lists are reused without resetting their lengths (a runtime call each).
const XK: string[] = [], XV: number[] = [], YK: string[] = [], YV: number[] = [];
let NX = 0, NY = 0;
function setAttr(keys: string[], vals: number[], count: number, key: string, v: number): number {
  for (let k = 0; k < count; k++) if (keys[k] === key) { vals[k] = v; return count; }
  keys[count] = key;
  vals[count] = v;
  return count + 1;
}

/** `ATTR_RE` over `text[from, to)`: fills XK/XV and YK/YV (later duplicates overwrite, first order kept). */
function scanAttrs(text: string, from: number, to: number): void {
  NX = NY = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const isX = c === 120 || c === 88, isY = c === 121 || c === 89;
    if (!isX && !isY) continue;
    if (i > 0 && isWord(text.charCodeAt(i - 1))) continue; // \b
    let j = i + 1;
    while (j < to && isDigit(text.charCodeAt(j))) j++;
    // The usual key is empty: no substring for it.
    const key = j === i + 1 ? '' : text.slice(i + 1, j);
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    if (j >= to || text.charCodeAt(j) !== 61) continue; // =
    j++;
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    if (j < to && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j++; // optional quote
    // NUM inside the attribute text only (the regex ran on the attribute group's substring).
    const e = readNum(text, j); // cannot run past `to`: the attributes end at '/' or '>'
    if (e < 0) continue;
    if (isX) NX = setAttr(XK, XV, NX, key, NUM_VALUE);
    else NY = setAttr(YK, YV, NY, key, NUM_VALUE);
    j = e;
    if (j < to && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j++;
    i = j - 1;
  }
}

/** `TAG_RE` over the whole text: `<points x=".." y="..">label</points>` and its variants. */
function scanTags(text: string, out: Vec2[]): void {
  const n = text.length;
  for (let i = text.indexOf('<'); i >= 0 && i < n; i = text.indexOf('<', i + 1)) {
    const nameEnd = tagNameEnd(text, i, false);
    if (nameEnd < 0) continue;
    const gt = text.indexOf('>', nameEnd);
    if (gt < 0) continue;
    // `([^>]*?)\/?>`: the attributes end before the first '>', less one trailing '/'.
    const attrEnd = gt > nameEnd && text.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
    // `(?:([\s\S]*?)<\/points?>)?`: the content runs to the first closing tag, if there is one.
    let labelEnd = gt + 1; // empty label without a closing tag
    let end = gt + 1;
    for (let k = text.indexOf('<', gt + 1); k >= 0; k = text.indexOf('<', k + 1)) {
      const close = tagNameEnd(text, k, true);
      if (close >= 0) { labelEnd = k; end = close; break; }
    }
    scanAttrs(text, nameEnd, attrEnd);
    for (let k = 0; k < NX; k++) {
      for (let m = 0; m < NY; m++) {
        if (YK[m] === XK[k]) { out.push([XV[k], YV[m]]); LABELS[NL++] = gt + 1; LABELS[NL++] = labelEnd; break; }
      }
    }
    i = end - 1;
  }
}

function scanPairs(text: string, re: RegExp, out: Vec2[]): void {
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.push([Number(m[1]), Number(m[2])]);
    LABELS[NL++] = last;
    LABELS[NL++] = m.index;
    last = m.index + m[0].length;
  }
}

/**
 * `scanPoints` without label strings: pushes the points into `out` (empty) and their label ranges into
 * LABELS; returns whether they came from tags (whose labels are trimmed). Never throws.
 */
export function scanInto(text: string, out: Vec2[]): boolean {
  NL = 0;
  if (hasTag(text)) {
    scanTags(text, out);
    if (out.length > 0) return true;
    NL = 0;
  }
  scanBracketPairs(text, out);
  if (out.length === 0) scanPairs(text, XY_OBJ_RE, out);
  return false;
}

/** Label k of the last `scanInto(text, …)` (lower-cased; trimmed in tag mode). */
export function labelAt(text: string, k: number, tagged: boolean): string {
  const label = text.slice(LABELS[2 * k], LABELS[2 * k + 1]).toLowerCase();
  return tagged ? label.trim() : label;
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
  const pts: Vec2[] = [];
  const tagged = scanInto(text, pts);
  return pts.map((point, k) => ({ point, label: labelAt(text, k, tagged) }));
}

/** `/<points?\b/i.test(text)`. */
function hasTag(text: string): boolean {
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) if (tagNameEnd(text, i, false) >= 0) return true;
  return false;
}

/**
 * The points of a raw string for the parsers, in a fresh array (`extractPoints`' points without the
 * labels; their ranges are in LABELS), or null for `extractPoints`' "no points found".
 */
export function stringPoints(raw: string): { points: Vec2[]; tagged: boolean } | null {
  const points: Vec2[] = [];
  const tagged = scanInto(raw, points);
  return points.length > 0 || /\[\s*\]/.test(raw) ? { points, tagged } : null;
}

/** Index of the first point with a non-finite coordinate (`finitePoints`' test), or -1. */
export function firstNonFinite(pts: readonly Vec2[]): number {
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    if (!(Number.isFinite(p[0]) && Number.isFinite(p[1]))) return i;
  }
  return -1;
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

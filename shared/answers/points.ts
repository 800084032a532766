/**
 * Shared building blocks of the answer parsers: the point schema, number formatting and a scanner that
 * finds 2D points (image pixels) in a model's free text together with the label written next to them.
 */
import { z } from 'zod';
import type { Vec2 } from '../geometry/types';

/** A point in image pixels; zod 4's `z.number()` already rejects NaN and ±Infinity. */
export const pointSchema = z.tuple([z.number(), z.number()]);

/**
 * A point found in raw text with the text around it (lower-cased): `label` is the text since the
 * previous point (in tag form, the tag's content, trimmed) and `after` the text up to the next point
 * ('' in tag form), so labels written before (`Grasp center: [x, y]`) and after (`[x, y] (Grasp center)`)
 * can both be read.
 */
export interface LabelledPoint {
  point: Vec2;
  label: string;
  after: string;
}

/** Shortest text that reads back as exactly `n` (JS number-to-string round-trips). */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** Formats points as `[[x, y], [x, y]]`. */
export function formatPointList(points: readonly Vec2[]): string {
  return `[${points.map((p) => `[${formatNumber(p[0])}, ${formatNumber(p[1])}]`).join(', ')}]`;
}

// Hand-written scanners with exactly these regexes' semantics (points.test.ts checks them against the
// regexes on random text), NUM = [-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?:
//   tags:       /<points?\b([^>]*?)\/?>(?:([\s\S]*?)<\/points?>)?/gi, attributes /\b([xy])(\d*)\s*=\s*["']?(NUM)["']?/gi
//   pairs:      /[\[(]\s*(NUM)\s*,\s*(NUM)\s*[\])]/g  (`[x, y]` or `(x, y)`, so `[x1, y1, x2, y2]` boxes are not points)
//   key/value:  /(?<!\w)x["']?\s*[:=]\s*["']?(NUM)["']?\s*,\s*["']?y["']?\s*[:=]\s*["']?(NUM)["']?/gi
//               (`{"x": 1, "y": 2}`, `(x=677, y=349)`, `x: 1, y: 2`)
// Every scanner is linear in the text: each position is looked at a bounded number of times (the regexes'
// backtracking over `\d+\.?\d*` and `\s*` runs is quadratic on long runs). No regex, Map or intermediate
// array per point on the hot path. All state lives in one `Scan` per call: nothing is shared between calls.

/** JS regex `\s` (ASCII and Unicode white space, line terminators, BOM). */
export function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Regex `\w`: [A-Za-z0-9_]. */
export const isWord = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

// Exact powers of ten (10^22 is the largest power of ten a double holds exactly).
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO53 = 9007199254740992;

/**
 * The state of one scan of one text: the value of the last number read, the last pair, the points'
 * spans and one tag's attribute lists. Made per call (one small object), never shared.
 */
class Scan {
  /** The value of the last `readNum`. */
  value = 0;
  px = 0;
  py = 0;
  /** Per point, `[start, end)` of its match (tag form: of the tag's content). */
  readonly spans: number[] = [];
  // One tag's attributes (key = the digits after x/y, as in Molmo's x1, y1, x2 …), counted in nx/ny.
  readonly xk: string[] = [];
  readonly xv: number[] = [];
  readonly yk: string[] = [];
  readonly yv: number[] = [];
  nx = 0;
  ny = 0;
  constructor(readonly text: string) {}
}

/**
 * End index of `NUM` matched at `i` (greedy, as the regex), or -1 when no number starts there; the value
 * (exactly `Number(text.slice(i, end))`) goes to `s.value`. Clinger's fast path: when the digits, read
 * as an integer w, are below 2^53 and the decimal exponent e (written exponent − fraction digits) has
 * |e| ≤ 22, both w and 10^|e| are exact doubles, so the one IEEE multiplication or division rounds the
 * exact value once, to nearest — the correctly rounded result `Number()` gives. Otherwise `Number()`.
 */
function readNum(s: Scan, i: number): number {
  const text = s.text;
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
    s.value = neg ? -v : v;
  } else {
    s.value = Number(text.slice(i, j));
  }
  return j;
}

/** `Number(s)` for a string that is exactly one `NUM` match (exported for the property test). */
export function parseNumberToken(text: string): number {
  const s = new Scan(text);
  return readNum(s, 0) === text.length ? s.value : Number(text);
}

/** `PAIR_RE` matched at `i` (a `[` or `(`): writes the numbers into s.px/s.py and returns the end, or -1. */
function pairAt(s: Scan, i: number): number {
  const text = s.text;
  let j = skipSpace(text, i + 1);
  const e1 = readNum(s, j);
  if (e1 < 0) return -1;
  const x = s.value;
  j = skipSpace(text, e1);
  if (text.charCodeAt(j) !== 44) return -1; // ,
  j = skipSpace(text, j + 1);
  const e2 = readNum(s, j);
  if (e2 < 0) return -1;
  j = skipSpace(text, e2);
  const c = text.charCodeAt(j);
  if (c !== 93 && c !== 41) return -1; // ] )
  s.px = x; s.py = s.value;
  return j + 1;
}

/** Every `PAIR_RE` match, with its span. */
function scanBracketPairs(s: Scan, out: Vec2[]): void {
  const text = s.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 91 && c !== 40) continue; // [ (
    const end = pairAt(s, i);
    if (end < 0) continue;
    out.push([s.px, s.py]);
    s.spans.push(i, end);
    i = end - 1;
  }
}

const isQuote = (c: number) => c === 34 || c === 39;
/** Skips an optional quote, white space, then requires `:` or `=` and skips white space and an optional quote; -1 if no separator. */
function keySeparator(text: string, j: number): number {
  if (isQuote(text.charCodeAt(j))) j++;
  j = skipSpace(text, j);
  const c = text.charCodeAt(j);
  if (c !== 58 && c !== 61) return -1; // : =
  j = skipSpace(text, j + 1);
  return isQuote(text.charCodeAt(j)) ? j + 1 : j;
}

/** The key/value form at `i` (an `x` or `X` not preceded by a word character): end of the match, or -1. */
function keyValueAt(s: Scan, i: number): number {
  const text = s.text;
  let j = keySeparator(text, i + 1);
  if (j < 0) return -1;
  j = readNum(s, j);
  if (j < 0) return -1;
  const x = s.value;
  if (isQuote(text.charCodeAt(j))) j++;
  j = skipSpace(text, j);
  if (text.charCodeAt(j) !== 44) return -1; // ,
  j = skipSpace(text, j + 1);
  if (isQuote(text.charCodeAt(j))) j++;
  if ((text.charCodeAt(j) | 32) !== 121) return -1; // y Y
  j = keySeparator(text, j + 1);
  if (j < 0) return -1;
  j = readNum(s, j);
  if (j < 0) return -1;
  if (isQuote(text.charCodeAt(j))) j++;
  s.px = x; s.py = s.value;
  return j;
}

/** Every key/value match, with its span. */
function scanKeyValues(s: Scan, out: Vec2[]): void {
  const text = s.text;
  for (let i = 0; i < text.length; i++) {
    if ((text.charCodeAt(i) | 32) !== 120 || (i > 0 && isWord(text.charCodeAt(i - 1)))) continue; // x X, (?<!\w)
    const end = keyValueAt(s, i);
    if (end < 0) continue;
    out.push([s.px, s.py]);
    s.spans.push(i, end);
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
  const c = text.charCodeAt(j);
  if (c === 115 || c === 83) {
    // Greedy `s?`, then `\b`; backtracking to no `s` cannot give a boundary ('t' and 's' are word chars).
    j++;
  }
  if (closing) return text.charCodeAt(j) === 62 ? j + 1 : -1; // the closing tag must end with '>'
  return j < text.length && isWord(text.charCodeAt(j)) ? -1 : j;
}

function setAttr(keys: string[], vals: number[], count: number, key: string, v: number): number {
  for (let k = 0; k < count; k++) if (keys[k] === key) { vals[k] = v; return count; }
  keys[count] = key;
  vals[count] = v;
  return count + 1;
}

/** `ATTR_RE` over `text[from, to)`: fills s.xk/xv and s.yk/yv (later duplicates overwrite, first order kept). */
function scanAttrs(s: Scan, from: number, to: number): void {
  const text = s.text;
  s.nx = s.ny = 0;
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
    if (j < to && isQuote(text.charCodeAt(j))) j++; // optional quote
    // NUM inside the attribute text only (the regex ran on the attribute group's substring).
    const e = readNum(s, j); // cannot run past `to`: the attributes end at '/' or '>'
    if (e < 0) continue;
    if (isX) s.nx = setAttr(s.xk, s.xv, s.nx, key, s.value);
    else s.ny = setAttr(s.yk, s.yv, s.ny, key, s.value);
    j = e;
    if (j < to && isQuote(text.charCodeAt(j))) j++;
    i = j - 1;
  }
}

/**
 * `TAG_RE` over the whole text: `<points x=".." y="..">label</points>` and its variants. Linear: the
 * next closing tag is looked for once, from where the last search stopped, not again for every tag.
 */
function scanTags(s: Scan, out: Vec2[]): void {
  const text = s.text;
  const n = text.length;
  let close = -1, closeEnd = -1; // the first closing tag at or after `searchedTo`
  let searchedTo = 0;
  let gtSearch = -1; // the first '>' at or after the last query's start
  for (let i = text.indexOf('<'); i >= 0 && i < n; i = text.indexOf('<', i + 1)) {
    const nameEnd = tagNameEnd(text, i, false);
    if (nameEnd < 0) continue;
    if (gtSearch < nameEnd) gtSearch = text.indexOf('>', nameEnd);
    const gt = gtSearch;
    if (gt < 0) break; // no '>' after this tag, hence none after any later one
    // `([^>]*?)\/?>`: the attributes end before the first '>', less one trailing '/'.
    const attrEnd = gt > nameEnd && text.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
    // `(?:([\s\S]*?)<\/points?>)?`: the content runs to the first closing tag, if there is one.
    if (close >= 0 && close <= gt) close = -1;
    if (close < 0 && searchedTo <= gt) {
      searchedTo = gt + 1;
      for (let k = text.indexOf('<', searchedTo); k >= 0; k = text.indexOf('<', k + 1)) {
        const e = tagNameEnd(text, k, true);
        if (e >= 0) { close = k; closeEnd = e; break; }
      }
      if (close < 0) searchedTo = n; // none anywhere after
    }
    const labelEnd = close > gt ? close : gt + 1; // empty label without a closing tag
    const end = close > gt ? closeEnd : gt + 1;
    scanAttrs(s, nameEnd, attrEnd);
    for (let k = 0; k < s.nx; k++) {
      for (let m = 0; m < s.ny; m++) {
        if (s.yk[m] === s.xk[k]) { out.push([s.xv[k], s.yv[m]]); s.spans.push(gt + 1, labelEnd); break; }
      }
    }
    i = end - 1;
  }
}

/** `/<points?\b/i.test(text)`. */
function hasTag(text: string): boolean {
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) if (tagNameEnd(text, i, false) >= 0) return true;
  return false;
}

/** The points of a raw string, their spans and their form. */
export interface PointScan {
  points: Vec2[];
  /** Point k's match is `[spans[2k], spans[2k + 1])`; in tag form, the tag's content (its label). */
  spans: readonly number[];
  /** Whether the points came from `<points>` tags. */
  tagged: boolean;
}

/**
 * Finds the points in a model's raw text, in order of appearance: XML `<points>` tags when present,
 * otherwise every `[x, y]` / `(x, y)` pair (this covers the paper's `"bbox":`, `path:`, `object markers:`
 * forms, JSON arrays with or without a fence, and bare lists), otherwise key/value pairs
 * (`{"x": …, "y": …}`, `(x=…, y=…)`). Coordinates may come out non-finite (`1e999`); callers validate.
 * Linear in the text's length. Never throws.
 */
export function scanText(text: string): PointScan {
  const s = new Scan(text);
  const points: Vec2[] = [];
  if (hasTag(text)) {
    scanTags(s, points);
    if (points.length > 0) return { points, spans: s.spans, tagged: true };
  }
  scanBracketPairs(s, points);
  if (points.length === 0) scanKeyValues(s, points);
  return { points, spans: s.spans, tagged: false };
}

/** The text before point k of a scan (tag form: its content), lower-cased (and trimmed in tag form). */
export function labelBefore(text: string, scan: PointScan, k: number): string {
  const { spans } = scan;
  if (scan.tagged) return text.slice(spans[2 * k], spans[2 * k + 1]).toLowerCase().trim();
  return text.slice(k > 0 ? spans[2 * k - 1] : 0, spans[2 * k]).toLowerCase();
}

/** The text after point k of a scan up to the next point, lower-cased ('' in tag form). */
export function labelAfter(text: string, scan: PointScan, k: number): string {
  const { spans } = scan;
  if (scan.tagged) return '';
  return text.slice(spans[2 * k + 1], 2 * k + 2 < spans.length ? spans[2 * k + 2] : text.length).toLowerCase();
}

/** Each point of `scanText` with the text before and after it (see `LabelledPoint`). Never throws. */
export function scanPoints(text: string): LabelledPoint[] {
  const scan = scanText(text);
  return scan.points.map((point, k) => ({ point, label: labelBefore(text, scan, k), after: labelAfter(text, scan, k) }));
}

/** Whether `text` holds an empty list `[ ]` (`/\[\s*\]/`), scanned once. */
function hasEmptyList(text: string): boolean {
  for (let i = text.indexOf('['); i >= 0; ) {
    const j = skipSpace(text, i + 1);
    if (text.charCodeAt(j) === 93) return true; // ]
    // Only a '[' can start the next match, and none lies inside the white-space run just skipped.
    i = text.indexOf('[', j);
  }
  return false;
}

/**
 * The points of a raw string for the parsers (`scanText`), or null for `extractPoints`' "no points
 * found" (no point and no empty list `[]`).
 */
export function stringPoints(raw: string): PointScan | null {
  const scan = scanText(raw);
  return scan.points.length > 0 || hasEmptyList(raw) ? scan : null;
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
    return v.every(isPointLike) ? v.map((p) => ({ point: toPoint(p), label: '', after: '' })) : null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const entries = Object.entries(v);
  if (entries.length > 0 && entries.every(([, p]) => isPointLike(p))) {
    return entries.map(([k, p]) => ({ point: toPoint(p), label: k.toLowerCase(), after: '' }));
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
    return pts.length > 0 || hasEmptyList(raw) ? { ok: true, points: pts } : { ok: false, reason: 'no points found' };
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

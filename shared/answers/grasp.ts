/**
 * Grasp answers: 5 points (image pixels) — center, left finger base, right finger base, left finger tip,
 * right finger tip. Labelled points are matched by label; unlabelled ones are taken in that order.
 */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, formatNumber, isSpace, pointSchema, stringPoints, type LabelledPoint } from './points';
import type { KindParseResult } from './kind';

export const graspAnswerSchema = z.object({ task: z.literal('grasp'), points: z.array(pointSchema).length(5) });
export type GraspAnswer = z.infer<typeof graspAnswerSchema>;

/** Canonical labels, in answer order. */
export const GRASP_LABELS = ['Grasp center', 'Left finger base', 'Right finger base', 'Left finger tip', 'Right finger tip'];

const CANONICAL = GRASP_LABELS.map((l) => l.toLowerCase());

const isLetter = (text: string, i: number, lower: number) => (text.charCodeAt(i) | 32) === lower;
/** Whether the ASCII word `w` (lower-case) starts at `i`, in any case. */
function wordAt(text: string, i: number, w: string, to: number): boolean {
  if (i + w.length > to) return false;
  for (let k = 0; k < w.length; k++) if (!isLetter(text, i + k, w.charCodeAt(k))) return false;
  return true;
}
const isSeparator = (c: number) => c === 95 || c === 45 || isSpace(c); // [\s_-]

/**
 * The grasp label matched at `i` in `text[.., to)`, as `idx · 2^32 + end`, or -1: the linear scanner for
 * /(cent(?:er|re))|(left|right)[\s_-]*(?:finger)?[\s_-]*(base|tip)/i. Greedy runs are exact here: a
 * shorter separator run would leave a separator where `finger`, `base` or `tip` must start.
 */
function labelAt(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i) | 32;
  if (c === 99) { // c
    return wordAt(text, i, 'center', to) || wordAt(text, i, 'centre', to) ? i + 6 : -1;
  }
  let side: number;
  let j: number;
  if (c === 108 && wordAt(text, i, 'left', to)) { side = 1; j = i + 4; }
  else if (c === 114 && wordAt(text, i, 'right', to)) { side = 2; j = i + 5; }
  else return -1;
  while (j < to && isSeparator(text.charCodeAt(j))) j++;
  if (wordAt(text, j, 'finger', to)) {
    j += 6;
    while (j < to && isSeparator(text.charCodeAt(j))) j++;
  }
  if (wordAt(text, j, 'base', to)) return side * 2 ** 32 + j + 4;
  if (wordAt(text, j, 'tip', to)) return (side + 2) * 2 ** 32 + j + 3;
  return -1;
}

/**
 * Index 0–4 of the grasp label mentioned last (or, with `first`, first) in `text[from, to)`, or -1 when
 * none is. Matches are found left to right without overlap, as `matchAll` would; linear in the range.
 */
export function graspLabelIn(text: string, from: number, to: number, first = false): number {
  let idx = -1;
  for (let i = from; i < to; i++) {
    const m = labelAt(text, i, to);
    if (m < 0) continue;
    idx = m === i + 6 ? 0 : Math.floor(m / 2 ** 32);
    if (first) return idx;
    i = (m % 2 ** 32) - 1;
  }
  return idx;
}

/** Index 0–4 of the grasp label mentioned last in `text`, or -1 when none is. */
export function graspLabelIndex(text: string): number {
  // The canonical labels (as the tag form's lower-cased content) end with their own match.
  const fast = CANONICAL.indexOf(text);
  return fast >= 0 ? fast : graspLabelIn(text, 0, text.length);
}

/**
 * Which point carries which label, from each point's label read before it (`before[k]`) and after it
 * (`after[k]`, -1 when none): the point order by label (`order[label] = point`), or a reason. Labels are
 * read one way for all points: before (`Grasp center: [x, y]`) or after (`[x, y] (Grasp center)`),
 * whichever names all five once; a text that reads both ways differently is ambiguous, and a text
 * with no label at all is taken in METRICS.md's order.
 */
export function graspOrder(before: readonly number[], after: readonly number[]): number[] | string {
  const b = labelOrder(before), a = labelOrder(after);
  if (Array.isArray(b) && Array.isArray(a) && b.some((p, i) => p !== a[i])) {
    return 'ambiguous grasp labels: the text reads differently with labels before and after the points';
  }
  if (Array.isArray(b)) return b;
  if (Array.isArray(a)) return a;
  if (b === null && a === null) return [0, 1, 2, 3, 4];
  return b ?? (a as string);
}

/** `order[label] = point` when `idx` names every label once; null when no point is labelled; else a reason. */
function labelOrder(idx: readonly number[]): number[] | string | null {
  let labelled = 0;
  for (const i of idx) if (i >= 0) labelled++;
  if (labelled === 0) return null;
  if (labelled < idx.length) return 'some grasp points are labelled and some are not';
  const order = [-1, -1, -1, -1, -1];
  for (let k = 0; k < idx.length; k++) {
    if (order[idx[k]] >= 0) return `label '${GRASP_LABELS[idx[k]]}' given twice`;
    order[idx[k]] = k;
  }
  return order;
}

function orderByLabel(found: LabelledPoint[]): LabelledPoint[] | string {
  const order = graspOrder(found.map((p) => graspLabelIndex(p.label)), found.map((p) => graspLabelIn(p.after, 0, p.after.length, true)));
  return typeof order === 'string' ? order : order.map((k) => found[k]);
}

/** Reads a 5-point grasp from raw text or a points array. Never throws. */
export function parseGrasp(raw: unknown): KindParseResult<GraspAnswer> {
  if (typeof raw === 'string') return parseGraspText(raw);
  const found = extractPoints(raw);
  if (!found.ok) return found;
  if (found.points.length !== 5) return { ok: false, reason: `expected 5 grasp points, got ${found.points.length}` };
  const ordered = orderByLabel(found.points);
  if (typeof ordered === 'string') return { ok: false, reason: ordered };
  const pts = finitePoints(ordered);
  return pts.ok ? { ok: true, answer: { task: 'grasp', points: pts.points } } : pts;
}

/** `parseGrasp` of a string: the same steps on the scanner's spans, with no label strings built. */
function parseGraspText(raw: string): KindParseResult<GraspAnswer> {
  const s = stringPoints(raw);
  if (!s) return { ok: false, reason: 'no points found' };
  const found = s.points;
  if (found.length !== 5) return { ok: false, reason: `expected 5 grasp points, got ${found.length}` };
  const spans = s.spans;
  const before = [-1, -1, -1, -1, -1], after = [-1, -1, -1, -1, -1];
  for (let k = 0; k < 5; k++) {
    if (s.tagged) {
      const a = spans[2 * k], len = spans[2 * k + 1] - a;
      // Text exactly a canonical label (the paper's tag form): index known.
      // Candidates by first letter and length: G 12 → 0, L 16 → 1, R 17 → 2, L 15 → 3, R 16 → 4.
      const f = raw.charCodeAt(a);
      const c = f === 71 ? (len === 12 ? 0 : -1) : f === 76 ? (len === 16 ? 1 : len === 15 ? 3 : -1) : f === 82 ? (len === 17 ? 2 : len === 16 ? 4 : -1) : -1;
      before[k] = c >= 0 && raw.startsWith(GRASP_LABELS[c], a) ? c : graspLabelIn(raw, a, a + len);
    } else {
      before[k] = graspLabelIn(raw, k > 0 ? spans[2 * k - 1] : 0, spans[2 * k]);
      after[k] = graspLabelIn(raw, spans[2 * k + 1], k < 4 ? spans[2 * k + 2] : raw.length, true);
    }
  }
  const order = graspOrder(before, after);
  if (typeof order === 'string') return { ok: false, reason: order };
  const ordered = order[0] === 0 && order[1] === 1 && order[2] === 2 && order[3] === 3 ? found : order.map((k) => found[k]);
  const bad = firstNonFinite(ordered);
  return bad < 0 ? { ok: true, answer: { task: 'grasp', points: ordered } } : { ok: false, reason: `point ${bad + 1} is not finite` };
}

/** The paper's form: `<points x=".." y="..">Grasp center</points>…`, one tag per labelled point. */
export function formatGrasp(a: GraspAnswer): string {
  return a.points
    .map((p, i) => `<points x="${formatNumber(p[0])}" y="${formatNumber(p[1])}">${GRASP_LABELS[i]}</points>`)
    .join('');
}

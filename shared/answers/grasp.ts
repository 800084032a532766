/**
 * Grasp answers: 5 points (image pixels) — center, left finger base, right finger base, left finger tip,
 * right finger tip. Labelled points are matched by label; unlabelled ones are taken in that order.
 */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, formatNumber, LABELS, labelAt, pointSchema, stringPoints, type LabelledPoint } from './points';
import type { Vec2 } from '../geometry/types';
import type { KindParseResult } from './kind';

export const graspAnswerSchema = z.object({ task: z.literal('grasp'), points: z.array(pointSchema).length(5) });
export type GraspAnswer = z.infer<typeof graspAnswerSchema>;

/** Canonical labels, in answer order. */
export const GRASP_LABELS = ['Grasp center', 'Left finger base', 'Right finger base', 'Left finger tip', 'Right finger tip'];

// The last label mentioned before a point is its label: "Left finger base: [..]" or a JSON key.
const LABEL_RE = /(cent(?:er|re))|(left|right)[\s_-]*(?:finger)?[\s_-]*(base|tip)/gi;

const CANONICAL = GRASP_LABELS.map((l) => l.toLowerCase());

/** Index 0–4 of the grasp label mentioned last in `text`, or -1 when none is. */
export function graspLabelIndex(text: string): number {
  // The canonical labels (as the tag form's lower-cased content) end with their own match: no regex.
  const fast = CANONICAL.indexOf(text);
  if (fast >= 0) return fast;
  let idx = -1;
  for (const m of text.matchAll(LABEL_RE)) {
    if (m[1]) idx = 0;
    else idx = (m[2].toLowerCase() === 'left' ? 1 : 2) + (m[3].toLowerCase() === 'tip' ? 2 : 0);
  }
  return idx;
}

function orderByLabel(found: LabelledPoint[]): LabelledPoint[] | string {
  const idx = found.map((p) => graspLabelIndex(p.label));
  if (idx.every((i) => i < 0)) return found;
  if (idx.some((i) => i < 0)) return 'some grasp points are labelled and some are not';
  const out: LabelledPoint[] = [];
  for (let k = 0; k < idx.length; k++) {
    if (out[idx[k]]) return `label '${GRASP_LABELS[idx[k]]}' given twice`;
    out[idx[k]] = found[k];
  }
  return out;
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

// Scratch: label index of point k, and point of label index c.
const IDX = [0, 0, 0, 0, 0], INV = [0, 0, 0, 0, 0];

/** `parseGrasp` of a string: the same steps on the scanner's points, labels built only when not canonical. */
function parseGraspText(raw: string): KindParseResult<GraspAnswer> {
  const s = stringPoints(raw);
  if (!s) return { ok: false, reason: 'no points found' };
  const found = s.points;
  if (found.length !== 5) return { ok: false, reason: `expected 5 grasp points, got ${found.length}` };
  let labelled = 0;
  for (let k = 0; k < 5; k++) {
    const a = LABELS[2 * k], len = LABELS[2 * k + 1] - a;
    let idx = -1;
    // Text exactly a canonical label (the paper's tag form) lower-cases (and trims) to it: index known.
    // Candidates by first letter and length: G 12 → 0, L 16 → 1, R 17 → 2, L 15 → 3, R 16 → 4.
    const f = raw.charCodeAt(a);
    const c = f === 71 ? (len === 12 ? 0 : -1) : f === 76 ? (len === 16 ? 1 : len === 15 ? 3 : -1) : f === 82 ? (len === 17 ? 2 : len === 16 ? 4 : -1) : -1;
    if (c >= 0 && raw.startsWith(GRASP_LABELS[c], a)) idx = c;
    if (idx < 0) idx = graspLabelIndex(labelAt(raw, k, s.tagged));
    IDX[k] = idx;
    if (idx >= 0) labelled++;
  }
  let ordered: Vec2[] = found;
  if (labelled > 0) {
    if (labelled < 5) return { ok: false, reason: 'some grasp points are labelled and some are not' };
    INV.fill(-1);
    for (let k = 0; k < 5; k++) {
      if (INV[IDX[k]] >= 0) return { ok: false, reason: `label '${GRASP_LABELS[IDX[k]]}' given twice` };
      INV[IDX[k]] = k;
    }
    ordered = [found[INV[0]], found[INV[1]], found[INV[2]], found[INV[3]], found[INV[4]]];
  }
  const bad = firstNonFinite(ordered);
  return bad < 0 ? { ok: true, answer: { task: 'grasp', points: ordered } } : { ok: false, reason: `point ${bad + 1} is not finite` };
}

/** The paper's form: `<points x=".." y="..">Grasp center</points>…`, one tag per labelled point. */
export function formatGrasp(a: GraspAnswer): string {
  return a.points
    .map((p, i) => `<points x="${formatNumber(p[0])}" y="${formatNumber(p[1])}">${GRASP_LABELS[i]}</points>`)
    .join('');
}

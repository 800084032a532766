/** Rearrangement answers: 1 or more markers (image pixels), one on each object to move first. */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, formatNumber, pointSchema, stringPoints } from './points';
import type { KindParseResult } from './kind';

/** More markers than any tabletop has objects: a bound so a submitted answer stays small. */
export const MAX_MARKERS = 50;
/** METRICS.md: 1 or more points. */
export const MIN_MARKERS = 1;

export const rearrangementAnswerSchema = z.object({
  task: z.literal('rearrangement'),
  points: z.array(pointSchema).min(MIN_MARKERS).max(MAX_MARKERS),
});
export type RearrangementAnswer = z.infer<typeof rearrangementAnswerSchema>;

/** Reads ≥ 1 object markers; an empty list is invalid (METRICS.md: 1 or more points). */
export function parseMarkers(raw: unknown): KindParseResult<RearrangementAnswer> {
  if (typeof raw === 'string') {
    // Same steps as below on the scanner's points directly (no labels, no copies).
    const s = stringPoints(raw);
    if (!s) return { ok: false, reason: 'no points found' };
    if (s.points.length < 1) return { ok: false, reason: 'expected at least 1 object marker, got 0' };
    const bad = firstNonFinite(s.points);
    return bad < 0 ? { ok: true, answer: { task: 'rearrangement', points: s.points } } : { ok: false, reason: `point ${bad + 1} is not finite` };
  }
  const found = extractPoints(raw);
  if (!found.ok) return found;
  if (found.points.length < 1) return { ok: false, reason: 'expected at least 1 object marker, got 0' };
  const pts = finitePoints(found.points);
  return pts.ok ? { ok: true, answer: { task: 'rearrangement', points: pts.points } } : pts;
}

/** The paper's form: `[object markers: [x, y], [x, y]]`. */
export function formatMarkers(a: RearrangementAnswer): string {
  return `[object markers: ${a.points.map((p) => `[${formatNumber(p[0])}, ${formatNumber(p[1])}]`).join(', ')}]`;
}

/** Rearrangement answers: 1 or more markers (image pixels), one on each object to move first. */
import type { z } from 'zod';
import { formatNumber } from './points';
import { parsePointList, pointListAnswerSchema } from './pointList';
import type { KindParseResult } from './kind';

/** More markers than any tabletop has objects: a bound so a submitted answer stays small. */
export const MAX_MARKERS = 50;
/** METRICS.md: 1 or more points. */
export const MIN_MARKERS = 1;

export const rearrangementAnswerSchema = pointListAnswerSchema('rearrangement', MIN_MARKERS, MAX_MARKERS);
export type RearrangementAnswer = z.infer<typeof rearrangementAnswerSchema>;

/** Reads ≥ 1 object markers; an empty list is invalid (METRICS.md: 1 or more points). */
export function parseMarkers(raw: unknown): KindParseResult<RearrangementAnswer> {
  return parsePointList('rearrangement', raw, MIN_MARKERS, () => 'expected at least 1 object marker, got 0');
}

/** The paper's form: `[object markers: [x, y], [x, y]]`. */
export function formatMarkers(a: RearrangementAnswer): string {
  return `[object markers: ${a.points.map((p) => `[${formatNumber(p[0])}, ${formatNumber(p[1])}]`).join(', ')}]`;
}

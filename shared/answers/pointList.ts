/** The reader shared by the open-ended point-list answers (trajectory waypoints, rearrangement markers). */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, pointSchema, stringPoints } from './points';
import type { Vec2 } from '../geometry/types';
import type { KindParseResult } from './kind';

/** The answer schema of a point-list task: `min`–`max` finite points (the bound keeps a submitted answer small). */
export function pointListAnswerSchema<T extends string>(task: T, min: number, max: number) {
  return z.object({ task: z.literal(task), points: z.array(pointSchema).min(min).max(max) });
}

/**
 * Reads `min` or more points (image pixels, in the order written) for `task` from raw text or a points
 * array; fewer is invalid with the reason `tooFew(n)`, a non-finite coordinate names its point.
 */
export function parsePointList<T extends string>(task: T, raw: unknown, min: number, tooFew: (n: number) => string): KindParseResult<{ task: T; points: Vec2[] }> {
  if (typeof raw === 'string') {
    // Same steps as below on the scanner's points directly (no labels, no copies).
    const s = stringPoints(raw);
    if (!s) return { ok: false, reason: 'no points found' };
    if (s.points.length < min) return { ok: false, reason: tooFew(s.points.length) };
    const bad = firstNonFinite(s.points);
    return bad < 0 ? { ok: true, answer: { task, points: s.points } } : { ok: false, reason: `point ${bad + 1} is not finite` };
  }
  const found = extractPoints(raw);
  if (!found.ok) return found;
  if (found.points.length < min) return { ok: false, reason: tooFew(found.points.length) };
  const pts = finitePoints(found.points);
  return pts.ok ? { ok: true, answer: { task, points: pts.points } } : pts;
}

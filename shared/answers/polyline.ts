/** Trajectory answers: 2 or more points (image pixels) from the source object to the target object. */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, formatNumber, pointSchema, stringPoints } from './points';
import type { KindParseResult } from './kind';

/** Far more waypoints than a drawn or simplified path needs: a bound so a submitted answer stays small. */
export const MAX_WAYPOINTS = 200;
/** A path needs a start and an end. */
export const MIN_WAYPOINTS = 2;

export const trajectoryAnswerSchema = z.object({
  task: z.literal('trajectory'),
  points: z.array(pointSchema).min(MIN_WAYPOINTS).max(MAX_WAYPOINTS),
});
export type TrajectoryAnswer = z.infer<typeof trajectoryAnswerSchema>;

/** Reads a path of ≥ 2 points, in the order written (labels such as `point1` are not used to reorder). */
export function parsePolyline(raw: unknown): KindParseResult<TrajectoryAnswer> {
  if (typeof raw === 'string') {
    // Same steps as below on the scanner's points directly (no labels, no copies).
    const s = stringPoints(raw);
    if (!s) return { ok: false, reason: 'no points found' };
    const n = s.points.length;
    if (n < 2) return { ok: false, reason: `expected at least 2 path points, got ${n}` };
    const bad = firstNonFinite(s.points);
    return bad < 0 ? { ok: true, answer: { task: 'trajectory', points: s.points } } : { ok: false, reason: `point ${bad + 1} is not finite` };
  }
  const found = extractPoints(raw);
  if (!found.ok) return found;
  if (found.points.length < 2) return { ok: false, reason: `expected at least 2 path points, got ${found.points.length}` };
  const pts = finitePoints(found.points);
  return pts.ok ? { ok: true, answer: { task: 'trajectory', points: pts.points } } : pts;
}

/** The paper's form: `<points x=".." y="..">point1</points><points …>point2</points>…`. */
export function formatPolyline(a: TrajectoryAnswer): string {
  return a.points.map((p, i) => `<points x="${formatNumber(p[0])}" y="${formatNumber(p[1])}">point${i + 1}</points>`).join('');
}

/** Trajectory answers: 2 or more points (image pixels) from the source object to the target object. */
import type { z } from 'zod';
import { formatNumber } from './points';
import { parsePointList, pointListAnswerSchema } from './pointList';
import type { KindParseResult } from './kind';

/** Far more waypoints than a drawn or simplified path needs: a bound so a submitted answer stays small. */
export const MAX_WAYPOINTS = 200;
/** A path needs a start and an end. */
export const MIN_WAYPOINTS = 2;

export const trajectoryAnswerSchema = pointListAnswerSchema('trajectory', MIN_WAYPOINTS, MAX_WAYPOINTS);
export type TrajectoryAnswer = z.infer<typeof trajectoryAnswerSchema>;

/** Reads a path of ≥ 2 points, in the order written (labels such as `point1` are not used to reorder). */
export function parsePolyline(raw: unknown): KindParseResult<TrajectoryAnswer> {
  return parsePointList('trajectory', raw, MIN_WAYPOINTS, (n) => `expected at least 2 path points, got ${n}`);
}

/** The paper's form: `<points x=".." y="..">point1</points><points …>point2</points>…`. */
export function formatPolyline(a: TrajectoryAnswer): string {
  return a.points.map((p, i) => `<points x="${formatNumber(p[0])}" y="${formatNumber(p[1])}">point${i + 1}</points>`).join('');
}

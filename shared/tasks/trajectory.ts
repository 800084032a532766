/** Trajectory: a path of 2 or more points from the object to move to its target (METRICS.md). */
import { formatPolyline, MAX_WAYPOINTS, MIN_WAYPOINTS, parsePolyline, trajectoryAnswerSchema, type TrajectoryAnswer } from '../answers/polyline';
import { trajectoryDistance, trajectorySuccessIn } from '../metrics/trajectory';
import type { TaskSpec } from './types';

export const trajectoryTask = {
  task: 'trajectory',
  answerSchema: trajectoryAnswerSchema,
  points: { min: MIN_WAYPOINTS, max: MAX_WAYPOINTS },
  parse: parsePolyline,
  format: formatPolyline,
  score(item, a) {
    if (!a) return { valid: false, success: 0, dist: Infinity };
    return {
      valid: true,
      success: trajectorySuccessIn(a.points, item.gt.points, item.width, item.height, item.source_region, item.target_region),
      dist: trajectoryDistance(a.points, item.gt.points),
    };
  },
  columns: [
    { key: 'traj_sr', header: 'Traj. SR', higherIsBetter: true, decimals: 1 },
    { key: 'traj_dist', header: 'Dist. Err.', higherIsBetter: false, decimals: 1 },
  ] as const,
  text: {
    title: 'Trajectory: a path for moving an object',
    steps: [
      'Click waypoints from the object to move to its target; the first point on the object, the last on the target.',
      'Drag a point to move it, click on a segment to insert one, select and press Delete to remove one.',
    ],
    exampleCaption: 'the path runs from the object to move to its target, in that direction',
    feedback: (s) =>
      `${s.success ? 'Starts on the object and ends on the target.' : 'Does not start on the object or end on the target.'} Mean distance from the reference path: ${s.dist?.toFixed(0)} px.`,
  },
} satisfies TaskSpec<TrajectoryAnswer>;

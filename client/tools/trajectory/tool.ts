/**
 * Trajectory: click waypoints from the source object to the target; drag to move, click on a segment to
 * insert a waypoint there, Delete removes the selected one. Two points or more make an answer.
 */
import type { Answer } from '../../../shared/tasks';
import { MAX_WAYPOINTS } from '../../../shared/answers/polyline';
import { emptyPointList, pointListFrom, stepPointList, type PointListDraft } from '../common/pointList';
import type { Tool, ToolContext } from '../../canvas/tool';
import { PolylinePreview } from './Preview';

export function createPolylineTool(ctx: ToolContext): Tool<PointListDraft> {
  const options = { imageWidth: ctx.imageWidth, imageHeight: ctx.imageHeight, insertOnSegment: true, maxPoints: MAX_WAYPOINTS };
  return {
    id: 'polyline',
    label: 'Path',
    hotkey: 'l',
    hint: 'Click waypoints from the object to its target; click a segment to insert, drag to move, Delete removes.',
    usesPointer: true,
    begin: emptyPointList,
    fromAnswer: (a: Answer) => pointListFrom('points' in a ? a.points : []),
    step: (d, ev) => stepPointList(d, ev, options),
    toAnswer: (d) => (d.points.length >= 2 ? { task: 'trajectory', points: d.points.map((p) => [p[0], p[1]]) } : null),
    Preview: PolylinePreview,
  };
}

/**
 * Trajectory: click waypoints from the source object to the target; drag to move, click on a segment to
 * insert a waypoint there, Delete removes the selected one. Two points or more make an answer.
 */
import type { Tool, ToolContext } from '../../canvas/tool';
import type { PointListDraft } from '../common/pointList';
import { createPointListTool } from '../common/pointListTool';
import { PolylinePreview } from './Preview';

export function createPolylineTool(ctx: ToolContext): Tool<PointListDraft> {
  return createPointListTool('trajectory', ctx, {
    id: 'polyline',
    label: 'Path',
    hotkey: 'l',
    hint: 'Click waypoints from the object to its target; click a segment to insert, drag to move, Delete removes.',
    insertOnSegment: true,
    Preview: PolylinePreview,
  });
}

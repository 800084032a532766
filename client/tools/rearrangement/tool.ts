/** Rearrangement: click a marker on each object to move first; drag to adjust, Delete to remove. */
import type { Tool, ToolContext } from '../../canvas/tool';
import type { PointListDraft } from '../common/pointList';
import { createPointListTool } from '../common/pointListTool';
import { PointPreview } from './Preview';

export function createPointTool(ctx: ToolContext): Tool<PointListDraft> {
  return createPointListTool('rearrangement', ctx, {
    id: 'point',
    label: 'Markers',
    hotkey: 'p',
    hint: 'Click each object to mark it; drag a marker to move it; Delete removes the selected marker.',
    insertOnSegment: false,
    Preview: PointPreview,
  });
}

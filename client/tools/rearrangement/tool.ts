/** Rearrangement: click a marker on each object to move first; drag to adjust, Delete to remove. */
import type { Answer } from '../../../shared/tasks';
import { MAX_MARKERS } from '../../../shared/answers/point';
import { emptyPointList, pointListFrom, stepPointList, type PointListDraft } from '../common/pointList';
import type { Tool, ToolContext } from '../../canvas/tool';
import { PointPreview } from './Preview';

export function createPointTool(ctx: ToolContext): Tool<PointListDraft> {
  const options = { imageWidth: ctx.imageWidth, imageHeight: ctx.imageHeight, insertOnSegment: false, maxPoints: MAX_MARKERS };
  return {
    id: 'point',
    label: 'Markers',
    hotkey: 'p',
    hint: 'Click each object to mark it; drag a marker to move it; Delete removes the selected marker.',
    usesPointer: true,
    begin: emptyPointList,
    fromAnswer: (a: Answer) => pointListFrom('points' in a ? a.points : []),
    step: (d, ev) => stepPointList(d, ev, options),
    toAnswer: (d) => (d.points.length >= 1 ? { task: 'rearrangement', points: d.points.map((p) => [p[0], p[1]]) } : null),
    Preview: PointPreview,
  };
}

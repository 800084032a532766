/**
 * The click-N-points tools (trajectory waypoints, rearrangement markers) are one tool with options, as
 * tldraw's box tools share `BaseBoxShapeTool`: the task's spec gives the fewest and most points.
 */
import { TASK_SPECS } from '../../../shared/tasks';
import type { PreviewProps, Tool, ToolContext } from '../../canvas/tool';
import { emptyPointList, pointListFrom, stepPointList, type PointListDraft } from './pointList';
import type { FC } from 'react';

export interface PointListToolLook {
  id: string;
  label: string;
  hotkey: string;
  hint: string;
  /** A click on a segment inserts a point there (paths), rather than adding one at the end. */
  insertOnSegment: boolean;
  Preview: FC<PreviewProps<PointListDraft>>;
}

/** A tool whose answer is a list of points for `task`, complete once it has the spec's minimum. */
export function createPointListTool(task: 'trajectory' | 'rearrangement', ctx: ToolContext, look: PointListToolLook): Tool<PointListDraft> {
  const { min, max } = TASK_SPECS[task].points;
  const options = { imageWidth: ctx.imageWidth, imageHeight: ctx.imageHeight, insertOnSegment: look.insertOnSegment, maxPoints: max };
  return {
    id: look.id,
    label: look.label,
    hotkey: look.hotkey,
    hint: look.hint,
    usesPointer: true,
    begin: emptyPointList,
    fromAnswer: (a) => pointListFrom('points' in a ? a.points : []),
    step: (d, ev) => stepPointList(d, ev, options),
    toAnswer: (d) => (d.points.length >= min ? { task, points: d.points.map((p) => [p[0], p[1]]) } : null),
    Preview: look.Preview,
  };
}

/**
 * The one place that knows which tool answers which task: a typed map, so a task without a tool does
 * not compile. Adding a tool = a folder + one line here; screens hand `TOOLS[task]` to the canvas.
 */
import type { Task } from '../../shared/tasks';
import type { ToolEntry } from '../canvas/tool';
import { GraspExample } from './grasp/Example';
import { GraspShape } from './grasp/Shape';
import { createGraspTool } from './grasp/tool';
import { PoseExample } from './pose/Example';
import { CuboidShape } from './pose/Shape';
import { createCuboidTool } from './pose/tool';
import { RearrangementExample } from './rearrangement/Example';
import { PointShape } from './rearrangement/Shape';
import { createPointTool } from './rearrangement/tool';
import { TrajectoryExample } from './trajectory/Example';
import { PolylineShape } from './trajectory/Shape';
import { createPolylineTool } from './trajectory/tool';
import { YesNoExample } from './yesno/Example';
import { BinaryShape } from './yesno/Shape';
import { createBinaryTool } from './yesno/tool';

const yesNo: ToolEntry = { create: createBinaryTool, Shape: BinaryShape, Example: YesNoExample };

export const TOOLS: Readonly<Record<Task, ToolEntry>> = {
  pose: { create: createCuboidTool, Shape: CuboidShape, Example: PoseExample },
  grasp: { create: createGraspTool, Shape: GraspShape, Example: GraspExample },
  trajectory: { create: createPolylineTool, Shape: PolylineShape, Example: TrajectoryExample },
  rearrangement: { create: createPointTool, Shape: PointShape, Example: RearrangementExample },
  spatial: yesNo,
  depth: yesNo,
};

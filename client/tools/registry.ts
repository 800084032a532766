/**
 * The one place that knows which tool answers which task. Adding a tool = a folder + one line here;
 * the canvas and the screens only ever call `toolEntryFor`.
 */
import type { Task } from '../../shared/answers';
import { createBinaryTool } from './yesno/tool';
import { BinaryShape } from './yesno/Shape';
import { createCuboidTool } from './pose/tool';
import { CuboidShape } from './pose/Shape';
import { createGraspTool } from './grasp/tool';
import { GraspShape } from './grasp/Shape';
import { createPointTool } from './rearrangement/tool';
import { PointShape } from './rearrangement/Shape';
import { createPolylineTool } from './trajectory/tool';
import { PolylineShape } from './trajectory/Shape';
import type { ToolEntry } from './types';

export const TOOL_REGISTRY: readonly ToolEntry[] = [
  { tasks: ['pose'], create: createCuboidTool, Shape: CuboidShape },
  { tasks: ['grasp'], create: createGraspTool, Shape: GraspShape },
  { tasks: ['trajectory'], create: createPolylineTool, Shape: PolylineShape },
  { tasks: ['rearrangement'], create: createPointTool, Shape: PointShape },
  { tasks: ['spatial', 'depth'], create: createBinaryTool, Shape: BinaryShape },
];

export function toolEntryFor(task: Task): ToolEntry {
  const entry = TOOL_REGISTRY.find((e) => e.tasks.includes(task));
  if (!entry) throw new Error(`no drawing tool is registered for task '${task}'`);
  return entry;
}

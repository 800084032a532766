import type { ToolContext } from '../../canvas/tool';

export const W = 1920;
export const H = 1080;
export const ctx = (task: ToolContext['task'], extra: Partial<ToolContext> = {}): ToolContext => ({ task, imageWidth: W, imageHeight: H, ...extra });
/** The dataset example's intrinsics (FORMAT.md). */
export const K = [[1390.5, 0, 964.9], [0, 1386.2, 547.8], [0, 0, 1]];

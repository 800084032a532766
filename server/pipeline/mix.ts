/**
 * The task mix of BOP-Ask-core (pose, grasp, trajectory, spatial 17.4% each, depth 23.3%,
 * rearrangement 7.1%). Each question slot goes to the task furthest behind its share so far, among the
 * tasks that still have candidates in the current frame; rare tasks catch up when a frame allows them.
 * The caller keeps one MixState per scene (generate.ts), so no scene depends on another.
 */
import { type FrameContext, type ItemDraft, type Task, depthItems, graspItems, poseItems, rearrangementItems, spatialItems, trajectoryItems } from './tasks';

export const TASK_MIX: Record<Task, number> = {
  pose: 0.174, grasp: 0.174, trajectory: 0.174, spatial: 0.174, depth: 0.233, rearrangement: 0.071,
};

export class MixState {
  readonly made: Record<Task, number> = { pose: 0, grasp: 0, trajectory: 0, spatial: 0, depth: 0, rearrangement: 0 };
  total = 0;

  deficit(task: Task): number {
    return TASK_MIX[task] * (this.total + 1) - this.made[task];
  }

  record(task: Task): void {
    this.made[task]++;
    this.total++;
  }
}

const GENERATORS: Record<Task, (ctx: FrameContext) => Generator<ItemDraft>> = {
  pose: poseItems, grasp: graspItems, trajectory: trajectoryItems, rearrangement: rearrangementItems, spatial: spatialItems, depth: depthItems,
};

/** Up to `max` questions for one frame, following the mix. */
export function mixFrame(ctx: FrameContext, mix: MixState, max: number): ItemDraft[] {
  const open = new Map<Task, Generator<ItemDraft>>();
  for (const t of Object.keys(GENERATORS) as Task[]) open.set(t, GENERATORS[t](ctx));
  const out: ItemDraft[] = [];
  while (out.length < max && open.size > 0) {
    const task = [...open.keys()].sort((a, b) => mix.deficit(b) - mix.deficit(a))[0];
    const next = open.get(task)!.next();
    if (next.done) {
      open.delete(task);
      continue;
    }
    out.push(next.value);
    mix.record(task);
  }
  return out;
}

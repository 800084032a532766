/**
 * Chained pointer script for tool reducers, in the style of tldraw's TestEditor:
 * `drive(tool).down(10, 10).move(50, 40).up().key('delete')`. It mimics the canvas's contract: a
 * `capture` result becomes the new rollback point and `{ cancel: true }` returns to it.
 */
import type { Answer } from '../../../shared/tasks';
import type { Tool, ToolEvent } from '../../canvas/tool';
import { imagePx } from '../../../shared/geometry/types';

export interface Driver<D> {
  readonly draft: D;
  /** Last captured draft (what undo history would hold). */
  readonly committed: D;
  readonly captures: number;
  readonly answer: Answer | null;
  down(x: number, y: number, opts?: { shift?: boolean }): Driver<D>;
  move(x: number, y: number): Driver<D>;
  up(x?: number, y?: number): Driver<D>;
  click(x: number, y: number): Driver<D>;
  drag(from: [number, number], to: [number, number]): Driver<D>;
  key(k: 'cancel' | 'delete'): Driver<D>;
  nudge(dx: number, dy: number): Driver<D>;
  command(c: string): Driver<D>;
  send(ev: ToolEvent): Driver<D>;
}

export function drive<D>(tool: Tool<D>, start?: D, tolPx = 8): Driver<D> {
  let draft: D = start ?? tool.begin();
  let committed = draft;
  let captures = 0;
  let last: [number, number] = [0, 0];
  const api: Driver<D> = {
    get draft() { return draft; },
    get committed() { return committed; },
    get captures() { return captures; },
    get answer() { return tool.toAnswer(draft); },
    send(ev) {
      const r = tool.step(draft, ev);
      if ('cancel' in r) {
        draft = committed;
      } else {
        draft = r.draft;
        if (r.capture) {
          committed = draft;
          captures++;
        }
      }
      return api;
    },
    down(x, y, opts) {
      last = [x, y];
      return api.send({ type: 'down', p: imagePx(x, y), tolPx, shift: opts?.shift ?? false });
    },
    move(x, y) {
      last = [x, y];
      return api.send({ type: 'move', p: imagePx(x, y), tolPx, shift: false });
    },
    up(x, y) {
      if (x !== undefined && y !== undefined) last = [x, y];
      return api.send({ type: 'up', p: imagePx(last[0], last[1]), tolPx, shift: false });
    },
    click(x, y) { return api.down(x, y).up(x, y); },
    drag(from, to) {
      api.down(from[0], from[1]);
      for (let i = 1; i <= 4; i++) api.move(from[0] + ((to[0] - from[0]) * i) / 4, from[1] + ((to[1] - from[1]) * i) / 4);
      return api.up(to[0], to[1]);
    },
    key(k) { return api.send({ type: k }); },
    nudge(dx, dy) { return api.send({ type: 'nudge', dx, dy }); },
    command(c) { return api.send({ type: 'command', command: c }); },
  };
  return api;
}

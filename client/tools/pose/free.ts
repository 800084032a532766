/**
 * Cuboid without a camera: drag a rectangle for the front face (corners 0–3: top-left, top-right,
 * bottom-right, bottom-left), then drag anywhere to pull out the back face (corners 4–7, corner i+4
 * behind corner i, METRICS.md order), then drag any corner, or inside the box to move it whole.
 */
import type { Vec2 } from '../../../shared/geometry/types';
import { convexHull } from '../../../shared/geometry/polygon';
import { add, clampToImage, isInConvex, isInImage, nearestIndex, replaceAt, sub } from '../common/hit';
import type { StepResult, ToolEvent } from '../../canvas/tool';

export type FreeDrag =
  | { kind: 'rect'; start: Vec2 }
  | { kind: 'pull'; start: Vec2 }
  | { kind: 'corner'; index: number; offset: Vec2; moved: boolean }
  | { kind: 'move'; start: Vec2; orig: Vec2[]; moved: boolean };

export interface FreeCuboidDraft {
  /** 0 (nothing yet), 4 (front face drawn) or 8 corners, image px. */
  corners: Vec2[];
  selected: number | null;
  drag: FreeDrag | null;
}

/** Below this size (image px) a face or a pull is taken as an accidental click and dropped. */
export const MIN_FACE_PX = 3;

export const emptyFree = (): FreeCuboidDraft => ({ corners: [], selected: null, drag: null });

function rect(a: Vec2, b: Vec2): Vec2[] {
  const x0 = Math.min(a[0], b[0]), x1 = Math.max(a[0], b[0]), y0 = Math.min(a[1], b[1]), y1 = Math.max(a[1], b[1]);
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

function onDown(d: FreeCuboidDraft, p: Vec2, tolPx: number, w: number, h: number): StepResult<FreeCuboidDraft> {
  const hit = nearestIndex(d.corners, p, tolPx);
  if (hit >= 0) return { draft: { ...d, selected: hit, drag: { kind: 'corner', index: hit, offset: sub(d.corners[hit], p), moved: false } }, capture: false };
  if (d.corners.length === 0) {
    return isInImage(p, w, h) ? { draft: { ...d, drag: { kind: 'rect', start: p } }, capture: false } : { draft: d, capture: false };
  }
  if (d.corners.length === 4) return { draft: { ...d, drag: { kind: 'pull', start: p } }, capture: false };
  if (isInConvex(convexHull(d.corners), p)) return { draft: { ...d, drag: { kind: 'move', start: p, orig: d.corners, moved: false } }, capture: false };
  return { draft: d.selected === null ? d : { ...d, selected: null }, capture: false };
}

function onMove(d: FreeCuboidDraft, p: Vec2, w: number, h: number): StepResult<FreeCuboidDraft> {
  const g = d.drag;
  if (!g) return { draft: d, capture: false };
  const q = clampToImage(p, w, h);
  switch (g.kind) {
    case 'rect':
      return { draft: { ...d, corners: rect(g.start, q) }, capture: false };
    case 'pull': {
      const front = d.corners.slice(0, 4);
      const delta = sub(p, g.start);
      return { draft: { ...d, corners: [...front, ...front.map((c) => clampToImage(add(c, delta), w, h))] }, capture: false };
    }
    case 'corner':
      return { draft: { ...d, corners: replaceAt(d.corners, g.index, clampToImage(add(p, g.offset), w, h)), drag: { ...g, moved: true } }, capture: false };
    case 'move': {
      const delta = sub(p, g.start);
      return { draft: { ...d, corners: g.orig.map((c) => clampToImage(add(c, delta), w, h)), drag: { ...g, moved: true } }, capture: false };
    }
  }
}

function spread(points: readonly Vec2[]): number {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  return Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}

function onUp(d: FreeCuboidDraft): StepResult<FreeCuboidDraft> {
  const g = d.drag;
  if (!g) return { draft: d, capture: false };
  const done = { ...d, drag: null };
  switch (g.kind) {
    case 'rect':
      // A face thinner than MIN_FACE_PX in either direction is a click, not a face.
      return d.corners.length === 4 && spread(d.corners) >= MIN_FACE_PX ? { draft: done, capture: true } : { draft: emptyFree(), capture: false };
    case 'pull': {
      const isPulled = d.corners.length === 8 && Math.hypot(d.corners[4][0] - d.corners[0][0], d.corners[4][1] - d.corners[0][1]) >= MIN_FACE_PX;
      return isPulled ? { draft: done, capture: true } : { draft: { ...done, corners: d.corners.slice(0, 4) }, capture: false };
    }
    default:
      return { draft: done, capture: g.moved };
  }
}

export function stepFree(d: FreeCuboidDraft, ev: ToolEvent, w: number, h: number): StepResult<FreeCuboidDraft> {
  switch (ev.type) {
    case 'down':
      return onDown(d, ev.p, ev.tolPx, w, h);
    case 'move':
      return onMove(d, ev.p, w, h);
    case 'up':
      return onUp(d);
    case 'cancel':
      return { cancel: true };
    case 'delete':
      return d.corners.length && !d.drag ? { draft: emptyFree(), capture: true } : { draft: d, capture: false };
    case 'nudge': {
      if (d.selected === null || d.drag) return { draft: d, capture: false };
      const moved = clampToImage(add(d.corners[d.selected], [ev.dx, ev.dy]), w, h);
      return { draft: { ...d, corners: replaceAt(d.corners, d.selected, moved) }, capture: true };
    }
    default:
      return { draft: d, capture: false };
  }
}

/**
 * The click-N-points family (rearrangement markers, trajectory waypoints), as tldraw's box tools share
 * `BaseBoxShapeTool`: click to add, drag a point to move it, Delete removes the selected one, arrows
 * nudge it. With `insertOnSegment`, a click on a segment inserts a point there (polylines).
 */
import type { Vec2 } from '../../../shared/geometry/types';
import type { StepResult, ToolEvent } from '../../canvas/tool';
import { add, clampToImage, isInImage, nearestIndex, projectOnSegment, replaceAt, sub } from './hit';

export interface PointListDraft {
  points: Vec2[];
  selected: number | null;
  /** Drag in progress: which point, pointer-to-point offset, and whether the drag created the point. */
  drag: { index: number; offset: Vec2; isNew: boolean; moved: boolean } | null;
}

export interface PointListOptions {
  imageWidth: number;
  imageHeight: number;
  insertOnSegment: boolean;
  maxPoints?: number;
}

export const emptyPointList = (): PointListDraft => ({ points: [], selected: null, drag: null });

export function pointListFrom(points: readonly Vec2[]): PointListDraft {
  return { points: points.map((p) => [p[0], p[1]] as Vec2), selected: null, drag: null };
}

function segmentHit(points: readonly Vec2[], p: Vec2, tolPx: number): { index: number; q: Vec2 } | null {
  let best: { index: number; q: Vec2 } | null = null;
  let bestD = tolPx;
  for (let i = 0; i + 1 < points.length; i++) {
    const { q, d } = projectOnSegment(points[i], points[i + 1], p);
    if (d <= bestD) {
      bestD = d;
      best = { index: i + 1, q };
    }
  }
  return best;
}

function onDown(d: PointListDraft, p: Vec2, tolPx: number, o: PointListOptions): StepResult<PointListDraft> {
  const hit = nearestIndex(d.points, p, tolPx);
  if (hit >= 0) {
    return { draft: { ...d, selected: hit, drag: { index: hit, offset: sub(d.points[hit], p), isNew: false, moved: false } }, capture: false };
  }
  if (!isInImage(p, o.imageWidth, o.imageHeight)) return { draft: d, capture: false };
  if (o.maxPoints !== undefined && d.points.length >= o.maxPoints) return { draft: d, capture: false };
  const seg = o.insertOnSegment ? segmentHit(d.points, p, tolPx) : null;
  const index = seg ? seg.index : d.points.length;
  const at = seg ? seg.q : p;
  const points = [...d.points.slice(0, index), at, ...d.points.slice(index)];
  return { draft: { points, selected: index, drag: { index, offset: [0, 0], isNew: true, moved: false } }, capture: false };
}

/** Reducer shared by the point-list tools. Returns the same draft object when nothing changed. */
export function stepPointList(d: PointListDraft, ev: ToolEvent, o: PointListOptions): StepResult<PointListDraft> {
  switch (ev.type) {
    case 'down':
      return onDown(d, ev.p, ev.tolPx, o);
    case 'move': {
      if (!d.drag) return { draft: d, capture: false };
      const p = clampToImage(add(ev.p, d.drag.offset), o.imageWidth, o.imageHeight);
      return { draft: { ...d, points: replaceAt(d.points, d.drag.index, p), drag: { ...d.drag, moved: true } }, capture: false };
    }
    case 'up': {
      if (!d.drag) return { draft: d, capture: false };
      // A click that only selected an existing point is not an edit: keep it out of undo history.
      const isEdit = d.drag.isNew || d.drag.moved;
      return { draft: { ...d, drag: null }, capture: isEdit };
    }
    case 'cancel':
      return { cancel: true };
    case 'delete': {
      if (d.selected === null || d.drag) return { draft: d, capture: false };
      const points = d.points.filter((_, i) => i !== d.selected);
      return { draft: { points, selected: points.length ? Math.min(d.selected, points.length - 1) : null, drag: null }, capture: true };
    }
    case 'nudge': {
      if (d.selected === null || d.drag) return { draft: d, capture: false };
      const p = clampToImage(add(d.points[d.selected], [ev.dx, ev.dy]), o.imageWidth, o.imageHeight);
      return { draft: { ...d, points: replaceAt(d.points, d.selected, p) }, capture: true };
    }
    default:
      return { draft: d, capture: false };
  }
}

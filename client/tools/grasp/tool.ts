/**
 * Grasp: press at the grasp centre and drag to the right finger base (sets the closing direction and
 * the opening); then drag the centre to move, either base to turn/open, the tip handle for the finger
 * length. See geometry.ts for which finger is "left".
 */
import type { Answer } from '../../../shared/tasks';
import type { Vec2 } from '../../../shared/geometry/types';
import { add, clampToImage, dist, isInImage, sub } from '../common/hit';
import type { StepResult, Tool, ToolContext, ToolEvent } from '../../canvas/tool';
import { approachDir, graspFromPoints, graspPoints, handlePositions, type GraspHandle, type GraspParams } from './geometry';
import { GraspPreview } from './Preview';

export interface GraspDraft {
  grasp: GraspParams | null;
  /**
   * The five points of the answer being corrected, exactly as given, until the first change: a generated
   * grasp need not fit the glyph's model (and may label its fingers the other way), so it is shown and
   * kept as it is until touched.
   */
  exact?: Vec2[] | null;
  selected: GraspHandle | null;
  drag: { handle: GraspHandle; offset: Vec2; isNew: boolean; moved: boolean } | null;
}

const MIN_PX = 2;

function hitHandle(g: GraspParams, p: Vec2, tolPx: number): GraspHandle | null {
  const hs = handlePositions(g);
  let best: GraspHandle | null = null;
  let bestD = tolPx;
  for (const h of ['center', 'left', 'right', 'tips'] as const) {
    const d = dist(hs[h], p);
    if (d <= bestD) {
      best = h;
      bestD = d;
    }
  }
  return best;
}

/** Moves one handle to `q` (image px), keeping the glyph symmetric about its centre. */
export function moveHandle(g: GraspParams, handle: GraspHandle, q: Vec2): GraspParams {
  if (handle === 'center') return { ...g, center: q };
  if (handle === 'tips') {
    const a = approachDir(g.angleRad);
    const v = sub(q, g.center);
    return { ...g, fingerPx: Math.max(MIN_PX, v[0] * a[0] + v[1] * a[1]) };
  }
  const v = handle === 'right' ? sub(q, g.center) : sub(g.center, q);
  const half = Math.hypot(v[0], v[1]);
  if (half < MIN_PX / 2) return g;
  return { ...g, angleRad: Math.atan2(v[1], v[0]), openingPx: 2 * half };
}

function onDown(d: GraspDraft, p: Vec2, tolPx: number, w: number, h: number): StepResult<GraspDraft> {
  if (!d.grasp) {
    if (!isInImage(p, w, h)) return { draft: d, capture: false };
    // Default glyph for a plain click: a few handle-widths wide, tips up; the drag then overrides it.
    const openingPx = Math.max(MIN_PX * 4, 6 * tolPx);
    const grasp = { center: p, angleRad: 0, openingPx, fingerPx: 0.6 * openingPx };
    return { draft: { grasp, selected: 'right', drag: { handle: 'right', offset: [0, 0], isNew: true, moved: false } }, capture: false };
  }
  const hit = hitHandle(d.grasp, p, tolPx);
  if (!hit) return { draft: d.selected ? { ...d, selected: null } : d, capture: false };
  const offset = sub(handlePositions(d.grasp)[hit], p);
  return { draft: { ...d, selected: hit, drag: { handle: hit, offset, isNew: false, moved: false } }, capture: false };
}

function onMove(d: GraspDraft, p: Vec2, w: number, h: number): StepResult<GraspDraft> {
  if (!d.drag || !d.grasp) return { draft: d, capture: false };
  const q = clampToImage(add(p, d.drag.offset), w, h);
  if (d.drag.isNew && dist(q, d.grasp.center) < MIN_PX) return { draft: d, capture: false };
  let grasp = moveHandle(d.grasp, d.drag.handle, q);
  if (d.drag.isNew) grasp = { ...grasp, fingerPx: Math.max(MIN_PX, 0.6 * grasp.openingPx) };
  return { draft: { ...d, grasp, drag: { ...d.drag, moved: true } }, capture: false };
}

export function stepGrasp(d: GraspDraft, ev: ToolEvent, w: number, h: number): StepResult<GraspDraft> {
  switch (ev.type) {
    case 'down':
      return onDown(d, ev.p, ev.tolPx, w, h);
    case 'move':
      return onMove(d, ev.p, w, h);
    case 'up':
      if (!d.drag) return { draft: d, capture: false };
      return { draft: { ...d, drag: null }, capture: d.drag.isNew || d.drag.moved };
    case 'cancel':
      return { cancel: true };
    case 'delete':
      return d.grasp && !d.drag ? { draft: { grasp: null, selected: null, drag: null }, capture: true } : { draft: d, capture: false };
    case 'nudge': {
      if (!d.grasp || !d.selected || d.drag) return { draft: d, capture: false };
      const at = handlePositions(d.grasp)[d.selected];
      return { draft: { ...d, grasp: moveHandle(d.grasp, d.selected, [at[0] + ev.dx, at[1] + ev.dy]) }, capture: true };
    }
    default:
      return { draft: d, capture: false };
  }
}

export function createGraspTool(ctx: ToolContext): Tool<GraspDraft> {
  const w = ctx.imageWidth, h = ctx.imageHeight;
  return {
    id: 'grasp',
    label: 'Grasp',
    hotkey: 'g',
    hint: 'Press at the grasp centre and drag to the RIGHT finger base; drag handles to move, turn, open, lengthen.',
    usesPointer: true,
    begin: () => ({ grasp: null, selected: null, drag: null }),
    fromAnswer: (a: Answer) => {
      const ok = 'points' in a && a.points.length === 5;
      return { grasp: ok ? graspFromPoints(a.points) : null, exact: ok ? a.points.map((p) => [p[0], p[1]] as Vec2) : null, selected: null, drag: null };
    },
    step: (d, ev) => {
      const r = stepGrasp(d, ev, w, h);
      // The first change of the glyph itself ends the exact copy (a selection alone does not).
      return 'draft' in r && d.exact && r.draft.grasp !== d.grasp ? { ...r, draft: { ...r.draft, exact: null } } : r;
    },
    // Points are clamped into the image so a glyph hanging over the edge is still a storable answer.
    toAnswer: (d) => {
      if (!d.grasp) return null;
      return { task: 'grasp', points: (d.exact ?? graspPoints(d.grasp)).map((p) => clampToImage(p, w, h)) };
    },
    Preview: GraspPreview,
  };
}

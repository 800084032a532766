/**
 * Pose: one tool, two modes. With `camera.K` the draft is a 3D box resting on the table (gizmo mode:
 * always a physically possible box, projected in METRICS.md's corner order). Without a camera, or when
 * correcting an existing 8-point answer (lifting arbitrary points back to a pose needs a PnP fit), the
 * draft is 8 free corners (free mode, see free.ts).
 */
import type { Answer } from '../../../shared/tasks';
import { defaultWorldToCamera, type TablePose } from '../../../shared/geometry/camera';
import type { Vec2, Vec3 } from '../../../shared/geometry/types';
import { convexHull } from '../../../shared/geometry/polygon';
import { clampToImage, dist, isInConvex } from '../common/hit';
import type { StepResult, Tool, ToolContext, ToolEvent, ToolKey } from '../../canvas/tool';
import { emptyFree, stepFree, type FreeCuboidDraft } from './free';
import { dragTo, GIZMO_HANDLES, gizmoCorners, handleImage, nextRestingFace, placeBox, startDrag, type Cam, type GizmoDrag, type GizmoHandle } from './gizmo';
import { box3dOfTablePose, tablePoseOfBox } from './fromBox';
import { CuboidPreview } from './Preview';

export interface GizmoDraft {
  mode: 'gizmo';
  pose: TablePose | null;
  selected: GizmoHandle | null;
  drag: (GizmoDrag & { isNew: boolean; moved: boolean }) | null;
}
export type CuboidDraft = { mode: 'free'; free: FreeCuboidDraft } | GizmoDraft;

const YAW_STEP_RAD = (5 * Math.PI) / 180;
/** Snap reach of a size drag, as a share of the grab radius. */
const SNAP_OF_GRAB = 0.6;

/** The handle a press at `p` grabs: the nearest handle within `tolPx`, else the box body ('move'), else none. */
export function hitGizmo(cam: Cam, pose: TablePose, p: Vec2, tolPx: number): GizmoHandle | null {
  let best: GizmoHandle | null = null;
  let bestD = tolPx;
  for (const h of GIZMO_HANDLES) {
    if (h === 'move') continue; // the box body (hull test below) is the move handle
    const q = handleImage(cam, pose, h);
    if (q && dist(q, p) <= bestD) {
      best = h;
      bestD = dist(q, p);
    }
  }
  if (best) return best;
  const corners = gizmoCorners(cam, pose);
  return corners && isInConvex(convexHull(corners), p) ? 'move' : null;
}

function stepGizmo(cam: Cam, d: GizmoDraft, ev: ToolEvent, sizeMm: Vec3 | undefined): StepResult<GizmoDraft> {
  const same = { draft: d, capture: false };
  switch (ev.type) {
    case 'down': {
      if (!d.pose) {
        const pose = placeBox(cam, ev.p, 8 * ev.tolPx, sizeMm);
        if (!pose) return same;
        return { draft: { ...d, pose, selected: 'move', drag: { ...startDrag(cam, pose, 'move', ev.p), isNew: true, moved: false } }, capture: false };
      }
      const h = hitGizmo(cam, d.pose, ev.p, ev.tolPx);
      if (!h) return d.selected ? { draft: { ...d, selected: null }, capture: false } : same;
      return { draft: { ...d, selected: h, drag: { ...startDrag(cam, d.pose, h, ev.p), isNew: false, moved: false } }, capture: false };
    }
    case 'move': {
      if (!d.drag || !d.pose) return same;
      // Sizes snap to the object's real ones (6 screen px reach): a pointer cannot hit them exactly.
      const snap = sizeMm ? { sizesMm: sizeMm, px: SNAP_OF_GRAB * ev.tolPx } : undefined;
      return { draft: { ...d, pose: dragTo(cam, d.pose, d.drag, ev.p, snap), drag: { ...d.drag, moved: true } }, capture: false };
    }
    case 'up':
      return d.drag ? { draft: { ...d, drag: null }, capture: d.drag.isNew || d.drag.moved } : same;
    case 'cancel':
      return { cancel: true };
    case 'delete':
      return d.pose && !d.drag ? { draft: { mode: 'gizmo', pose: null, selected: null, drag: null }, capture: true } : same;
    case 'nudge': {
      if (!d.pose || !d.selected || d.drag) return same;
      const at = handleImage(cam, d.pose, d.selected);
      if (!at) return same;
      const to: Vec2 = [at[0] + ev.dx, at[1] + ev.dy];
      return { draft: { ...d, pose: dragTo(cam, d.pose, startDrag(cam, d.pose, d.selected, at), to) }, capture: true };
    }
    case 'command': {
      if (!d.pose || d.drag) return same;
      if (ev.command === 'yaw+' || ev.command === 'yaw-') {
        const yawRad = d.pose.yawRad + (ev.command === 'yaw+' ? YAW_STEP_RAD : -YAW_STEP_RAD);
        return { draft: { ...d, pose: { ...d.pose, yawRad } }, capture: true };
      }
      if (ev.command === 'tilt') return { draft: { ...d, pose: nextRestingFace(d.pose) }, capture: true };
      return same;
    }
  }
}

const GIZMO_KEYS: ToolKey[] = [
  { keys: '[', label: 'Turn box left 5°', keyTest: (e) => e.key === '[', event: { type: 'command', command: 'yaw-' } },
  { keys: ']', label: 'Turn box right 5°', keyTest: (e) => e.key === ']', event: { type: 'command', command: 'yaw+' } },
  { keys: 'T', label: 'Rest the box on another face (stand it up / lay it down)', keyTest: (e) => e.key.toLowerCase() === 't' && !e.ctrlKey && !e.metaKey, event: { type: 'command', command: 'tilt' } },
];

export function createCuboidTool(ctx: ToolContext): Tool<CuboidDraft> {
  const w = ctx.imageWidth, h = ctx.imageHeight;
  // Correcting an 8-point answer edits its corners (free mode): the table gizmo cannot hold arbitrary
  // points. A label whose 3D box and table are known is corrected as that box (startBox).
  const w2c = ctx.camera?.world_to_camera;
  const startBox = ctx.isEditingAnswer && w2c && ctx.initialBox3d ? ctx.initialBox3d : null;
  const cam: Cam | null = ctx.camera && (!ctx.isEditingAnswer || startBox) ? { K: ctx.camera.K, w2c: w2c ?? defaultWorldToCamera() } : null;
  const clamp = (pts: Vec2[]) => pts.map((p) => clampToImage(p, w, h));
  return {
    id: cam ? 'cuboid3d' : 'cuboid2d',
    label: 'Box',
    hotkey: 'c',
    hint: startBox
      ? 'The label\'s 3D box: drag it to move it, the round dots to resize, the ◆ on the table to turn it, the ▲ on the top edge to tilt it; the dashed outline is the label as saved.'
      : cam
      ? `Click where the object stands on the table${ctx.objectSizeMm ? ' (the box starts at the object\'s real size)' : ''}. Drag the box to move it, the round dots to resize, the ◆ on the table to turn it, the ▲ on the top edge to tilt it${ctx.objectSizeMm ? ' (sizes snap back to the real ones)' : ''}; the shaded outline is its footprint on the table.`
      : ctx.isEditingAnswer
        ? 'Drag any corner of the box to move it, or drag inside the box to move all of it; arrows nudge the selected corner.'
        : 'Drag the front face, then drag to pull out the back face; then drag any corner (or inside to move).',
    usesPointer: true,
    begin: (): CuboidDraft => (cam ? { mode: 'gizmo', pose: null, selected: null, drag: null } : { mode: 'free', free: emptyFree() }),
    // With a start box the answer is that box's picture: the box itself is the better start.
    fromAnswer: (a: Answer): CuboidDraft => startBox && cam ? { mode: 'gizmo', pose: tablePoseOfBox(startBox, cam.w2c), selected: null, drag: null } : ({
      mode: 'free',
      free: { corners: 'points' in a && a.points.length === 8 ? a.points.map((p) => [p[0], p[1]] as Vec2) : [], selected: null, drag: null },
    }),
    step: (d, ev): StepResult<CuboidDraft> => {
      if (d.mode === 'gizmo') return cam ? stepGizmo(cam, d, ev, ctx.objectSizeMm) : { draft: d, capture: false };
      const r = stepFree(d.free, ev, w, h);
      return 'cancel' in r ? r : { draft: r.draft === d.free ? d : { mode: 'free', free: r.draft }, capture: r.capture };
    },
    toAnswer: (d) => {
      if (d.mode === 'free') return d.free.corners.length === 8 ? { task: 'pose', points: clamp(d.free.corners) } : null;
      const corners = cam && d.pose ? gizmoCorners(cam, d.pose) : null;
      return corners ? { task: 'pose', points: clamp(corners) } : null;
    },
    // Only a real table gives a real box: the default one only shapes the drawing.
    toBox3d: (d) => (d.mode === 'gizmo' && d.pose && cam && w2c ? box3dOfTablePose(d.pose, w2c) : null),
    Preview: (props) => <CuboidPreview {...props} cam={cam} />,
    keys: cam ? GIZMO_KEYS : undefined,
  };
}


import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../shared/tasks';
import { defaultWorldToCamera, projectWorldPoint } from '../../../shared/geometry/camera';
import { drive } from '../testing/driver';
import { ctx, H, K, W } from '../testing/ctx';
import { eventScript } from '../testing/scripts';
import { footprintImage, handleImage } from './gizmo';
import { gizmoCorners } from './gizmo';
import { createCuboidTool, type CuboidDraft, type GizmoDraft } from './tool';

const free = createCuboidTool(ctx('pose'));
const gizmo = createCuboidTool(ctx('pose', { camera: { K } }));
const cam = { K, w2c: defaultWorldToCamera() };

describe('cuboid tool without a camera', () => {
  it('front face, pull back face, then 8 corners in METRICS.md order', () => {
    const d = drive<CuboidDraft>(free).drag([100, 100], [300, 250]);
    expect(d.answer).toBeNull();
    d.drag([500, 500], [540, 470]);
    expect(d.answer).toEqual({
      task: 'pose',
      points: [[100, 100], [300, 100], [300, 250], [100, 250], [140, 70], [340, 70], [340, 220], [140, 220]],
    });
    expect(d.captures).toBe(2);
  });
  it('drags a corner, moves the whole box, nudges', () => {
    const d = drive<CuboidDraft>(free).drag([100, 100], [300, 250]).drag([500, 500], [540, 470]);
    d.drag([340, 220], [360, 240]);
    const a = d.answer!;
    expect('points' in a && a.points[6]).toEqual([360, 240]);
    d.drag([200, 200], [210, 200]);
    expect('points' in d.answer! && d.answer.points[0]).toEqual([110, 100]);
  });
  it('drops a degenerate face (a click) and a zero pull', () => {
    const d = drive<CuboidDraft>(free).click(100, 100);
    expect(d.draft.mode === 'free' && d.draft.free.corners).toEqual([]);
    d.drag([100, 100], [300, 101]);
    expect(d.draft.mode === 'free' && d.draft.free.corners).toEqual([]);
    d.drag([100, 100], [300, 200]).click(50, 50);
    expect(d.draft.mode === 'free' && d.draft.free.corners.length).toBe(4);
  });
  it('cancel while pulling keeps the front face', () => {
    const d = drive<CuboidDraft>(free).drag([100, 100], [300, 250]).down(10, 10).move(80, 80).key('cancel');
    expect(d.draft.mode === 'free' && d.draft.free.corners.length).toBe(4);
  });
  test.prop([eventScript(W, H)])('every answer passes the schema', (script) => {
    const d = drive(free);
    for (const ev of script) {
      d.send(ev);
      if (d.answer) expect(answerSchema.safeParse(d.answer).success).toBe(true);
    }
  });
});

describe('cuboid tool with a camera (3D gizmo)', () => {
  it('a click places a box standing on the table where clicked', () => {
    const d = drive<CuboidDraft>(gizmo).click(960, 700);
    const g = d.draft as GizmoDraft;
    expect(g.pose).not.toBeNull();
    const foot = handleImage(cam, g.pose!, 'move')!;
    expect(foot[0]).toBeCloseTo(960, 6);
    expect(foot[1]).toBeCloseTo(700, 6);
    expect(answerSchema.safeParse(d.answer).success).toBe(true);
  });
  it('dragging the box moves its footprint with the cursor', () => {
    const d = drive<CuboidDraft>(gizmo).click(960, 700).drag([960, 700], [700, 800]);
    const foot = handleImage(cam, (d.draft as GizmoDraft).pose!, 'move')!;
    expect(foot[0]).toBeCloseTo(700, 4);
    expect(foot[1]).toBeCloseTo(800, 4);
  });
  it('the height handle follows the cursor', () => {
    const d = drive<CuboidDraft>(gizmo).click(960, 700);
    const pose = (d.draft as GizmoDraft).pose!;
    const top = handleImage(cam, pose, 'sz')!;
    d.drag([top[0], top[1]], [top[0], top[1] - 60]);
    const after = (d.draft as GizmoDraft).pose!;
    expect(after.size[2]).toBeGreaterThan(pose.size[2]);
    const q = handleImage(cam, after, 'sz')!;
    expect(Math.hypot(q[0] - top[0], q[1] - (top[1] - 60))).toBeLessThan(1);
  });
  it('a press beside the height handle moves it with the pointer, without a jump', () => {
    const d = drive<CuboidDraft>(gizmo).click(960, 700);
    const pose = (d.draft as GizmoDraft).pose!;
    const top = handleImage(cam, pose, 'sz')!;
    d.down(top[0] + 5, top[1] + 4).move(top[0] + 5, top[1] + 4);
    expect((d.draft as GizmoDraft).pose!.size[2]).toBeCloseTo(pose.size[2], 6);
    d.move(top[0] + 5, top[1] - 36).up();
    const q = handleImage(cam, (d.draft as GizmoDraft).pose!, 'sz')!;
    expect(Math.hypot(q[0] - top[0], q[1] - (top[1] - 40))).toBeLessThan(1);
  });
  it('a size drag snaps to the object\'s real edge length near it, and follows the pointer elsewhere', () => {
    const sized = createCuboidTool(ctx('pose', { camera: { K }, objectSizeMm: [66, 70, 122] }));
    const d = drive<CuboidDraft>(sized).click(960, 700);
    const height = () => (d.draft as GizmoDraft).pose!.size[2];
    const top = () => handleImage(cam, (d.draft as GizmoDraft).pose!, 'sz')!;
    const real = top();
    d.drag(top(), [real[0], real[1] - 60]);
    expect(height()).toBeGreaterThan(140);
    // 3 px short of where the real height puts the handle (the grab radius is 8 px here): snapped.
    d.drag(top(), [real[0], real[1] - 3]);
    expect(height()).toBe(122);
    d.drag(top(), [real[0], real[1] - 20]);
    expect(height()).toBeGreaterThan(125);
  });
  it('starts at the object\'s real size when it is known', () => {
    const sized = createCuboidTool(ctx('pose', { camera: { K }, objectSizeMm: [66, 70, 122] }));
    const g = drive<CuboidDraft>(sized).click(960, 700).draft as GizmoDraft;
    expect(g.pose!.size).toEqual([66, 70, 122]);
    expect(g.pose!.tiltRad).toBe(0);
  });
  it('T rests the box on each of its faces in turn, keeping its footprint centre', () => {
    const sized = createCuboidTool(ctx('pose', { camera: { K }, objectSizeMm: [66, 70, 122] }));
    const d = drive<CuboidDraft>(sized).click(960, 700);
    const p0 = (d.draft as GizmoDraft).pose!;
    const heights = [p0.size[2]];
    for (let i = 0; i < 3; i++) {
      d.command('tilt');
      const p = (d.draft as GizmoDraft).pose!;
      expect([p.x, p.y]).toEqual([p0.x, p0.y]);
      heights.push(p.size[2]);
    }
    expect(heights).toEqual([122, 70, 66, 122]);
  });
  it('the footprint of an upright box is its bottom face', () => {
    const g = drive<CuboidDraft>(gizmo).click(960, 700).draft as GizmoDraft;
    const foot = footprintImage(cam, g.pose!)!;
    const bottom = gizmoCorners(cam, g.pose!)!.slice(0, 4);
    for (const b of bottom) expect(Math.min(...foot.map((f) => Math.hypot(f[0] - b[0], f[1] - b[1])))).toBeLessThan(1e-6);
  });
  it('the yaw handle turns the box; T stands it on another face', () => {
    const d = drive<CuboidDraft>(gizmo).click(960, 700);
    const pose = (d.draft as GizmoDraft).pose!;
    const yaw = handleImage(cam, pose, 'yaw')!;
    d.drag([yaw[0], yaw[1]], [yaw[0], yaw[1] + 40]);
    expect((d.draft as GizmoDraft).pose!.yawRad).not.toBeCloseTo(pose.yawRad, 3);
    const before = (d.draft as GizmoDraft).pose!.size;
    d.command('tilt');
    expect((d.draft as GizmoDraft).pose!.size).toEqual([before[2], before[0], before[1]]);
  });
  it('a click above the horizon places nothing', () => {
    expect(drive(gizmo).click(960, -3000).answer).toBeNull();
    // Sanity: that pixel is indeed above the default table's horizon.
    expect(projectWorldPoint(K, cam.w2c, [0, 1e9, 0])![1]).toBeGreaterThan(-3000);
  });
  it('correcting an answer with a camera is the free-corner tool, and says so', () => {
    const editing = createCuboidTool(ctx('pose', { camera: { K }, isEditingAnswer: true }));
    expect(editing.id).toBe('cuboid2d');
    expect(editing.hint).toMatch(/Drag any corner of the box/);
    expect(editing.keys).toBeUndefined();
    expect(gizmo.hint).toMatch(/◆/);
  });
  it('corrects an existing answer as free corners', () => {
    const pts = [[100, 100], [300, 100], [300, 250], [100, 250], [140, 70], [340, 70], [340, 220], [140, 220]] as [number, number][];
    const d = drive<CuboidDraft>(gizmo, gizmo.fromAnswer({ task: 'pose', points: pts })).drag([100, 100], [90, 95]);
    expect('points' in d.answer! && d.answer.points[0]).toEqual([90, 95]);
  });
  test.prop([eventScript(W, H, ['yaw+', 'yaw-', 'tilt'])])('every answer passes the schema', (script) => {
    const d = drive(gizmo);
    for (const ev of script) {
      d.send(ev);
      if (d.answer) expect(answerSchema.safeParse(d.answer).success).toBe(true);
    }
  });
});

describe('gizmo size handles', () => {
  for (const h of ['sx', 'sy'] as const) {
    it(`${h} follows the cursor and keeps the opposite face in place`, () => {
      const d = drive<CuboidDraft>(gizmo).click(900, 650);
      const before = (d.draft as GizmoDraft).pose!;
      const at = handleImage(cam, before, h)!;
      const to: [number, number] = [at[0] + 25, at[1] + 10];
      d.drag([at[0], at[1]], to);
      const after = (d.draft as GizmoDraft).pose!;
      const q = handleImage(cam, after, h)!;
      // One size parameter cannot follow a 2-D cursor exactly: it lands on the closest point of its axis.
      const axis = [q[0] - at[0], q[1] - at[1]];
      const len = Math.hypot(axis[0], axis[1]);
      const along = ((to[0] - at[0]) * axis[0] + (to[1] - at[1]) * axis[1]) / len;
      expect(Math.abs(len - along)).toBeLessThan(0.5);
      // The far face did not move: the box centre moved by half the growth along that axis.
      const k = h === 'sx' ? 0 : 1;
      const grow = after.size[k] - before.size[k];
      expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeCloseTo(Math.abs(grow) / 2, 6);
    });
  }
});

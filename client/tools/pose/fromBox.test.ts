/**
 * A curator corrects a pose label as the label's own 3D box: the box ↔ table pose conversion keeps the
 * box (same 8 corners, whatever their labels), and the tool started from a box reports a box whose
 * projection is its answer, before and after a drag.
 */
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxCorners, projectBox } from '../../../shared/geometry/box3d';
import { defaultWorldToCamera, type TablePose } from '../../../shared/geometry/camera';
import type { Box3d, Vec2, Vec3 } from '../../../shared/geometry/types';
import { drive } from '../testing/driver';
import { ctx, K } from '../testing/ctx';
import { box3dOfTablePose, tablePoseOfBox } from './fromBox';
import { createCuboidTool, type CuboidDraft } from './tool';

const w2c = defaultWorldToCamera();
/**
 * The same 8 corners, whatever their order, each within 1e-6 mm of one of the other's (corners are at
 * least 20 mm apart, so the match is unique). Rounding both sides and comparing them exactly failed on
 * a value that rounds to -0 on one side and 0 on the other, or to either side of a rounding boundary.
 */
function sameBox(a: Box3d, b: Box3d): void {
  const left: Vec3[] = boxCorners(b);
  for (const p of boxCorners(a)) {
    const i = left.findIndex((q) => Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]), Math.abs(p[2] - q[2])) < 1e-6);
    expect(i, `corner ${p.join(', ')} has no match in ${JSON.stringify(left)}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
}

describe('box3d ↔ table pose', () => {
  test.prop([
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
    fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    fc.tuple(fc.integer({ min: 20, max: 300 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 20, max: 300 })),
  ])('a box resting on the table comes back as the same box', (x, y, yawRad, tiltRad, size) => {
    const pose: TablePose = { x, y, yawRad, tiltRad, size };
    const box = box3dOfTablePose(pose, w2c);
    sameBox(box3dOfTablePose(tablePoseOfBox(box, w2c), w2c), box);
  });

  it('an upright box keeps its edges and needs no tilt', () => {
    const box = box3dOfTablePose({ x: 10, y: 20, yawRad: 0.4, tiltRad: 0, size: [100, 60, 150] }, w2c);
    const p = tablePoseOfBox(box, w2c);
    expect(p.tiltRad).toBeCloseTo(0, 9);
    expect(p.size).toEqual([100, 60, 150]);
  });

  it('a box floating above the table is put down on it, keeping its footprint', () => {
    const box = box3dOfTablePose({ x: 10, y: 20, yawRad: 0.4, tiltRad: 0, size: [100, 60, 150] }, w2c);
    const up = w2c.R.map((row) => row[2]) as Vec3; // world z in the camera frame
    const floating: Box3d = { ...box, center: [box.center[0] + 30 * up[0], box.center[1] + 30 * up[1], box.center[2] + 30 * up[2]] };
    sameBox(box3dOfTablePose(tablePoseOfBox(floating, w2c), w2c), box);
  });

  it('the rotation is a rotation to 1e-12 even when world_to_camera.R is written with 5 decimals', () => {
    const rounded = { R: w2c.R.map((r) => r.map((v) => Math.round(v * 1e5) / 1e5)), t: w2c.t };
    const R = box3dOfTablePose({ x: 0, y: 0, yawRad: 0.3, tiltRad: 0.2, size: [80, 80, 80] }, rounded).rotation;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      expect(R[0][i] * R[0][j] + R[1][i] * R[1][j] + R[2][i] * R[2][j]).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
});

describe('the cuboid tool started from a label\'s 3D box', () => {
  const label = box3dOfTablePose({ x: 0, y: 0, yawRad: 0.2, tiltRad: 0, size: [120, 80, 100] }, w2c);
  const answer = { task: 'pose' as const, points: projectBox(K, label) };
  const within = (a: Vec2[], b: Vec2[], tol: number) => a.forEach((p, i) => expect(Math.hypot(p[0] - b[i][0], p[1] - b[i][1])).toBeLessThan(tol));

  it('is the 3D gizmo at that box, and its box projects onto its answer after a drag', () => {
    const tool = createCuboidTool(ctx('pose', { camera: { K, world_to_camera: w2c }, isEditingAnswer: true, initialBox3d: label }));
    expect(tool.id).toBe('cuboid3d');
    expect(tool.hint).toMatch(/^The label's 3D box/);
    const start = tool.fromAnswer(answer);
    expect(start.mode).toBe('gizmo');
    sameBox(tool.toBox3d!(start)!, label);
    const pts = (d: CuboidDraft) => (tool.toAnswer(d) as { points: Vec2[] }).points;
    const centre = pts(start).reduce((s, p) => [s[0] + p[0] / 8, s[1] + p[1] / 8], [0, 0]);
    const d = drive<CuboidDraft>(tool, start).drag([centre[0], centre[1]], [centre[0] + 60, centre[1] + 10]);
    const moved = tool.toBox3d!(d.draft)!;
    expect(moved.center).not.toEqual(label.center);
    within(projectBox(K, moved), pts(d.draft), 1e-6);
  });

  it('without world_to_camera stays the free-corner tool and has no box', () => {
    const tool = createCuboidTool(ctx('pose', { camera: { K }, isEditingAnswer: true, initialBox3d: label }));
    expect(tool.id).toBe('cuboid2d');
    expect(tool.toBox3d!(tool.fromAnswer(answer))).toBeNull();
  });
});

/**
 * A pose correction from the 3D gizmo: the box it sends is stored as the label's box3d exactly, when it
 * is a real box whose projection is the sent corners; every other box is refused with its reason and
 * the label stays at its version. Without world_to_camera (or without a box) the PnP lift stays.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectBox } from '../../../shared/geometry/box3d';
import { defaultWorldToCamera } from '../../../shared/geometry/camera';
import type { Box3d, Vec2, Vec3 } from '../../../shared/geometry/types';
import { questions } from '../../db/schema';
import type { Box3dInput } from './poseBox';
import { POSE_BOX, POSE_ID, POSE_K, reviewDb, signedIn } from '../../testing/reviewFixture';

// A box turned 30° about the camera's y axis, moved 40 mm right: what a curator's drag leaves.
const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
const MOVED: Box3dInput = { center: [40, 20, 820], size: [110, 80, 130], rotation: [[c, 0, s], [0, 1, 0], [-s, 0, c]] };
const cornersOf = (box: Box3d): Vec2[] => projectBox(POSE_K, box);

async function setup(withTable = true) {
  const { db } = await reviewDb(1);
  if (withTable) {
    const q = db.select().from(questions).where(eq(questions.id, POSE_ID)).get()!;
    const item = { ...(q.item as Record<string, unknown>), camera: { K: POSE_K, world_to_camera: defaultWorldToCamera() } };
    db.update(questions).set({ item }).where(eq(questions.id, POSE_ID)).run();
  }
  const cora = await signedIn(db, 'cora');
  const stored = () => db.select().from(questions).where(eq(questions.id, POSE_ID)).get()!;
  return { cora, stored };
}

describe('pose correction with the 3D gizmo box', () => {
  it('stores the sent box exactly, beside its corners', async () => {
    const { cora, stored } = await setup();
    const points = cornersOf(MOVED);
    const res = await cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points }, box3d: MOVED } });
    expect(res.ok).toBe(true);
    const item = stored().item as { box3d: Box3d; answer: Vec2[] };
    expect(item.box3d).toEqual(MOVED);
    expect(item.answer).toEqual(points);
    expect(stored().version).toBe(2);
    const history = await cora.review.history({ id: POSE_ID });
    expect(history.versions[1].changed).toEqual(['answer', 'box3d']);
  });

  it('accepts corners rounded to 0.1 px (within 0.5 px of the projection)', async () => {
    const { cora, stored } = await setup();
    const points = cornersOf(MOVED).map((p) => [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10] as Vec2);
    expect((await cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points }, box3d: MOVED } })).ok).toBe(true);
    expect((stored().item as { box3d: Box3d }).box3d).toEqual(MOVED);
  });

  const mirrored: Box3dInput = { ...MOVED, rotation: [[-c, 0, s], [0, 1, 0], [s, 0, c]] };
  const sheared: Box3dInput = { ...MOVED, rotation: [[c, 0, s], [0, 1, 1e-5], [-s, 0, c]] };
  const cases: [string, Box3dInput, Vec2[] | null, RegExp][] = [
    ['a zero edge', { ...MOVED, size: [110, 0, 130] }, null, /has edge 2 of 0 mm \(each edge must be more than 0 and at most 10000 mm\)/],
    ['a negative edge', { ...MOVED, size: [-110, 80, 130] }, null, /has edge 1 of -110 mm/],
    ['a 20 m edge', { ...MOVED, size: [110, 80, 20_000] }, null, /has edge 3 of 20000 mm/],
    ['a sheared rotation', sheared, null, /rotation is not orthonormal \(RᵀR differs from the identity by 1\.00e-5, more than 0\.000001\)/],
    ['a mirror', mirrored, null, /rotation has determinant -1\.000000, not \+1 \(a mirrored box\)/],
    ['a box behind the camera', { ...MOVED, center: [0, 0, -500] }, cornersOf(MOVED), /has corner 1 behind the camera/],
    ['corners of another box', MOVED, cornersOf({ ...MOVED, center: [41, 20, 820] }), /does not match the answer: corner 1 projects to \(.*\), 0\.\d\d px from the answer's .* \(at most 0\.5 px\)/],
  ];
  it.each(cases)('refuses %s with its reason and changes nothing', async (_name, box3d, points, message) => {
    const { cora, stored } = await setup();
    const before = stored();
    await expect(cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points: points ?? cornersOf(MOVED) }, box3d } })).rejects.toThrow(message);
    expect(stored().version).toBe(1);
    expect(stored().item).toEqual(before.item);
    expect((await cora.review.history({ id: POSE_ID })).versions).toHaveLength(1);
  });

  it('refuses non-finite numbers at the schema', async () => {
    const { cora, stored } = await setup();
    const box3d = { ...MOVED, center: [Number.NaN, 20, 820] as Vec3 };
    await expect(cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points: cornersOf(MOVED) }, box3d } })).rejects.toThrow();
    expect(stored().version).toBe(1);
  });

  it('refuses a box for an item without world_to_camera; the corners alone are still lifted', async () => {
    const { cora, stored } = await setup(false);
    const points = cornersOf(MOVED);
    await expect(cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points }, box3d: MOVED } })).rejects.toThrow(
      /a 3D box is taken only for items with camera\.K and camera\.world_to_camera/,
    );
    expect(stored().version).toBe(1);
    expect((await cora.review.correct({ id: POSE_ID, version: 1, label: { answer: { task: 'pose', points } } })).ok).toBe(true);
    // The lift keeps the object's size: it fits POSE_BOX's size to the corners.
    expect((stored().item as { box3d: Box3d }).box3d.size).toEqual(POSE_BOX.size);
  });

  it('refuses a box on an item of another task', async () => {
    const { cora } = await setup();
    await expect(cora.review.correct({ id: 'spatial-0', version: 1, label: { answer: { task: 'spatial', value: true }, box3d: MOVED } })).rejects.toThrow(
      /box3d belongs to pose items, not spatial/,
    );
  });
});

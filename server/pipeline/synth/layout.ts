/**
 * Scene layout in the world frame (mm, z up, table top at z = 0): which catalogue objects, how they rest
 * (upright or lying on a side), where (never interpenetrating; packed tightly in cluttered scenes), and
 * a camera looking down at them with every object inside the picture.
 */
import type { Vec3 } from '../../../shared/geometry/types';
import { type Obb, obbCorners, obbMinZ, obbOverlap } from '../obb';
import type { Rng } from '../rng';
import { type M3, type Rigid, applyRigid, column, cross, matMul, matVec, normalize, rotX, rotY, rotZ, scale, sub, transpose } from '../../../shared/geometry/vec';
import { CATALOGUE, type ShapeKind } from './catalogue';

export interface PlacedObject {
  objId: number;
  /** Model → world rotation; the model's origin is its box centre. */
  R: M3;
  t: Vec3;
  obb: Obb;
}

export interface SynthCamera {
  K: M3;
  worldToCamera: Rigid;
  width: number;
  height: number;
}

export interface SceneLayout {
  objects: PlacedObject[];
  camera: SynthCamera;
  isCluttered: boolean;
}

export const IMAGE_WIDTH = 1280;
export const IMAGE_HEIGHT = 720;
const FOCAL_PX = 920;

function restRotation(rng: Rng, shape: ShapeKind): M3 {
  const yaw = rotZ(rng.range(0, 2 * Math.PI));
  // Mugs and bowls stand on their foot; the rest may lie on a side (round ones roll onto it).
  if (shape === 'mug' || shape === 'bowl' || rng.chance(0.7)) return yaw;
  const side = shape !== 'box' || rng.chance(0.5) ? rotX(Math.PI / 2) : rotY(Math.PI / 2);
  return matMul(yaw, side);
}

function placedAt(objId: number, R: M3, x: number, y: number): PlacedObject {
  const size = CATALOGUE[objId - 1].size;
  const axes: [Vec3, Vec3, Vec3] = [column(R, 0), column(R, 1), column(R, 2)];
  const obb: Obb = { center: [x, y, 0], axes, half: [size[0] / 2, size[1] / 2, size[2] / 2] };
  obb.center = [x, y, -obbMinZ(obb)];
  return { objId, R, t: obb.center, obb };
}

function pickObjects(rng: Rng, count: number): number[] {
  const ids: number[] = [];
  while (ids.length < count) {
    // About one pick in four repeats an object already present: categories with several instances.
    const repeat = ids.length > 0 && rng.chance(0.25);
    const id = repeat ? rng.pick(ids) : rng.int(1, CATALOGUE.length);
    if (ids.filter((x) => x === id).length < 3) ids.push(id);
  }
  return ids;
}

function fits(obj: PlacedObject, placed: PlacedObject[], gapMm: number): boolean {
  return placed.every((o) => !obbOverlap(o.obb, obj.obb, -gapMm));
}

/** Places one object; cluttered scenes try spots right beside existing objects and keep the most central. */
function placeOne(rng: Rng, objId: number, placed: PlacedObject[], isCluttered: boolean): PlacedObject | undefined {
  let best: PlacedObject | undefined;
  let bestScore = Infinity;
  for (let attempt = 0; attempt < 60; attempt++) {
    const R = restRotation(rng, CATALOGUE[objId - 1].shape);
    let x: number;
    let y: number;
    if (isCluttered && placed.length > 0) {
      const anchor = rng.pick(placed);
      const a = rng.range(0, 2 * Math.PI);
      const d = rng.range(25, 120);
      [x, y] = [anchor.t[0] + d * Math.cos(a), anchor.t[1] + d * Math.sin(a)];
    } else {
      const a = rng.range(0, 2 * Math.PI);
      const d = 330 * Math.sqrt(rng.next());
      [x, y] = [d * Math.cos(a), d * Math.sin(a)];
    }
    const candidate = placedAt(objId, R, x, y);
    if (!fits(candidate, placed, isCluttered ? rng.range(2, 6) : 35)) continue;
    if (!isCluttered) return candidate;
    const score = Math.hypot(x, y);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

function lookAt(eye: Vec3, target: Vec3): Rigid {
  const z = normalize(sub(target, eye));
  const x = normalize(cross(z, [0, 0, 1]));
  const y = cross(z, x);
  const R = transpose([[x[0], y[0], z[0]], [x[1], y[1], z[1]], [x[2], y[2], z[2]]]);
  return { R, t: scale(matVec(R, eye), -1) };
}

function allInView(cam: SynthCamera, objects: PlacedObject[], marginPx: number): boolean {
  return objects.every((o) => obbCorners(o.obb).every((p) => {
    const c = applyRigid(cam.worldToCamera, p);
    const u = (cam.K[0][0] * c[0]) / c[2] + cam.K[0][2];
    const v = (cam.K[1][1] * c[1]) / c[2] + cam.K[1][2];
    return c[2] > 100 && u > marginPx && u < cam.width - marginPx && v > marginPx && v < cam.height - marginPx;
  }));
}

function chooseCamera(rng: Rng, objects: PlacedObject[]): SynthCamera {
  const cx = objects.reduce((s, o) => s + o.t[0], 0) / objects.length;
  const cy = objects.reduce((s, o) => s + o.t[1], 0) / objects.length;
  const K: M3 = [[FOCAL_PX, 0, IMAGE_WIDTH / 2], [0, FOCAL_PX, IMAGE_HEIGHT / 2], [0, 0, 1]];
  const elevation = rng.range(0.6, 1.1);
  const azimuth = rng.range(0, 2 * Math.PI);
  let distance = rng.range(650, 850);
  let cam: SynthCamera | undefined;
  for (let i = 0; i < 20; i++, distance *= 1.1) {
    const eye: Vec3 = [
      cx + distance * Math.cos(elevation) * Math.cos(azimuth),
      cy + distance * Math.cos(elevation) * Math.sin(azimuth),
      distance * Math.sin(elevation),
    ];
    cam = { K, worldToCamera: lookAt(eye, [cx, cy, 0]), width: IMAGE_WIDTH, height: IMAGE_HEIGHT };
    if (allInView(cam, objects, 30)) break;
  }
  return cam!;
}

/**
 * A deterministic tabletop scene with 4–12 objects; 80% of the scenes are cluttered (8–12 objects packed
 * 2–6 mm apart). That share and density are what give BOP-Ask-core's 7.1% of rearrangement questions
 * (fully cluttered objects) in the demo; with 70% and looser packing it was about 5%.
 */
export function makeLayout(rng: Rng): SceneLayout {
  const isCluttered = rng.chance(0.8);
  const ids = pickObjects(rng, isCluttered ? rng.int(8, 12) : rng.int(4, 10));
  const objects: PlacedObject[] = [];
  for (const id of ids) {
    const placed = placeOne(rng, id, objects, isCluttered);
    if (placed) objects.push(placed);
  }
  return { objects, camera: chooseCamera(rng, objects), isCluttered };
}

/** Model → camera pose as BOP writes it (cam_R_m2c, cam_t_m2c). */
export function modelToCamera(cam: SynthCamera, o: PlacedObject): Rigid {
  return { R: matMul(cam.worldToCamera.R, o.R), t: applyRigid(cam.worldToCamera, o.t) };
}

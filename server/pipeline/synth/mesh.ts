/**
 * Triangle meshes for the scene maker, in the world frame (mm): objects as prisms (a box is a square
 * prism, a cylinder a 40-gon) with a coloured label band, and a plank-striped table over a grey floor.
 * Faces are flat-shaded here (Lambert plus ambient) so the rasterizer only interpolates depth.
 */
import type { Vec2, Vec3 } from '../../../shared/geometry/types';
import type { Rigid } from '../../../shared/geometry/vec';
import { add, applyRigid, cross, dot, matVec, normalize, sub } from '../../../shared/geometry/vec';
import type { CatalogueEntry, Rgb } from './catalogue';
import type { PlacedObject } from './layout';
import { CATALOGUE } from './catalogue';

export interface Tri {
  a: Vec3;
  b: Vec3;
  c: Vec3;
  color: Rgb;
  /** 0 table/floor, k + 1 for the k-th object of scene_gt. */
  id: number;
}

export const LIGHT_DIR = normalize([0.35, -0.25, 1]);

function shade(color: Rgb, normalWorld: Vec3): Rgb {
  const k = 0.42 + 0.58 * Math.max(0, dot(normalWorld, LIGHT_DIR));
  return [Math.min(255, color[0] * k), Math.min(255, color[1] * k), Math.min(255, color[2] * k)];
}

function section(entry: CatalogueEntry): Vec2[] {
  const [sx, sy] = entry.size;
  if (entry.shape === 'box') return [[-sx / 2, -sy / 2], [sx / 2, -sy / 2], [sx / 2, sy / 2], [-sx / 2, sy / 2]];
  const n = 40;
  return Array.from({ length: n }, (_, i) => [
    (sx / 2) * Math.cos((2 * Math.PI * i) / n),
    (sy / 2) * Math.sin((2 * Math.PI * i) / n),
  ] as Vec2);
}

/** A quad or triangle in model coordinates, oriented outward from the model origin, shaded in world. */
function pushFace(out: Tri[], pts: Vec3[], color: Rgb, pose: Rigid, id: number): void {
  const w = pts.map((p) => applyRigid(pose, p));
  let n = normalize(cross(sub(w[1], w[0]), sub(w[2], w[0])));
  const centroid = pts.reduce((s, p) => add(s, p), [0, 0, 0] as Vec3);
  if (dot(matVec(pose.R, centroid), n) < 0) n = [-n[0], -n[1], -n[2]];
  const c = shade(color, n);
  for (let i = 1; i + 1 < w.length; i++) out.push({ a: w[0], b: w[i], c: w[i + 1], color: c, id });
}

/** World-frame triangles of one placed object. */
export function objectMesh(o: PlacedObject, id: number): Tri[] {
  const entry = CATALOGUE[o.objId - 1];
  const h = entry.size[2] / 2;
  const sec = section(entry);
  const pose: Rigid = { R: o.R, t: o.t };
  const bands: [number, number, Rgb][] = [[-h, -0.3 * h, entry.body], [-0.3 * h, 0.45 * h, entry.band], [0.45 * h, h, entry.body]];
  const out: Tri[] = [];
  for (let i = 0; i < sec.length; i++) {
    const [p, q] = [sec[i], sec[(i + 1) % sec.length]];
    for (const [z0, z1, color] of bands) {
      pushFace(out, [[p[0], p[1], z0], [q[0], q[1], z0], [q[0], q[1], z1], [p[0], p[1], z1]], color, pose, id);
    }
  }
  pushFace(out, sec.map(([x, y]) => [x, y, h] as Vec3), entry.cap, pose, id);
  pushFace(out, sec.map(([x, y]) => [x, y, -h] as Vec3), entry.body, pose, id);
  return out;
}

/** Table top (planks along x) around `center`, and a floor below it so that the view has no holes. */
export function environmentMesh(center: Vec3): Tri[] {
  const out: Tri[] = [];
  const [cx, cy] = center;
  const plank = 140;
  // Planks are cut into short tiles: a long thin triangle would have a screen-sized bounding box and
  // make the rasterizer test every pixel of the image once per plank.
  const tile = 200;
  for (let i = -7; i < 7; i++) {
    const y0 = cy + i * plank;
    const c = shade(i % 2 === 0 ? [176, 132, 92] : [160, 118, 80], [0, 0, 1]);
    for (let x0 = cx - 1100; x0 < cx + 1100; x0 += tile) {
      const q: Vec3[] = [[x0, y0, 0], [x0 + tile, y0, 0], [x0 + tile, y0 + plank, 0], [x0, y0 + plank, 0]];
      out.push({ a: q[0], b: q[1], c: q[2], color: c, id: 0 }, { a: q[0], b: q[2], c: q[3], color: c, id: 0 });
    }
  }
  const f: Vec3[] = [[cx - 4000, cy - 4000, -740], [cx + 4000, cy - 4000, -740], [cx + 4000, cy + 4000, -740], [cx - 4000, cy + 4000, -740]];
  const fc = shade([105, 105, 112], [0, 0, 1]);
  out.push({ a: f[0], b: f[1], c: f[2], color: fc, id: 0 }, { a: f[0], b: f[2], c: f[3], color: fc, id: 0 });
  return out;
}

/**
 * Triangle meshes for the scene maker, in the world frame (mm): the catalogue's objects from their
 * model-frame faces (synth/shapes.ts: boxes, cans, bottles, jars, a mug, a bowl, with printed labels)
 * and a plank-striped table over a grey floor. Faces are flat-shaded here (Lambert plus ambient, from
 * each face's outward normal); a labelled face keeps its texture and the light factor, which the
 * rasterizer applies per pixel.
 */
import type { Vec2, Vec3 } from '../../../shared/geometry/types';
import { applyRigid, dot, matVec, normalize } from '../../../shared/geometry/vec';
import type { Rgb } from './catalogue';
import { CATALOGUE } from './catalogue';
import type { PlacedObject } from './layout';
import { type Face, modelFaces } from './shapes';
import type { Texture } from './texture';

export interface Tri {
  a: Vec3;
  b: Vec3;
  c: Vec3;
  color: Rgb;
  /** 0 table/floor, k + 1 for the k-th object of scene_gt. */
  id: number;
  /** A printed face: texture coordinates of a, b, c, and the light factor to scale its texels by. */
  uv?: [Vec2, Vec2, Vec2];
  tex?: Texture;
  light?: number;
}

export const LIGHT_DIR = normalize([0.35, -0.25, 1]);

const lightFactor = (normalWorld: Vec3): number => 0.42 + 0.58 * Math.max(0, dot(normalWorld, LIGHT_DIR));

function shade(color: Rgb, normalWorld: Vec3): Rgb {
  const k = lightFactor(normalWorld);
  return [Math.min(255, color[0] * k), Math.min(255, color[1] * k), Math.min(255, color[2] * k)];
}

const facesOf = new Map<number, Face[]>();
/** Model-frame faces of catalogue object `objId`, built once per thread. */
function facesFor(objId: number): Face[] {
  let f = facesOf.get(objId);
  if (!f) facesOf.set(objId, (f = modelFaces(CATALOGUE[objId - 1])));
  return f;
}

/** World-frame triangles of one placed object. */
export function objectMesh(o: PlacedObject, id: number): Tri[] {
  const out: Tri[] = [];
  const pose = { R: o.R, t: o.t };
  for (const f of facesFor(o.objId)) {
    const w = f.pts.map((p) => applyRigid(pose, p));
    const n = matVec(o.R, f.normal);
    const color = shade(f.color, n);
    const light = lightFactor(n);
    for (let i = 1; i + 1 < w.length; i++) {
      const tri: Tri = { a: w[0], b: w[i], c: w[i + 1], color, id };
      if (f.tex && f.uv) Object.assign(tri, { tex: f.tex, light, uv: [f.uv[0], f.uv[i], f.uv[i + 1]] });
      out.push(tri);
    }
  }
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

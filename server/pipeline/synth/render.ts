/**
 * Renders a layout: colour image, depth (mm), visible masks, and the per-object counts BOP writes to
 * scene_gt_info.json (bbox_obj from the unoccluded silhouette, bbox_visib and visib_fract from the
 * z-buffered one). Table pixels in an object's shadow are darkened so objects read as resting on it.
 */
import type { Vec3 } from '../../../shared/geometry/types';
import { segmentHitsObb } from '../obb';
import { addScaled, applyRigid, invertRigid, normalize } from '../vec';
import type { SceneLayout } from './layout';
import { type Tri, environmentMesh, objectMesh } from './mesh';
import { type FrameBuffers, drawTriangles, newBuffers } from './raster';

export interface ObjectStats {
  bboxObj: [number, number, number, number];
  bboxVisib: [number, number, number, number];
  pxCountAll: number;
  pxCountVisib: number;
  visibFract: number;
}

export interface RenderedFrame {
  fb: FrameBuffers;
  stats: ObjectStats[];
}

const SHADOW_DIR = normalize([0.35, -0.25, 1]);

function toCamera(layout: SceneLayout, tris: Tri[]): Tri[] {
  const T = layout.camera.worldToCamera;
  return tris.map((t) => ({ ...t, a: applyRigid(T, t.a), b: applyRigid(T, t.b), c: applyRigid(T, t.c) }));
}

function bbox(fb: FrameBuffers, match: (i: number) => boolean): { box: [number, number, number, number]; count: number } {
  let [x0, y0, x1, y1, count] = [Infinity, Infinity, -1, -1, 0];
  for (let y = 0; y < fb.height; y++) {
    for (let x = 0; x < fb.width; x++) {
      if (!match(y * fb.width + x)) continue;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return count === 0 ? { box: [0, 0, 0, 0], count } : { box: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], count };
}

/** Darkens table pixels whose path toward the light is blocked by an object box. */
function applyShadows(layout: SceneLayout, fb: FrameBuffers): void {
  const { K } = layout.camera;
  const camToWorld = invertRigid(layout.camera.worldToCamera);
  for (let i = 0; i < fb.ids.length; i++) {
    if (fb.ids[i] !== 0) continue;
    const z = fb.depth[i];
    const x = i % fb.width;
    const y = (i - x) / fb.width;
    const cam: Vec3 = [((x + 0.5 - K[0][2]) * z) / K[0][0], ((y + 0.5 - K[1][2]) * z) / K[1][1], z];
    const p = applyRigid(camToWorld, cam);
    if (p[2] < -1) continue;
    const q = addScaled(p, SHADOW_DIR, 600);
    if (layout.objects.some((o) => segmentHitsObb(p, q, o.obb))) {
      for (let c = 0; c < 3; c++) fb.rgb[i * 3 + c] = Math.round(fb.rgb[i * 3 + c] * 0.62);
    }
  }
}

export function renderLayout(layout: SceneLayout): RenderedFrame {
  const { K, width, height } = layout.camera;
  const fb = newBuffers(width, height, [70, 80, 95]);
  const center: Vec3 = [
    layout.objects.reduce((s, o) => s + o.t[0], 0) / layout.objects.length,
    layout.objects.reduce((s, o) => s + o.t[1], 0) / layout.objects.length,
    0,
  ];
  drawTriangles(fb, K, toCamera(layout, environmentMesh(center)));
  const meshes = layout.objects.map((o, k) => toCamera(layout, objectMesh(o, k + 1)));
  for (const m of meshes) drawTriangles(fb, K, m);
  applyShadows(layout, fb);
  const stats = meshes.map((m, k): ObjectStats => {
    const alone = newBuffers(width, height, [0, 0, 0]);
    drawTriangles(alone, K, m);
    const all = bbox(alone, (i) => alone.ids[i] === k + 1);
    const vis = bbox(fb, (i) => fb.ids[i] === k + 1);
    return {
      bboxObj: all.box,
      bboxVisib: vis.box,
      pxCountAll: all.count,
      pxCountVisib: vis.count,
      visibFract: all.count > 0 ? vis.count / all.count : 0,
    };
  });
  return { fb, stats };
}

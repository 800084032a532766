/**
 * Renders a layout: colour image, depth (mm), visible masks, and the per-object counts BOP writes to
 * scene_gt_info.json (bbox_obj from the unoccluded silhouette, bbox_visib and visib_fract from the
 * z-buffered one). Objects cast a soft-looking shadow on the table so they read as resting on it.
 */
import type { Vec2, Vec3 } from '../../../shared/geometry/types';
import { obbCorners } from '../obb';
import { convexHull } from '../polygon2d';
import { applyRigid, normalize } from '../../../shared/geometry/vec';
import type { SceneLayout } from './layout';
import { LIGHT_DIR, type Tri, environmentMesh, objectMesh } from './mesh';
import { type FrameBuffers, drawTriangles, newBuffers, rasterize } from './raster';

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

function toCamera(layout: SceneLayout, tris: Tri[]): Tri[] {
  const T = layout.camera.worldToCamera;
  return tris.map((t) => ({ ...t, a: applyRigid(T, t.a), b: applyRigid(T, t.b), c: applyRigid(T, t.c) }));
}

/** Shadow outline of each box on the table: its corners pushed along the light onto z = 0. */
function shadowTriangles(layout: SceneLayout): Tri[] {
  const L = normalize(LIGHT_DIR);
  const tris: Tri[] = [];
  for (const o of layout.objects) {
    const pts: Vec2[] = obbCorners(o.obb).map((p) => [p[0] - (p[2] / L[2]) * L[0], p[1] - (p[2] / L[2]) * L[1]]);
    const hull = convexHull(pts).map(([x, y]) => [x, y, 0] as Vec3);
    for (let i = 1; i + 1 < hull.length; i++) tris.push({ a: hull[0], b: hull[i], c: hull[i + 1], color: [0, 0, 0], id: 0 });
  }
  return toCamera(layout, tris);
}

function applyShadows(layout: SceneLayout, fb: FrameBuffers): void {
  const isShadow = new Uint8Array(fb.ids.length);
  rasterize(fb.width, fb.height, layout.camera.K, shadowTriangles(layout), () => (i, z) => {
    if (fb.ids[i] === 0 && Math.abs(fb.depth[i] - z) < 3) isShadow[i] = 1;
  });
  for (let i = 0; i < isShadow.length; i++) {
    if (isShadow[i]) for (let c = 0; c < 3; c++) fb.rgb[i * 3 + c] = Math.round(fb.rgb[i * 3 + c] * 0.62);
  }
}

class BoxStat {
  count = 0;
  x0 = Infinity;
  y0 = Infinity;
  x1 = -1;
  y1 = -1;

  add(x: number, y: number): void {
    this.count++;
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }

  box(): [number, number, number, number] {
    return this.count === 0 ? [0, 0, 0, 0] : [this.x0, this.y0, this.x1 - this.x0 + 1, this.y1 - this.y0 + 1];
  }
}

/** Visible and unoccluded silhouettes of all objects in one pass (a bit per object, ≤ 16 objects). */
function objectStats(layout: SceneLayout, fb: FrameBuffers, meshes: Tri[][]): ObjectStats[] {
  const cover = new Uint16Array(fb.ids.length);
  meshes.forEach((m, k) => rasterize(fb.width, fb.height, layout.camera.K, m, () => (i) => { cover[i] |= 1 << k; }));
  const all = meshes.map(() => new BoxStat());
  const vis = meshes.map(() => new BoxStat());
  for (let i = 0; i < cover.length; i++) {
    const bits = cover[i];
    if (bits === 0) continue;
    const x = i % fb.width;
    const y = (i - x) / fb.width;
    for (let k = 0; k < meshes.length; k++) if (bits & (1 << k)) all[k].add(x, y);
    const id = fb.ids[i];
    if (id >= 1 && id <= meshes.length) vis[id - 1].add(x, y);
  }
  return meshes.map((_, k) => ({
    bboxObj: all[k].box(), bboxVisib: vis[k].box(), pxCountAll: all[k].count, pxCountVisib: vis[k].count,
    visibFract: all[k].count > 0 ? vis[k].count / all[k].count : 0,
  }));
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
  applyShadows(layout, fb);
  const meshes = layout.objects.map((o, k) => toCamera(layout, objectMesh(o, k + 1)));
  for (const m of meshes) drawTriangles(fb, K, m);
  return { fb, stats: objectStats(layout, fb, meshes) };
}

/**
 * Writes synthetic scenes in the BOP layout: DIR/test/<scene>/{scene_camera,scene_gt,scene_gt_info}.json,
 * rgb/, depth/ (16-bit, depth_scale 0.1 mm), mask_visib/, plus DIR/models/models_info.json and
 * DIR/objects.json. scene_camera.json also records the true world frame as cam_R_w2c / cam_t_w2c (world
 * z up, table top at z = 0), the way BOP datasets that know it do, so tests can check the recovered one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeGray16, encodeGray8, encodeRgb } from '../png';
import { toFlat } from '../../../shared/geometry/vec';
import { modelsInfoJson, objectsJson } from './catalogue';
import { type SceneLayout, modelToCamera } from './layout';
import type { RenderedFrame } from './render';

export const DEPTH_SCALE_MM = 0.1;
const pad6 = (n: number): string => String(n).padStart(6, '0');
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function writeDatasetFiles(root: string): void {
  mkdirSync(join(root, 'models'), { recursive: true });
  writeFileSync(join(root, 'models', 'models_info.json'), JSON.stringify(modelsInfoJson(), null, 1));
  writeFileSync(join(root, 'objects.json'), JSON.stringify(objectsJson(), null, 1));
}

/** Writes one scene holding a single frame (im_id 0). */
export function writeScene(root: string, sceneId: number, layout: SceneLayout, frame: RenderedFrame): void {
  const dir = join(root, 'test', pad6(sceneId));
  for (const sub of ['rgb', 'depth', 'mask_visib']) mkdirSync(join(dir, sub), { recursive: true });
  const cam = layout.camera;
  const { fb, stats } = frame;
  const imId = 0;
  writeFileSync(join(dir, 'scene_camera.json'), JSON.stringify({
    [imId]: {
      cam_K: toFlat(cam.K), depth_scale: DEPTH_SCALE_MM,
      cam_R_w2c: toFlat(cam.worldToCamera.R).map(r6), cam_t_w2c: cam.worldToCamera.t.map(r6),
    },
  }));
  writeFileSync(join(dir, 'scene_gt.json'), JSON.stringify({
    [imId]: layout.objects.map((o) => {
      const T = modelToCamera(cam, o);
      return { cam_R_m2c: toFlat(T.R).map(r6), cam_t_m2c: T.t.map(r6), obj_id: o.objId };
    }),
  }));
  writeFileSync(join(dir, 'scene_gt_info.json'), JSON.stringify({
    [imId]: stats.map((s) => ({
      bbox_obj: s.bboxObj, bbox_visib: s.bboxVisib, px_count_all: s.pxCountAll,
      px_count_valid: s.pxCountAll, px_count_visib: s.pxCountVisib, visib_fract: r6(s.visibFract),
    })),
  }));
  writeFileSync(join(dir, 'rgb', `${pad6(imId)}.png`), encodeRgb(fb.width, fb.height, fb.rgb));
  const depth = new Uint16Array(fb.depth.length);
  for (let i = 0; i < depth.length; i++) depth[i] = Math.min(65535, Math.round(fb.depth[i] / DEPTH_SCALE_MM));
  writeFileSync(join(dir, 'depth', `${pad6(imId)}.png`), encodeGray16(fb.width, fb.height, depth));
  // Only the object's visible bounding box can hold its pixels: fill and clear just that window
  // instead of sweeping the whole frame once per object.
  const mask = new Uint8Array(fb.ids.length);
  layout.objects.forEach((_, k) => {
    const [bx, by, bw, bh] = stats[k].bboxVisib;
    const id = k + 1;
    for (let y = by; y < by + bh; y++) {
      for (let i = y * fb.width + bx, end = i + bw; i < end; i++) mask[i] = fb.ids[i] === id ? 255 : 0;
    }
    writeFileSync(join(dir, 'mask_visib', `${pad6(imId)}_${pad6(k)}.png`), encodeGray8(fb.width, fb.height, mask));
    for (let y = by; y < by + bh; y++) mask.fill(0, y * fb.width + bx, y * fb.width + bx + bw);
  });
}

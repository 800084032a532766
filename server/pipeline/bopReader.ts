/**
 * Reads a dataset in the BOP layout: DIR/models/models_info.json, an object-descriptions file
 * (DIR/objects.json by default), and per scene DIR/<split>/<scene>/scene_camera.json, scene_gt.json,
 * scene_gt_info.json (optional), rgb/ or gray/ images, depth/ (optional) and mask_visib/ (optional).
 * Every malformed or missing piece is a BadInputError naming the file and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { BadInputError } from '../../shared/errors';
import type { Vec3 } from '../../shared/geometry/types';
import { modelsInfoSchema, objectsSchema, readJsonFile, sceneCameraSchema, sceneGtInfoSchema, sceneGtSchema } from './bopSchemas';
import { type GrayImage, decodeGray } from './png';
import { type M3, type Rigid, fromFlat } from '../../shared/geometry/vec';

export interface ModelBox {
  min: Vec3;
  size: Vec3;
}

export interface ObjectText {
  name: string;
  description: string;
  category: string;
}

export interface BopDataset {
  root: string;
  /** Dataset name used in ids and image paths: the folder's name. */
  name: string;
  split: string;
  models: Map<number, ModelBox>;
  objects: Map<number, ObjectText>;
  sceneDirs: string[];
}

export interface GtObject {
  objId: number;
  modelToCamera: Rigid;
  visibFract?: number;
  maskPath?: string;
}

export interface BopFrame {
  scene: number;
  frame: number;
  K: M3;
  depthScale: number;
  /** The dataset's own world frame when scene_camera.json gives one (not necessarily table-aligned). */
  givenWorldToCamera?: Rigid;
  objects: GtObject[];
  imagePath: string;
  depthPath?: string;
  width: number;
  height: number;
}

const pad6 = (n: number): string => String(n).padStart(6, '0');

export function openDataset(dir: string, split: string, objectsFile?: string): BopDataset {
  const root = resolve(dir);
  if (!existsSync(root)) throw new BadInputError(`--bop ${dir}: no such directory`);
  const splitDir = join(root, split);
  if (!existsSync(splitDir)) throw new BadInputError(`${dir}: no '${split}' split folder (use --split)`);
  const modelsInfo = readJsonFile(join(root, 'models', 'models_info.json'), 'models/models_info.json', modelsInfoSchema);
  const models = new Map<number, ModelBox>();
  for (const [id, m] of Object.entries(modelsInfo)) {
    models.set(Number(id), { min: [m.min_x, m.min_y, m.min_z], size: [m.size_x, m.size_y, m.size_z] });
  }
  const objPath = objectsFile ? resolve(objectsFile) : join(root, 'objects.json');
  const objLabel = objectsFile ?? 'objects.json';
  if (!existsSync(objPath)) throw new BadInputError(`${objLabel}: object descriptions file not found (give --objects FILE)`);
  const objects = new Map<number, ObjectText>();
  for (const [id, o] of Object.entries(readJsonFile(objPath, objLabel, objectsSchema))) {
    objects.set(Number(id), { name: o.name, description: o.description, category: o.category ?? o.name });
  }
  const sceneDirs = readdirSync(splitDir).filter((d) => /^\d+$/.test(d)).sort();
  if (sceneDirs.length === 0) throw new BadInputError(`${dir}/${split}: no scene folders (expected names like 000001)`);
  return { root, name: basename(root), split, models, objects, sceneDirs: sceneDirs.map((d) => join(splitDir, d)) };
}

function findImage(sceneDir: string, frame: number): string | undefined {
  for (const sub of ['rgb', 'gray']) for (const ext of ['png', 'jpg', 'tif']) {
    const p = join(sceneDir, sub, `${pad6(frame)}.${ext}`);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** All frames of one scene, validated against models_info.json and objects.json. */
export function readScene(ds: BopDataset, sceneDir: string): BopFrame[] {
  const rel = (f: string): string => relative(ds.root, join(sceneDir, f));
  const cams = readJsonFile(join(sceneDir, 'scene_camera.json'), rel('scene_camera.json'), sceneCameraSchema);
  const gts = readJsonFile(join(sceneDir, 'scene_gt.json'), rel('scene_gt.json'), sceneGtSchema);
  const infoPath = join(sceneDir, 'scene_gt_info.json');
  const infos = existsSync(infoPath) ? readJsonFile(infoPath, rel('scene_gt_info.json'), sceneGtInfoSchema) : undefined;
  const frames: BopFrame[] = [];
  for (const key of Object.keys(gts).sort((a, b) => Number(a) - Number(b))) {
    const cam = cams[key];
    if (!cam) throw new BadInputError(`${rel('scene_camera.json')}: field "${key}": missing (scene_gt.json has frame ${key})`);
    const info = infos?.[key];
    if (infos && (!info || info.length !== gts[key].length)) {
      throw new BadInputError(`${rel('scene_gt_info.json')}: field "${key}": expected ${gts[key].length} entries like scene_gt.json`);
    }
    const frame = Number(key);
    const objects = gts[key].map((g, k): GtObject => {
      if (!ds.models.has(g.obj_id)) throw new BadInputError(`${rel('scene_gt.json')}: field "${key}"[${k}].obj_id: ${g.obj_id} is not in models/models_info.json`);
      const mask = join(sceneDir, 'mask_visib', `${pad6(frame)}_${pad6(k)}.png`);
      return {
        objId: g.obj_id,
        modelToCamera: { R: fromFlat(g.cam_R_m2c), t: g.cam_t_m2c as Vec3 },
        visibFract: info?.[k].visib_fract,
        maskPath: existsSync(mask) ? mask : undefined,
      };
    });
    const imagePath = findImage(sceneDir, frame);
    if (!imagePath) throw new BadInputError(`${rel(`rgb/${pad6(frame)}.png`)}: image not found (looked in rgb/ and gray/)`);
    const size = readImageSize(imagePath, relative(ds.root, imagePath));
    const depthPath = join(sceneDir, 'depth', `${pad6(frame)}.png`);
    frames.push({
      scene: Number(basename(sceneDir)), frame, K: fromFlat(cam.cam_K), depthScale: cam.depth_scale ?? 1,
      givenWorldToCamera: cam.cam_R_w2c && cam.cam_t_w2c ? { R: fromFlat(cam.cam_R_w2c), t: cam.cam_t_w2c as Vec3 } : undefined,
      objects, imagePath, depthPath: existsSync(depthPath) ? depthPath : undefined, ...size,
    });
  }
  return frames;
}

function readImageSize(path: string, label: string): { width: number; height: number } {
  try {
    const s = imageSize(readFileSync(path));
    if (!s.width || !s.height) throw new Error('no size in header');
    return { width: s.width, height: s.height };
  } catch (err) {
    throw new BadInputError(`${label}: not a readable image (${(err as Error).message})`);
  }
}

/** Decodes a 16-bit depth or 8-bit mask PNG, naming the file when it is broken or the wrong size. */
export function readGrayPng(path: string, root: string, width: number, height: number): GrayImage {
  const label = relative(root, path);
  let img: GrayImage;
  try {
    img = decodeGray(readFileSync(path));
  } catch (err) {
    throw new BadInputError(`${label}: not a readable PNG, the file may be truncated (${(err as Error).message})`);
  }
  if (img.width !== width || img.height !== height) {
    throw new BadInputError(`${label}: size ${img.width}x${img.height} differs from the image's ${width}x${height}`);
  }
  return img;
}

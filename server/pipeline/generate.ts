/**
 * `generate`: a BOP-format dataset → OUT/dataset.jsonl (FORMAT.md) plus the images it refers to, copied
 * under OUT as <dataset>/<scene>/rgb/<frame>.png. Everything is written to a temporary directory that is
 * renamed to OUT only on success, so a malformed input file leaves nothing behind.
 */
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type BopFrame, openDataset, readScene } from './bopReader';
import { commitDir, discardDir, prepareTempDir } from './atomicDir';
import { MixState, mixFrame } from './mix';
import { nameObjects } from './referring';
import { Rng } from './rng';
import { buildScene, type FrameScene, worldToCameraJson } from './scene';
import type { ItemDraft, Task } from './tasks';

export interface GenerateOptions {
  bop: string;
  out: string;
  split?: string;
  seed?: number;
  maxPerImage?: number;
  /** Object descriptions; default DIR/objects.json. */
  objects?: string;
  onProgress?: (scenesDone: number, scenesTotal: number, questions: number) => void;
  warn?: (message: string) => void;
}

export interface GenerateResult {
  datasetPath: string;
  outDir: string;
  count: number;
  frames: number;
  byTask: Record<Task, number>;
}

export const DEFAULT_MAX_PER_IMAGE = 18;
const pad6 = (n: number): string => String(n).padStart(6, '0');

function imageRelPath(dataset: string, f: BopFrame): string {
  return `${dataset}/${pad6(f.scene)}/rgb/${pad6(f.frame)}${extname(f.imagePath)}`;
}

function copyImage(src: string, dest: string): void {
  mkdirSync(join(dest, '..'), { recursive: true });
  try {
    linkSync(src, dest); // same filesystem: no copy needed, and the file is never modified afterwards
  } catch {
    copyFileSync(src, dest);
  }
}

/** One dataset line (FORMAT.md) from a drafted question. */
export function toLine(dataset: string, scene: FrameScene, index: number, d: ItemDraft): Record<string, unknown> {
  const f = scene.frame;
  const line: Record<string, unknown> = {
    id: `${dataset}-${pad6(f.scene)}-${pad6(f.frame)}-${String(index).padStart(3, '0')}`,
    task: d.task, image: imageRelPath(dataset, f), width: f.width, height: f.height,
    question: d.question, answer: d.answer,
  };
  if (d.alternatives?.length) line.alternatives = d.alternatives;
  line.camera = { K: scene.K.map((r) => [...r]), world_to_camera: worldToCameraJson(scene) };
  if (d.box3d) line.box3d = d.box3d;
  if (d.source_region) line.source_region = d.source_region;
  if (d.target_region) line.target_region = d.target_region;
  if (d.regions) line.regions = d.regions;
  line.meta = { dataset, scene: f.scene, frame: f.frame, world_frame: scene.world.method, ...d.meta };
  return line;
}

export function generateDataset(opts: GenerateOptions): GenerateResult {
  const ds = openDataset(opts.bop, opts.split ?? 'test', opts.objects);
  const seed = opts.seed ?? 1;
  const max = opts.maxPerImage ?? DEFAULT_MAX_PER_IMAGE;
  const tmp = prepareTempDir(opts.out, 'dataset.jsonl');
  const mix = new MixState();
  const balance = { spatial: { yes: 0, no: 0 }, depth: { yes: 0, no: 0 } };
  let frames = 0;
  let fallbackFrames = 0;
  const fd = openSync(join(tmp, 'dataset.jsonl'), 'w');
  try {
    ds.sceneDirs.forEach((dir, s) => {
      for (const frame of readScene(ds, dir)) {
        const rng = new Rng(seed, frame.scene, frame.frame);
        const scene = buildScene(ds, frame, rng, (m) => {
          if (fallbackFrames++ === 0) opts.warn?.(m);
        });
        const ctx = { scene, names: nameObjects(scene, rng), rng, balance, graspCache: new Map() };
        const drafts = mixFrame(ctx, mix, max);
        frames++;
        if (drafts.length === 0) continue;
        copyImage(frame.imagePath, join(tmp, imageRelPath(ds.name, frame)));
        writeSync(fd, drafts.map((d, i) => JSON.stringify(toLine(ds.name, scene, i, d))).join('\n') + '\n');
      }
      opts.onProgress?.(s + 1, ds.sceneDirs.length, mix.total);
    });
    closeSync(fd);
  } catch (err) {
    closeSync(fd);
    discardDir(tmp);
    throw err;
  }
  if (fallbackFrames > 1) opts.warn?.(`${fallbackFrames} frames had no usable depth and used the object-based table plane`);
  commitDir(tmp, opts.out);
  return { datasetPath: join(opts.out, 'dataset.jsonl'), outDir: opts.out, count: mix.total, frames, byTask: { ...mix.made } };
}

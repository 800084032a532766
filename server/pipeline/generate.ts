/**
 * `generate`: a BOP-format dataset → OUT/dataset.jsonl (FORMAT.md) plus the images it refers to, copied
 * under OUT as <dataset>/<scene>/rgb/<frame>.png. Everything is written to a temporary directory that is
 * renamed to OUT only on success, so a malformed input file leaves nothing behind.
 */
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type BopFrame, openDataset, readScene } from './bopReader';
import { commitDir, discardDir, prepareTempDir } from './atomicDir';
import { MixState, mixFrame } from './mix';
import { nameObjects } from './referring';
import { Rng } from './rng';
import { type FrameScene, worldToCameraJson } from './scene';
import { defaultJobs, runOrdered } from './parallel/pool';
import type { PipelineTask } from './parallel/tasks';
import { runId, SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest, type ShardSpec, shardRange } from './shard';
import type { ItemDraft, Task } from './tasks';

export interface GenerateOptions {
  bop: string;
  out: string;
  split?: string;
  seed?: number;
  maxPerImage?: number;
  /** Object descriptions; default DIR/objects.json. */
  objects?: string;
  /** Worker threads for reading and building frames (default: one per core); 1 runs on the calling thread. */
  jobs?: number;
  /** Generate only this shard's scenes and write OUT/shard.json for `bopask merge` (./shard.ts). */
  shard?: ShardSpec;
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
    question: d.question, question_human: d.question_human, answer: d.answer,
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

export async function generateDataset(opts: GenerateOptions): Promise<GenerateResult> {
  const ds = openDataset(opts.bop, opts.split ?? 'test', opts.objects);
  const seed = opts.seed ?? 1;
  const max = opts.maxPerImage ?? DEFAULT_MAX_PER_IMAGE;
  const [firstScene, endScene] = opts.shard ? shardRange(ds.sceneDirs.length, opts.shard) : [0, ds.sceneDirs.length];
  const sceneCount = endScene - firstScene;
  const tmp = prepareTempDir(opts.out, 'dataset.jsonl');
  const made: Record<Task, number> = { pose: 0, grasp: 0, trajectory: 0, spatial: 0, depth: 0, rearrangement: 0 };
  let total = 0;
  let frames = 0;
  let fallbackFrames = 0;
  // Frames are read and built (depth, masks, world frame: nearly all the work) on worker threads; the
  // mix and the yes/no balance run per scene, here, one frame after another in scene order, which keeps
  // the output identical whatever the number of threads, and lets shards of whole scenes be independent.
  const sceneOfTask: number[] = [];
  const lastTaskOfScene: number[] = [];
  function* tasks(): Generator<PipelineTask> {
    for (let s = firstScene; s < endScene; s++) {
      for (const frame of readScene(ds, ds.sceneDirs[s])) {
        sceneOfTask.push(s);
        yield { kind: 'build-frame', bop: opts.bop, split: ds.split, objects: opts.objects, seed, frame };
      }
      lastTaskOfScene[s] = sceneOfTask.length - 1;
    }
  }
  let nextScene = firstScene;
  const reportScenesUpTo = (taskIndex: number): void => {
    while (nextScene < endScene && lastTaskOfScene[nextScene] !== undefined && lastTaskOfScene[nextScene] <= taskIndex) {
      nextScene++;
      opts.onProgress?.(nextScene - firstScene, sceneCount, total);
    }
  };
  let mixScene = -1;
  let mix = new MixState();
  let balance = { spatial: { yes: 0, no: 0 }, depth: { yes: 0, no: 0 } };
  const fd = openSync(join(tmp, 'dataset.jsonl'), 'w');
  try {
    await runOrdered(tasks(), opts.jobs ?? defaultJobs(), (result, index) => {
      if (result.kind !== 'build-frame') throw new Error(`unexpected ${result.kind} result`);
      const { scene, rngSnapshot, warnings } = result.built;
      for (const m of warnings) if (fallbackFrames++ === 0) opts.warn?.(m);
      if (sceneOfTask[index] !== mixScene) {
        mixScene = sceneOfTask[index];
        mix = new MixState();
        balance = { spatial: { yes: 0, no: 0 }, depth: { yes: 0, no: 0 } };
      }
      const rng = Rng.resume(rngSnapshot);
      const ctx = { scene, names: nameObjects(scene, rng), rng, balance, graspCache: new Map() };
      const drafts = mixFrame(ctx, mix, max);
      frames++;
      total += drafts.length;
      for (const d of drafts) made[d.task]++;
      if (drafts.length > 0) {
        copyImage(scene.frame.imagePath, join(tmp, imageRelPath(ds.name, scene.frame)));
        writeSync(fd, drafts.map((d, i) => JSON.stringify(toLine(ds.name, scene, i, d))).join('\n') + '\n');
      }
      reportScenesUpTo(index);
    });
    // Scenes without frames report nothing above; finish the count.
    reportScenesUpTo(Infinity);
    closeSync(fd);
  } catch (err) {
    closeSync(fd);
    discardDir(tmp);
    throw err;
  }
  if (fallbackFrames > 1) opts.warn?.(`${fallbackFrames} frames had no usable depth and used the object-based table plane`);
  if (opts.shard) {
    const manifest: ShardManifest = {
      format: SHARD_FORMAT, index: opts.shard.index, count: opts.shard.count, scenes: [firstScene, endScene],
      run: runId({ dataset: ds.name, split: ds.split, seed, maxPerImage: max, sceneDirs: ds.sceneDirs, objects: [...ds.objects] }),
      questions: total,
    };
    writeFileSync(join(tmp, SHARD_MANIFEST), JSON.stringify(manifest) + '\n');
  }
  commitDir(tmp, opts.out);
  return { datasetPath: join(opts.out, 'dataset.jsonl'), outDir: opts.out, count: total, frames, byTask: made };
}

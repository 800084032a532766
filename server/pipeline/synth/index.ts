/**
 * The synthetic scene maker: `synthesize(outDir, {scenes, seed})` writes deterministic tabletop scenes in
 * the BOP layout. Written into a temporary sibling directory and renamed at the end, so an interrupted
 * run leaves nothing half-written. Scenes are spread over `jobs` worker threads; each scene has its own
 * seed (seed + scene id), so the files are byte-identical whatever `jobs` is.
 */
import { commitDir, discardDir, prepareTempDir } from '../atomicDir';
import { defaultJobs, runOrdered } from '../parallel/pool';
import type { PipelineTask } from '../parallel/tasks';
import { writeDatasetFiles } from './writeBop';

export interface SynthOptions {
  scenes: number;
  seed: number;
  /** Worker threads (default: one per core); 1 runs on the calling thread. */
  jobs?: number;
  /** Called after each scene, in scene order (for progress bars). */
  onScene?: (done: number, total: number) => void;
}

/** Writes the scenes into `dir` directly (no temp dir); scene ids start at 1. */
export async function synthesizeInto(dir: string, opts: SynthOptions): Promise<void> {
  writeDatasetFiles(dir);
  function* tasks(): Generator<PipelineTask> {
    for (let s = 1; s <= opts.scenes; s++) yield { kind: 'synth-scene', dir, seed: opts.seed, scene: s };
  }
  await runOrdered(tasks(), opts.jobs ?? defaultJobs(), (_, i) => opts.onScene?.(i + 1, opts.scenes));
}

export async function synthesize(outDir: string, opts: SynthOptions): Promise<void> {
  const tmp = prepareTempDir(outDir, 'models');
  try {
    await synthesizeInto(tmp, opts);
  } catch (err) {
    discardDir(tmp);
    throw err;
  }
  commitDir(tmp, outDir);
}

/**
 * The synthetic scene maker: `synthesize(outDir, {scenes, seed})` writes deterministic tabletop scenes in
 * the BOP layout. Written into a temporary sibling directory and renamed at the end, so an interrupted
 * run leaves nothing half-written.
 */
import { Rng } from '../rng';
import { commitDir, discardDir, prepareTempDir } from '../atomicDir';
import { makeLayout } from './layout';
import { renderLayout } from './render';
import { writeDatasetFiles, writeScene } from './writeBop';

export interface SynthOptions {
  scenes: number;
  seed: number;
  /** Called after each scene (for progress bars). */
  onScene?: (done: number, total: number) => void;
}

/** Writes the scenes into `dir` directly (no temp dir); scene ids start at 1. */
export function synthesizeInto(dir: string, opts: SynthOptions): void {
  writeDatasetFiles(dir);
  for (let s = 1; s <= opts.scenes; s++) {
    const layout = makeLayout(new Rng(opts.seed, s));
    writeScene(dir, s, layout, renderLayout(layout));
    opts.onScene?.(s, opts.scenes);
  }
}

export function synthesize(outDir: string, opts: SynthOptions): void {
  const tmp = prepareTempDir(outDir, 'models');
  try {
    synthesizeInto(tmp, opts);
  } catch (err) {
    discardDir(tmp);
    throw err;
  }
  commitDir(tmp, outDir);
}

/**
 * The demo dataset the server imports on first start (empty database): about 40 synthetic scenes and
 * 700 questions, the size and shape of BOP-Ask-core. It is generated at first start rather than
 * committed, because the images (~40 PNGs at 1280×720) would bloat the repository and the pipeline is
 * deterministic: the same seed gives byte-identical files on every machine, whatever `jobs` is. Measured
 * on the 2-core dev machine: about 10 s single-threaded (more while other jobs share the cores), giving 720
 * questions near BOP-Ask-core's mix (38 rearrangement, 5.3%: the mix is balanced per scene, and these scenes
 * have one frame each). See bench/PIPELINE.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from './generate';
import { synthesizeInto } from './synth';

export const DEMO_SCENES = 40;
export const DEMO_SEED = 7;
/** 40 scenes × 18 = 720 slots; frames with few objects give fewer, landing near BOP-Ask-core's 688. */
export const DEMO_MAX_PER_IMAGE = 18;

export interface DemoResult {
  /** outDir/dataset.jsonl */
  datasetPath: string;
  /** The images folder to give the importer: `image` paths in the dataset are relative to it. */
  imagesDir: string;
  count: number;
}

/**
 * Synthesises the demo scenes (in a temporary BOP folder, removed afterwards) and generates the
 * questions into `outDir` (dataset.jsonl + images). `outDir` must be new, empty or a previous demo.
 */
export async function generateDemo(outDir: string, opts: { scenes?: number; seed?: number; jobs?: number } = {}): Promise<DemoResult> {
  const seed = opts.seed ?? DEMO_SEED;
  const bop = mkdtempSync(join(tmpdir(), 'bopask-demo-'));
  const bopDir = join(bop, 'demo');
  try {
    await synthesizeInto(bopDir, { scenes: opts.scenes ?? DEMO_SCENES, seed, jobs: opts.jobs });
    const result = await generateDataset({ bop: bopDir, out: outDir, seed, maxPerImage: DEMO_MAX_PER_IMAGE, jobs: opts.jobs });
    return { datasetPath: result.datasetPath, imagesDir: outDir, count: result.count };
  } finally {
    rmSync(bop, { recursive: true, force: true });
  }
}

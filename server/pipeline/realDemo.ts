/**
 * The demo's real photos: the 18 YCB-Video frames of realdata/ycbv (MIT, see its README), converted
 * with `generate` like any BOP dataset (both of its splits) and marked `meta.real: true` (with
 * `meta.dataset: "ycbv"`, which generate writes from the folder's name), so that curators and exports
 * can tell them from the synthetic scenes. Ids get a `demo-` prefix and images a `demo-real/` folder,
 * so that a researcher who imports the same YCB-Video frames with `bopask generate` meets no clash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from './generate';

export const REAL_DEMO_BOP = join(import.meta.dirname, '..', '..', 'realdata', 'ycbv');
export const REAL_DEMO_SPLITS = ['test', 'train_real'] as const;
/** The frames of a scene are a few video frames apart: fewer questions each keeps them from crowding the demo. */
export const REAL_DEMO_MAX_PER_IMAGE = 10;

export interface RealDemoPart {
  datasetPath: string;
  imagesDir: string;
  count: number;
}

const IMAGE_FOLDER = 'demo-real';

/** Generates one dataset per split under `outDir/<split>`; every line gets `meta.real: true`. */
export async function generateRealDemo(outDir: string, opts: { seed?: number; jobs?: number; bop?: string } = {}): Promise<RealDemoPart[]> {
  const parts: RealDemoPart[] = [];
  for (const split of REAL_DEMO_SPLITS) {
    const root = join(outDir, split);
    const out = join(root, IMAGE_FOLDER);
    const r = await generateDataset({
      bop: opts.bop ?? REAL_DEMO_BOP, split, out, seed: opts.seed ?? 7, maxPerImage: REAL_DEMO_MAX_PER_IMAGE,
      // 18 frames: on the calling thread (2.5 s CPU) rather than worker threads, whose start-up cost 5 s more.
      jobs: opts.jobs ?? 1,
      // The one frame without depth falls back to the objects' box bottoms: expected, not worth a warning.
      warn: () => {},
    });
    const lines = readFileSync(r.datasetPath, 'utf8').split('\n').filter(Boolean).map((l) => {
      const item = JSON.parse(l) as { id: string; image: string; meta: Record<string, unknown> };
      return JSON.stringify({ ...item, id: `demo-${item.id}`, image: `${IMAGE_FOLDER}/${item.image}`, meta: { ...item.meta, real: true } });
    });
    writeFileSync(r.datasetPath, lines.join('\n') + '\n');
    parts.push({ datasetPath: r.datasetPath, imagesDir: root, count: r.count });
  }
  return parts;
}

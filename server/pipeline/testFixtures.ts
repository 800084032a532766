/**
 * Shared fixtures for the pipeline tests: a few small synthetic BOP scenes and the dataset generated
 * from them, made once per test file in a temporary folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, type GenerateResult } from './generate';
import { synthesizeInto } from './synth';
import type { DatasetItem } from '../../shared/dataset';

export interface Fixture {
  root: string;
  bop: string;
  out: string;
  result: GenerateResult;
  lines: DatasetItem[];
}

/**
 * `scenes` synthetic scenes (seed 3 has cluttered ones) and their questions (up to 30 per image). On the
 * test's own thread by default: vitest already runs test files in parallel.
 */
export async function makeFixture(scenes = 4, seed = 3, jobs = 1): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'bopask-pipeline-'));
  const bop = join(root, 'synth');
  await synthesizeInto(bop, { scenes, seed, jobs });
  const out = join(root, 'out');
  const result = await generateDataset({ bop, out, seed, maxPerImage: 30, jobs });
  const lines = readFileSync(result.datasetPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { root, bop, out, result, lines };
}

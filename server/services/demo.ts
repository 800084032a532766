/**
 * First start: when the database holds no questions, make the demo dataset with the question pipeline
 * (synthetic BOP scenes → BOP-Ask questions, the size and shape of BOP-Ask-core, plus the questions of
 * 18 real YCB-Video photos shipped in realdata/ycbv, marked meta.real), a small practice pool
 * from other scenes, and the answers of a demo "model" (the ground truth with noise, clearly named) so
 * the results table and verify mode have something to show. Generated, not committed: it is
 * deterministic (fixed seeds) and takes seconds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { formatAnswer, type Answer } from '../../shared/tasks';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { generateDemo } from '../pipeline/demo';
import { generateRealDemo } from '../pipeline/realDemo';
import { importDataset } from './importDataset';
import { importPredictions } from './importPredictions';
import { scorableItem } from './scoring';

export const DEMO_MODEL = 'Demo noisy oracle';
const DEMO_SEED = 7;
const PRACTICE_SEED = 1007;

/** Imports the demo (benchmark, practice pool, demo model answers) into an empty database. */
export async function ensureDemoData(db: Db, config: Pick<Config, 'imagesDir' | 'databasePath'>, scenes = 40): Promise<void> {
  const n = db.select({ n: sql<number>`count(*)` }).from(questions).get()!.n;
  if (n > 0) return;
  const started = Date.now();
  process.stderr.write('empty database: generating the demo dataset…\n');
  // A private temporary folder: the generated files hold the ground truth and are removed afterwards.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-demo-'));
  try {
    await importDemo(db, config, work, scenes);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`demo dataset ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

async function importDemo(db: Db, config: Pick<Config, 'imagesDir'>, work: string, scenes: number): Promise<void> {
  const bench = await generateDemo(path.join(work, 'benchmark'), { scenes, seed: DEMO_SEED });
  const practice = await generateDemo(path.join(work, 'practice'), { scenes: 4, seed: PRACTICE_SEED });
  // The practice scenes are numbered like the benchmark's: give them their own ids and image folder.
  const practiceFile = prefixItems(practice.datasetPath, 'practice-', `${path.basename(practice.imagesDir)}/`);
  await importDataset(db, { datasetPath: bench.datasetPath, imagesRoot: bench.imagesDir, imagesDir: path.join(config.imagesDir), pool: 'benchmark' });
  await importDataset(db, { datasetPath: practiceFile, imagesRoot: path.dirname(practice.imagesDir), imagesDir: config.imagesDir, pool: 'practice' });
  // Real YCB-Video photos beside the synthetic scenes (meta.real: true).
  const real = await generateRealDemo(path.join(work, 'real'), { seed: DEMO_SEED });
  for (const part of real) await importDataset(db, { datasetPath: part.datasetPath, imagesRoot: part.imagesDir, imagesDir: config.imagesDir, pool: 'benchmark' });
  const predictions = path.join(work, 'demo-model.jsonl');
  writeNoisyPredictions(db, predictions);
  await importPredictions(db, predictions);
  const realCount = real.reduce((s, p) => s + p.count, 0);
  process.stderr.write(`demo: ${bench.count} questions on synthetic scenes, ${realCount} on real photos, ${practice.count} practice questions\n`);
}

/** Rewrites ids and image paths so the practice pool never collides with the benchmark. */
function prefixItems(file: string, idPrefix: string, imagePrefix: string): string {
  const out = file.replace(/\.jsonl$/, '.prefixed.jsonl');
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
    const item = JSON.parse(l) as { id: string; image: string };
    return JSON.stringify({ ...item, id: idPrefix + item.id, image: imagePrefix + item.image });
  });
  fs.writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

/** A deterministic pseudo-random generator (mulberry32) so the demo model's answers never change. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo model: the ground truth moved by noise of about 2% of the image diagonal, yes/no flipped 20%. */
function writeNoisyPredictions(db: Db, file: string): void {
  const rand = mulberry32(99);
  const rows = db.select({ id: questions.id, width: questions.width, height: questions.height, item: questions.item }).from(questions).where(sql`${questions.pool} = 'benchmark'`).all();
  const lines = rows.map((q) => {
    const gt = scorableItem(q).gt;
    const sigma = 0.02 * Math.hypot(q.width, q.height);
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    const noisy: Answer =
      'points' in gt
        ? { ...gt, points: gt.points.map(([x, y]) => [clamp(x + (rand() - 0.5) * 2 * sigma, q.width), clamp(y + (rand() - 0.5) * 2 * sigma, q.height)]) }
        : { ...gt, value: rand() < 0.2 ? !gt.value : gt.value };
    return JSON.stringify({ id: q.id, source: DEMO_MODEL, output: formatAnswer(noisy) });
  });
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/**
 * Pipeline throughput: synthesises scenes, generates questions from them, and reports scenes/s and
 * questions/s for each half plus the (measured or projected) time for a 100,000-question set.
 *   npm run bench:pipeline                                  # 40 scenes (the demo's size), one thread per core
 *   npm run bench:pipeline -- --questions 100000            # the full benchmark-scale set
 *   npm run bench:pipeline -- --jobs 1,2                    # single-thread baseline and 2 threads, same session
 *   npm run bench:pipeline -- --demo                        # also time generateDemo (what first start runs)
 *   npm run bench:pipeline -- --compare REF [--rounds 4]     # generate per core, git REF vs this tree, alternating
 * Both halves must give the same bytes for every --jobs; the run checks that the datasets are identical.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemo } from '../server/pipeline/demo';
import { generateDataset } from '../server/pipeline/generate';
import { defaultJobs } from '../server/pipeline/parallel/pool';
import { Progress } from '../server/pipeline/progress';
import { synthesizeInto } from '../server/pipeline/synth';
import { compareGenerate } from './compareGenerate';

const { values } = parseArgs({ options: {
  scenes: { type: 'string' }, questions: { type: 'string' }, 'max-per-image': { type: 'string', default: '40' },
  jobs: { type: 'string' }, demo: { type: 'boolean' }, keep: { type: 'boolean' }, compare: { type: 'string' }, rounds: { type: 'string', default: '4' },
} });
const maxPerImage = Number(values['max-per-image']);
// Frames give about 30 questions each at --max-per-image 40 (fewer when a frame has few objects).
const scenes = values.questions ? Math.ceil(Number(values.questions) / 30) : Number(values.scenes ?? 40);
const jobsList = (values.jobs ?? String(defaultJobs())).split(',').map(Number);
const root = mkdtempSync(join(tmpdir(), 'bopask-bench-'));

async function runOnce(jobs: number): Promise<Record<string, unknown>> {
  const dir = join(root, `jobs${jobs}`);
  let t = performance.now();
  const synthProgress = new Progress(`synth --jobs ${jobs}`);
  await synthesizeInto(join(dir, 'bop'), { scenes, seed: 1, jobs, onScene: (d, n) => synthProgress.update(d, n) });
  const synthS = (performance.now() - t) / 1000;
  synthProgress.finish(`synth --jobs ${jobs}: ${scenes} scenes in ${synthS.toFixed(1)} s`);
  t = performance.now();
  const genProgress = new Progress(`generate --jobs ${jobs}`);
  const r = await generateDataset({
    bop: join(dir, 'bop'), out: join(dir, 'out'), seed: 1, maxPerImage, jobs, onProgress: (d, n, q) => genProgress.update(d, n, `${q} questions`),
  });
  const genS = (performance.now() - t) / 1000;
  genProgress.finish(`generate --jobs ${jobs}: ${r.count} questions in ${genS.toFixed(1)} s`);
  const sha256 = createHash('sha256').update(readFileSync(r.datasetPath)).digest('hex');
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  const qps = r.count / (synthS + genS);
  return {
    jobs, scenes, questions: r.count, byTask: r.byTask, dataset_sha256: sha256,
    synth_s: +synthS.toFixed(1), generate_s: +genS.toFixed(1), total_s: +(synthS + genS).toFixed(1),
    synth_scenes_per_s: +(scenes / synthS).toFixed(2),
    generate_questions_per_s: +(r.count / genS).toFixed(1),
    end_to_end_questions_per_s: +qps.toFixed(1),
    projected_minutes_for_100k: +(100_000 / qps / 60).toFixed(1),
  };
}

async function compare(ref: string): Promise<void> {
  const bop = join(root, 'compare-bop');
  const p = new Progress('synth');
  await synthesizeInto(bop, { scenes, seed: 1, jobs: defaultJobs(), onScene: (d, n) => p.update(d, n) });
  p.finish(`synth: ${scenes} scenes`);
  const r = compareGenerate(ref, bop, root, Number(values.rounds), maxPerImage);
  console.log(JSON.stringify({ cores: defaultJobs(), scenes, ...r }, null, 1));
  if (!r.identical_output) process.exitCode = 1;
}

async function measure(): Promise<void> {
  const runs = [];
  for (const jobs of jobsList) runs.push(await runOnce(jobs));
  const isIdentical = new Set(runs.map((r) => r.dataset_sha256)).size === 1;
  let demo: Record<string, unknown> | undefined;
  if (values.demo) {
    const t = performance.now();
    const d = await generateDemo(join(root, 'demo'));
    demo = { questions: d.count, seconds: +((performance.now() - t) / 1000).toFixed(1), jobs: defaultJobs() };
  }
  console.log(JSON.stringify({ cores: defaultJobs(), runs, identical_across_jobs: isIdentical, demo }, null, 1));
  if (!isIdentical) process.exitCode = 1;
}

try {
  await (values.compare ? compare(values.compare) : measure());
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

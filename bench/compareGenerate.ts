/**
 * `npm run bench:pipeline -- --compare REF`: generate's single-core throughput, before (git REF) and
 * after (this tree), on the same synthetic BOP folder, alternating runs so that both see the same load.
 * Each run is a fresh process (tsx) that times only generateDataset with --jobs 1 and reports its own
 * CPU time, so the rate per core is questions per CPU second, which the other jobs on a shared machine
 * disturb much less than wall time. Both trees must write the same dataset.jsonl (sha256 checked).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const RUNNER = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const [tree, bop, out, max] = process.argv.slice(2);
const { generateDataset } = await import(tree + '/server/pipeline/generate.ts');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await generateDataset({ bop, out, seed: 1, maxPerImage: Number(max), jobs: 1 });
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(cpu0);
const sha = createHash('sha256').update(readFileSync(r.datasetPath)).digest('hex');
console.log(JSON.stringify({ questions: r.count, frames: r.frames, wall_s: wall, cpu_s: (c.user + c.system) / 1e6, sha }));
`;

export interface CompareRun {
  tree: 'before' | 'after';
  load1: number;
  questions: number;
  wall_s: number;
  cpu_s: number;
  questions_per_cpu_s: number;
  sha: string;
}

export function compareGenerate(ref: string, bop: string, root: string, rounds: number, maxPerImage: number): Record<string, unknown> {
  const here = resolve('.');
  const before = join(root, 'before-tree');
  mkdirSync(before, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(before)}`]);
  symlinkSync(join(here, 'node_modules'), join(before, 'node_modules'));
  const runner = join(root, 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const runs: CompareRun[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [tree, dir] of [['before', before], ['after', here]] as const) {
      const load1 = +loadavg()[0].toFixed(2);
      const r = spawnSync('node', ['--import', 'tsx', runner, dir, bop, join(root, `gen-${tree}-${i}`), String(maxPerImage)], { encoding: 'utf8', cwd: dir });
      if (r.status !== 0) throw new Error(`${tree} run failed: ${r.stderr}`);
      const o = JSON.parse(r.stdout.trim().split('\n').pop()!);
      runs.push({ tree, load1, questions: o.questions, wall_s: +o.wall_s.toFixed(2), cpu_s: +o.cpu_s.toFixed(2), questions_per_cpu_s: +(o.questions / o.cpu_s).toFixed(1), sha: o.sha.slice(0, 16) });
      process.stderr.write(`compare: ${tree} ${JSON.stringify(runs[runs.length - 1])}\n`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (t: string) => median(runs.filter((r) => r.tree === t).map((r) => r.questions_per_cpu_s));
  return {
    ref, rounds, runs,
    median_questions_per_cpu_s: { before: rate('before'), after: rate('after') },
    speedup: +(rate('after') / rate('before')).toFixed(2),
    identical_output: new Set(runs.map((r) => r.sha)).size === 1,
  };
}

/**
 * What a second thread would cost `bopask score` in memory: the pose scoring (parse, PnP lift, IoUs) of
 * as many pose answers as the CLI bench's file holds, from the same generator (1,000 pose questions, as
 * in its 6,000), run in the main thread and, instead, in one worker thread; and a worker that does
 * nothing beside no worker at all (the isolate's fixed cost). Each is a process of its own, measured
 * under /usr/bin/time (peak RSS, wall time) and under the V8 flags the launcher sets for `bopask score`
 * (process-wide: the worker's too). The probe (bench/threadProbe.ts) is bundled first into plain
 * JavaScript, as the CLI is. Both ways must score every answer, to the same non-zero sum of IoU 3D, or
 * the bench fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { SCORE_V8_FLAGS } from '../bin/cliBundle.js';
import { makeItem } from './benchItems';
import { timed, type Timed } from './cli';

const repo = path.join(import.meta.dirname, '..');

/** The report's rows for `n` pose answers. */
export async function threadCost(n: number): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bopask-bench-threads-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: repo,
      // Everything in the one file (zod included): it runs from a temporary folder with no node_modules.
      ssr: { noExternal: true },
      build: {
        ssr: path.join(repo, 'bench', 'threadProbe.ts'),
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        target: 'node20',
        rolldownOptions: { output: { entryFileNames: 'probe.mjs' } },
      },
    });
    const items = path.join(dir, 'items.json');
    writeFileSync(items, JSON.stringify(Array.from({ length: 1000 }, () => makeItem('pose'))));
    const run = (mode: string): { r: Timed; scored: number; sum: number } => {
      const r = timed([...SCORE_V8_FLAGS.split(' '), path.join(dir, 'probe.mjs'), mode, items, String(n)]);
      if (r.status !== 0) throw new Error(`thread probe (${mode}) exited with ${r.status}:\n${r.stderr.slice(-2000)}`);
      const [scored, sum] = r.stdout.trim().split(' ').map(Number);
      return { r, scored, sum };
    };
    const main = run('main');
    const worker = run('worker');
    for (const [what, x] of [['main thread', main], ['worker', worker]] as const) {
      if (x.scored !== n || !(x.sum > 0)) throw new Error(`the probe's ${what} scored ${x.scored} of ${n} answers, IoU 3D sum ${x.sum}`);
    }
    if (worker.sum !== main.sum) throw new Error(`the worker's scores differ from the main thread's: sum ${worker.sum} against ${main.sum}`);
    const idle = run('idle').r, bare = run('bare').r;
    const mb = (r: Timed) => `${r.rssMb.toFixed(0)} MB`;
    const more = (a: Timed, b: Timed) => `+${(a.rssMb - b.rssMb).toFixed(0)} MB`;
    return [
      `| pose scoring of ${n.toLocaleString('en-US')} answers (bench/threadProbe.ts, bundled) | time | peak RSS |`,
      '| --- | --- | --- |',
      `| in the main thread | ${main.r.seconds.toFixed(1)} s | ${mb(main.r)} |`,
      `| in one worker thread, the main thread waiting | ${worker.r.seconds.toFixed(1)} s | ${mb(worker.r)} (${more(worker.r, main.r)}) |`,
      `| no worker, nothing done | | ${mb(bare)} |`,
      `| a worker started that does nothing | | ${mb(idle)} (${more(idle, bare)}) |`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

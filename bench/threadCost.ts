/**
 * What a second thread would cost `bopask score` in memory: the PnP lift of the CLI bench's pose
 * answers (one line in six) run in the main thread, and the same answers handed to one worker thread,
 * each a process of its own measured under /usr/bin/time (peak RSS, wall time), plus a worker that is
 * started and given nothing. The probe (bench/threadProbe.ts) is bundled first into plain JavaScript, as
 * the CLI is, and run under the V8 flags the launcher sets for `bopask score`. Both ways must give the same sum of IoU 3D, or the bench fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { SCORE_V8_FLAGS } from '../bin/cliBundle.js';
import { makeItem } from './benchItems';
import { timed, type Timed } from './cli';

const repo = path.join(import.meta.dirname, '..');

/** Rows of the report: the lift of `n` pose answers in each way, cycling through 1,000 pose questions (the CLI bench's 6,000 questions hold 1,000). */
export async function threadCost(n: number): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bopask-bench-threads-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: repo,
      // Everything in the one file (zod included): it runs from a temporary folder with no node_modules.
      ssr: { noExternal: true },
      build: { ssr: path.join(repo, 'bench', 'threadProbe.ts'), outDir: dir, emptyOutDir: false, minify: false, rollupOptions: { output: { entryFileNames: 'probe.mjs' } } },
    });
    const items = path.join(dir, 'items.json');
    writeFileSync(items, JSON.stringify(Array.from({ length: 1000 }, () => makeItem('pose'))));
    const run = (mode: string): Timed => {
      // Under the V8 flags `bopask score` runs with (they are the process's, so the worker's too).
      const r = timed([...SCORE_V8_FLAGS.split(' '), path.join(dir, 'probe.mjs'), mode, items, String(n)]);
      if (r.status !== 0) throw new Error(`thread probe (${mode}) exited with ${r.status}:\n${r.stderr.slice(-2000)}`);
      return r;
    };
    const main = run('main');
    const worker = run('worker');
    const idle = run('idle');
    if (main.stdout !== worker.stdout || !main.stdout.startsWith(`${n} `)) {
      throw new Error(`the worker's scores differ from the main thread's: '${worker.stdout.trim()}' against '${main.stdout.trim()}'`);
    }
    const mb = (r: Timed) => `${r.rssMb.toFixed(0)} MB`;
    const fmt = n.toLocaleString('en-US');
    return [
      `| PnP lift of ${fmt} pose answers (bench/threadProbe.ts, bundled) | time | peak RSS |`,
      '| --- | --- | --- |',
      `| in the main thread | ${main.seconds.toFixed(1)} s | ${mb(main)} |`,
      `| in one worker thread | ${worker.seconds.toFixed(1)} s | ${mb(worker)} (+${(worker.rssMb - main.rssMb).toFixed(0)} MB) |`,
      `| a worker started and given nothing | ${idle.seconds.toFixed(1)} s | ${mb(idle)} |`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

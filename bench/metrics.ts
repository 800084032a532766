/**
 * `npm run bench`: answers scored per second for each metric, then `bopask score` and
 * `bopask import-predictions` on 1,000,000 mixed predictions beside a read-and-parse floor (bench/cli.ts).
 * Prints a Markdown report. Each rate is the median of BENCH_REPS (default 5) runs, for parse + score,
 * parse only and score only; BENCH_PREDICTIONS=N sets the CLI runs' lines (0 skips them); BENCH_TASKS=a,b
 * limits the rates to those tasks, BENCH_RATES=0 skips them (`npm run bench:cli`). First, the pose rate
 * and fit quality beside the code before issue 10 (bench/poseCompare.ts; BENCH_BASE=commit, BENCH_POSE=0
 * skips it). Exits non-zero when a measurement fails.
 */
import { parseAnswer, scoreAnswer, scoreParsed, type ScorableItem } from '../shared/tasks';
import { makeItem } from './benchItems';
import { cliBench, poseLineCount } from './cli';
import { poseComparison } from './poseCompare';
import { threadCost } from './threadCost';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Answers/s for parse + score, parse only and score only (already parsed); median of `reps` runs. */
function rates(task: ScorableItem['task'], n: number, reps: number): { total: number; parse: number; score: number } {
  const cases = Array.from({ length: Math.min(n, 2000) }, () => makeItem(task));
  const parsed = cases.map((c) => {
    const r = parseAnswer(c.item.task, c.pred);
    return r.ok ? r.answer : null;
  });
  const time = (f: (i: number) => unknown) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f(i % cases.length);
    return n / ((performance.now() - t0) / 1000);
  };
  const total: number[] = [], parse: number[] = [], score: number[] = [];
  for (let r = 0; r < reps; r++) {
    total.push(time((i) => scoreAnswer(cases[i].item, cases[i].pred)));
    parse.push(time((i) => parseAnswer(cases[i].item.task, cases[i].pred)));
    score.push(time((i) => scoreParsed(cases[i].item, parsed[i])));
  }
  return { total: median(total), parse: median(parse), score: median(score) };
}

async function main(): Promise<void> {
  const counts: Record<string, number> = { pose: 10_000, grasp: 300_000, trajectory: 200_000, rearrangement: 400_000, spatial: 1_000_000, depth: 1_000_000 };
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const fmt = (r: number) => Math.round(r).toLocaleString('en-US');
  const lines = process.env.BENCH_POSE === '0' ? [] : [...(await poseComparison(reps)), ''];
  if (process.env.BENCH_RATES !== '0') lines.push(`| metric | answers/s (parse + score) | parse only | score only (parsed) |`, '| --- | ---: | ---: | ---: |');
  // BENCH_TASKS=grasp,trajectory measures only those (e.g. for a CPU profile).
  const only = process.env.BENCH_RATES === '0' ? [] : process.env.BENCH_TASKS?.split(',');
  for (const [task, n] of Object.entries(counts)) {
    if (only && !only.includes(task)) continue;
    const r = rates(task as ScorableItem['task'], n, reps);
    lines.push(`| ${task} | ${fmt(r.total)} | ${fmt(r.parse)} | ${fmt(r.score)} |`);
    process.stderr.write(`${task}: ${fmt(r.total)}/s (parse ${fmt(r.parse)}/s, score ${fmt(r.score)}/s; median of ${reps})\n`);
  }
  if (process.env.BENCH_PREDICTIONS === '0') {
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  const n = Number(process.env.BENCH_PREDICTIONS ?? 1_000_000);
  // The thread probe scores as many pose answers as cliBench's file holds.
  lines.push('', ...(await cliBench(n)), '', ...(await threadCost(poseLineCount(n))));
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

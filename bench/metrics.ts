/**
 * `npm run bench`: answers scored per second for each metric, then the time and peak RSS of
 * `bopask score` on 1,000,000 mixed predictions generated into a temp dir. Prints a Markdown report.
 * Each rate is the median of BENCH_REPS (default 5) runs, for parse + score, parse only and score only;
 * BENCH_PREDICTIONS=0 skips the CLI run; BENCH_TASKS=a,b limits the rates to those tasks. First, the
 * pose rate and fit quality beside the code before issue 10 (bench/poseCompare.ts; BENCH_BASE=commit,
 * BENCH_POSE=0 skips it). Exits non-zero when a measurement fails.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatAnswer, parseAnswer, TASKS, type Answer, type Task } from '../shared/tasks';
import { projectBox } from '../shared/geometry/box3d';
import { rotationFromEuler } from '../shared/geometry/rotation';
import type { Box3d, Mat3, Vec2 } from '../shared/geometry/types';
import { scoreAnswer, scoreParsed, type ScorableItem } from '../shared/tasks';
import { poseComparison } from './poseCompare';

let seed = 42;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const jitter = (pts: Vec2[], px: number): Vec2[] => pts.map(([x, y]) => [x + (rnd() - 0.5) * 2 * px, y + (rnd() - 0.5) * 2 * px]);
const K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];

const base = () => ({ width: 1280, height: 720, alternatives: [] as Answer[] });
const yesNo = (task: 'spatial' | 'depth') => () => ({ item: { ...base(), task, gt: { task, value: true } }, pred: rnd() < 0.5 ? 'Yes.' : 'No, it is not.' });

/** A random item of each task and a noisy prediction for it, in the predictions file's text form. */
const MAKE_ITEM: Record<Task, () => { item: ScorableItem; pred: unknown }> = {
  pose: () => {
    const box: Box3d = { center: [rnd() * 300 - 150, rnd() * 200 - 100, 700 + rnd() * 800], size: [40 + rnd() * 160, 40 + rnd() * 160, 40 + rnd() * 160], rotation: rotationFromEuler(rnd() * 6, rnd() * 6, rnd() * 6) };
    const gt = projectBox(K, box);
    return { item: { ...base(), task: 'pose', gt: { task: 'pose', points: gt }, camera: { K }, box3d: box }, pred: formatAnswer({ task: 'pose', points: jitter(gt, 3) }) };
  },
  grasp: () => {
    const gt: Vec2[] = [[600, 300], [580, 300], [620, 300], [580, 340], [620, 340]];
    return { item: { ...base(), task: 'grasp', gt: { task: 'grasp', points: gt } }, pred: formatAnswer({ task: 'grasp', points: jitter(gt, 10) }) };
  },
  trajectory: () => {
    const gt: Vec2[] = [[100, 500], [400, 200], [900, 300]];
    return { item: { ...base(), task: 'trajectory', gt: { task: 'trajectory', points: gt } }, pred: formatAnswer({ task: 'trajectory', points: jitter([...gt, [950, 320]], 40) }) };
  },
  rearrangement: () => {
    const gt: Vec2[] = [[200, 200], [600, 400], [900, 100]];
    return { item: { ...base(), task: 'rearrangement', gt: { task: 'rearrangement', points: gt } }, pred: formatAnswer({ task: 'rearrangement', points: jitter(gt.slice(0, 2), 60) }) };
  },
  spatial: yesNo('spatial'),
  depth: yesNo('depth'),
};
const makeItem = (task: Task) => MAKE_ITEM[task]();

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

async function writeFiles(dir: string, n: number): Promise<{ dataset: string; predictions: string }> {
  const tasks = TASKS;
  const dataset = path.join(dir, 'dataset.jsonl');
  const predictions = path.join(dir, 'predictions.jsonl');
  const questions = 6000;
  const items = Array.from({ length: questions }, (_, i) => ({ id: `q${i}`, ...makeItem(tasks[i % tasks.length]) }));
  const d = createWriteStream(dataset);
  for (const { id, item } of items) {
    d.write(JSON.stringify({ id, task: item.task, image: `img/${id}.png`, width: item.width, height: item.height, question: '?', answer: formatAnswer(item.gt), camera: item.camera, box3d: item.box3d }) + '\n');
  }
  d.end();
  await once(d, 'finish');
  const p = createWriteStream(predictions);
  // Each (question, source) pair recurs every `questions` lines: the annotator tells the repeats apart
  // (bopask score refuses a repeated (id, source, annotator)).
  const sources = ['Human', 'Model-A', 'Model-B', 'Model-C'];
  for (let i = 0; i < n; i++) {
    const q = items[i % questions];
    // One line per (id, source, annotator), as the scorer demands: a new annotator on each pass.
    const line = { id: q.id, source: sources[i % 4], annotator: `a${Math.floor(i / questions)}`, output: q.pred };
    if (!p.write(JSON.stringify(line) + '\n')) await once(p, 'drain');
  }
  p.end();
  await once(p, 'finish');
  return { dataset, predictions };
}

const READ_AND_PARSE = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0;
rl.on('line', (l) => { if (l.trim()) { JSON.parse(l); n++; } });
rl.on('close', () => process.stdout.write(String(n)));`;

/** Runs node with `args` under /usr/bin/time -v: wall time and the child's peak RSS (maximum resident set size). */
function timed(args: string[]) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  if (!rss) throw new Error(`no peak RSS from /usr/bin/time: ${r.stderr.slice(0, 500)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds, rssMb: Number(rss) / 1024 };
}

async function main(): Promise<void> {
  const counts: Record<string, number> = { pose: 10_000, grasp: 300_000, trajectory: 200_000, rearrangement: 400_000, spatial: 1_000_000, depth: 1_000_000 };
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const fmt = (r: number) => Math.round(r).toLocaleString('en-US');
  const lines = process.env.BENCH_POSE === '0' ? [] : [...(await poseComparison(reps)), ''];
  lines.push(`| metric | answers/s (parse + score) | parse only | score only (parsed) |`, '| --- | ---: | ---: | ---: |');
  // BENCH_TASKS=grasp,trajectory measures only those (e.g. for a CPU profile).
  const only = process.env.BENCH_TASKS?.split(',');
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
  const dir = mkdtempSync(path.join(tmpdir(), 'bopask-bench-'));
  const files = await writeFiles(dir, n);
  const bin = path.join(import.meta.dirname, '..', 'bin', 'bopask.js');
  // The floor, in the same run: read the file line by line and JSON.parse each line, nothing else.
  const floor = timed(['-e', READ_AND_PARSE, files.predictions]);
  if (floor.status !== 0 || Number(floor.stdout) !== n) throw new Error(`read-and-parse baseline failed: ${floor.stderr.slice(0, 2000)}`);
  const r = timed([bin, 'score', '--dataset', files.dataset, '--predictions', files.predictions, '--format', 'json']);
  // A bench of a failed run is worse than none: the scorer must succeed and count every line.
  if (r.status !== 0) throw new Error(`bopask score exited with ${r.status}:\n${r.stderr.slice(0, 2000)}`);
  const rows = (JSON.parse(r.stdout) as { rows: { counts: Record<string, { responses: number }> }[] }).rows;
  const responses = rows.reduce((s, row) => s + Object.values(row.counts).reduce((t, c) => t + c.responses, 0), 0);
  if (responses !== n) throw new Error(`bopask score counted ${responses} responses, expected ${n}`);
  const what = `${n.toLocaleString('en-US')} mixed predictions (6,000 questions × 4 sources)`;
  lines.push(
    '',
    `bopask score, ${what}: ${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB; ` +
      `read + JSON.parse alone: ${floor.seconds.toFixed(1)} s, ${floor.rssMb.toFixed(0)} MB ` +
      `(×${(r.seconds / floor.seconds).toFixed(1)} time, ×${(r.rssMb / floor.rssMb).toFixed(2)} memory)`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

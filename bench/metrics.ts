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
import { formatAnswer, parseAnswer, type Answer } from '../shared/answers/index';
import { projectBox } from '../shared/geometry/box3d';
import { rotationFromEuler } from '../shared/geometry/rotation';
import type { Box3d, Mat3, Vec2 } from '../shared/geometry/types';
import { scoreAnswer, scoreParsed, type ScorableItem } from '../shared/metrics/index';
import { poseComparison } from './poseCompare';

let seed = 42;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const jitter = (pts: Vec2[], px: number): Vec2[] => pts.map(([x, y]) => [x + (rnd() - 0.5) * 2 * px, y + (rnd() - 0.5) * 2 * px]);
const K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];

function makeItem(task: ScorableItem['task']): { item: ScorableItem; pred: unknown } {
  const base = { width: 1280, height: 720, alternatives: [] as Answer[] };
  switch (task) {
    case 'pose': {
      const box: Box3d = { center: [rnd() * 300 - 150, rnd() * 200 - 100, 700 + rnd() * 800], size: [40 + rnd() * 160, 40 + rnd() * 160, 40 + rnd() * 160], rotation: rotationFromEuler(rnd() * 6, rnd() * 6, rnd() * 6) };
      const gt = projectBox(K, box);
      return { item: { ...base, task, gt: { task, points: gt }, camera: { K }, box3d: box }, pred: formatAnswer({ task, points: jitter(gt, 3) }) };
    }
    case 'grasp': {
      const gt: Vec2[] = [[600, 300], [580, 300], [620, 300], [580, 340], [620, 340]];
      return { item: { ...base, task, gt: { task, points: gt } }, pred: formatAnswer({ task, points: jitter(gt, 10) }) };
    }
    case 'trajectory': {
      const gt: Vec2[] = [[100, 500], [400, 200], [900, 300]];
      return { item: { ...base, task, gt: { task, points: gt } }, pred: formatAnswer({ task, points: jitter([...gt, [950, 320]], 40) }) };
    }
    case 'rearrangement': {
      const gt: Vec2[] = [[200, 200], [600, 400], [900, 100]];
      return { item: { ...base, task, gt: { task, points: gt } }, pred: formatAnswer({ task, points: jitter(gt.slice(0, 2), 60) }) };
    }
    default:
      return { item: { ...base, task, gt: { task, value: true } }, pred: rnd() < 0.5 ? 'Yes.' : 'No, it is not.' };
  }
}

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
  const tasks = ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'] as const;
  const dataset = path.join(dir, 'dataset.jsonl');
  const predictions = path.join(dir, 'predictions.jsonl');
  const questions = 6000;
  const items = Array.from({ length: questions }, (_, i) => ({ id: `q${i}`, ...makeItem(tasks[i % 6]) }));
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
    if (!p.write(JSON.stringify({ id: q.id, source: sources[i % 4], annotator: `a${Math.floor(i / questions)}`, output: q.pred }) + '\n')) await once(p, 'drain');
  }
  p.end();
  await once(p, 'finish');
  return { dataset, predictions };
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
  const t0 = performance.now();
  // /usr/bin/time -v reports the child's peak RSS (maximum resident set size).
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'score', '--dataset', files.dataset, '--predictions', files.predictions], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  if (r.status !== 0) throw new Error(`bopask score failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  lines.push('', `bopask score, ${n.toLocaleString('en-US')} mixed predictions (6,000 questions × 4 sources): ${seconds.toFixed(1)} s, peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MB, exit ${r.status}`);
  process.stdout.write(lines.join('\n') + '\n');
}

await main();

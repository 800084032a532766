/**
 * The pose rows of `npm run bench`, beside the code before issue 10 measured in the same run: that
 * commit (BENCH_BASE, default 32f1f60) is checked out into a temporary git worktree whose node_modules
 * link to this one's, and its shared/ is imported into this process, so both run on the same machine
 * load, interleaved. Also: the share of answers whose fit equals the exhaustive reference, per kind,
 * old and new, and the parser's worst inputs. Throws (non-zero exit) when a measurement cannot be made
 * or the new code's fit is worse than the reference on any answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Answer } from '../shared/tasks';
import { formatAnswer, parseAnswer } from '../shared/tasks';
import { projectBox } from '../shared/geometry/box3d';
import { fitBoxToCorners } from '../shared/geometry/pnp';
import { exhaustiveFit, PNP_K, PNP_KINDS, pnpCases } from '../shared/geometry/pnpReference';
import type { Mat3, Vec2, Vec3 } from '../shared/geometry/types';
import { scoreAnswer, type ScorableItem } from '../shared/tasks';

type Fit = (K: Mat3, size: Vec3, img: readonly Vec2[]) => { rms: number } | null;
type Score = (item: ScorableItem, raw: unknown) => unknown;
type Parse = (task: ScorableItem['task'], raw: unknown) => unknown;

const repo = path.join(import.meta.dirname, '..');
const fmt = (r: number) => Math.round(r).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The base commit's shared/ code, from a temporary worktree; `cleanup` removes the worktree. */
async function loadBase(commit: string): Promise<{ fit: Fit; score: Score; parse: Parse; cleanup: () => void }> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pose-base-')), 'tree');
  execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', dir, commit], { stdio: 'pipe' });
  const cleanup = () => {
    execFileSync('git', ['-C', repo, 'worktree', 'remove', '--force', dir], { stdio: 'pipe' });
    rmSync(path.dirname(dir), { recursive: true, force: true });
  };
  try {
    symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
    const pnp = (await import(path.join(dir, 'shared/geometry/pnp.ts'))) as { fitBoxToCorners: Fit };
    const metrics = (await import(path.join(dir, 'shared/metrics/index.ts'))) as { scoreAnswer: Score };
    const answers = (await import(path.join(dir, 'shared/answers/index.ts'))) as { parseAnswer: Parse };
    return { fit: pnp.fitBoxToCorners, score: metrics.scoreAnswer, parse: answers.parseAnswer, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** The bench's pose items: ground truth ±3 px, as in bench/metrics.ts. */
function poseItems(n: number): { item: ScorableItem; pred: string }[] {
  return pnpCases('noise10', n, 42).map((c) => {
    const gt = projectBox(PNP_K, c.box);
    let s = 7;
    const jitter = gt.map(([x, y]): Vec2 => [x + ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 6, y + ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 6]);
    return {
      item: { task: 'pose', width: 1280, height: 720, gt: { task: 'pose', points: gt } as Answer, alternatives: [], camera: { K: PNP_K }, box3d: c.box },
      pred: formatAnswer({ task: 'pose', points: jitter }),
    };
  });
}

export async function poseComparison(reps: number): Promise<string[]> {
  const commit = process.env.BENCH_BASE ?? '32f1f60';
  const base = await loadBase(commit);
  const lines: string[] = [];
  try {
    // 1. Pose rate, parse + score, old and new alternately (median of reps).
    const items = poseItems(2000);
    const rate = (score: Score) => {
      const t0 = performance.now();
      for (const c of items) score(c.item, c.pred);
      return items.length / ((performance.now() - t0) / 1000);
    };
    const oldRates: number[] = [], newRates: number[] = [];
    for (let r = 0; r < reps; r++) { oldRates.push(rate(base.score)); newRates.push(rate(scoreAnswer)); }
    lines.push(`| pose, parse + score (±3 px) | ${fmt(median(oldRates))} | ${fmt(median(newRates))} | ≥ 20,000 /s per core |`);
    process.stderr.write(`pose: ${commit} ${fmt(median(oldRates))}/s, this tree ${fmt(median(newRates))}/s\n`);
    const random = pnpCases('random', 300, 3);
    const fitRate = (fit: Fit) => {
      const t0 = performance.now();
      for (const c of random) fit(PNP_K, c.box.size, c.pts);
      return random.length / ((performance.now() - t0) / 1000);
    };
    const oldR: number[] = [], newR: number[] = [];
    for (let r = 0; r < reps; r++) { oldR.push(fitRate(base.fit)); newR.push(fitRate(fitBoxToCorners)); }
    lines.push(`| pose lift only, random points | ${fmt(median(oldR))} | ${fmt(median(newR))} | |`);

    // 2. Share of answers whose fit equals the exhaustive reference.
    const n = Number(process.env.BENCH_PNP_N ?? 25);
    const worse: string[] = [];
    for (const kind of PNP_KINDS) {
      let oldEq = 0, newEq = 0;
      for (const [i, c] of pnpCases(kind, n, 500 + kind.length).entries()) {
        const ref = exhaustiveFit(PNP_K, c.box.size, c.pts, 100)?.rms ?? Infinity;
        const equal = (f: { rms: number } | null) => (f?.rms ?? Infinity) <= ref * (1 + 1e-6) + 1e-9;
        if (equal(base.fit(PNP_K, c.box.size, c.pts))) oldEq++;
        if (equal(fitBoxToCorners(PNP_K, c.box.size, c.pts))) newEq++;
        else worse.push(`${kind} #${i}`);
      }
      lines.push(`| fit = exhaustive reference, ${kind} (${n} answers) | ${((100 * oldEq) / n).toFixed(0)} % | ${((100 * newEq) / n).toFixed(0)} % | 100 % |`);
    }
    if (worse.length > 0) throw new Error(`the pose lift missed the exhaustive reference's optimum on: ${worse.join(', ')}`);

    // 3. The parser's worst inputs: 1 MB lines (this tree), and the old code on 20 KB of the same.
    const MB = 1 << 20;
    const pad = (s: string, len: number) => s.repeat(Math.ceil(len / s.length)).slice(0, len);
    const worst: [string, ScorableItem['task'], (len: number) => string][] = [
      ['`left` + spaces (grasp label)', 'grasp', (len) => 'left' + pad(' ', len) + '[1, 2] [3, 4] [5, 6] [7, 8] [9, 10]'],
      ['`{x:` + digits', 'trajectory', (len) => '{x:' + pad('1', len)],
      ['open tags, no closing tag', 'trajectory', (len) => pad('<point x=1 y=2>', len)],
      ['`(x=1, ` repeated', 'rearrangement', (len) => pad('(x=1, ', len)],
      ['`[1, [` repeated', 'pose', (len) => pad('[1, [', len)],
    ];
    for (const [name, task, make] of worst) {
      const time = (parse: Parse, text: string) => {
        const t0 = performance.now();
        parse(task, text);
        return performance.now() - t0;
      };
      const big = make(MB), small = make(20_000);
      const newMs = median([time(parseAnswer, big), time(parseAnswer, big), time(parseAnswer, big)]);
      const oldMs = time(base.parse, small);
      lines.push(`| parse a worst-case line: ${name} | ${oldMs.toFixed(0)} ms for 20 KB | ${newMs.toFixed(1)} ms for 1 MB | 1 MB < 100 ms |`);
    }
  } finally {
    base.cleanup();
  }
  return [`| pose and parsing (${commit} vs this tree, same run) | ${commit} | this tree | target |`, '| --- | ---: | ---: | --- |', ...lines];
}

/**
 * The CLI at a million lines, each beside its floor measured in the same run: `bopask score` and
 * `bopask import-predictions` on N mixed predictions (6,000 questions × 4 sources, one line per
 * (id, source, annotator)), against reading the same file line by line with JSON.parse alone.
 *
 * Every figure is of a run that worked: the CLI is the bundle built from this checkout just before
 * (BOPASK_CLI=bundle: never the source through tsx, never a stale bundle), score's JSON table must equal
 * byte for byte the table computed in this process with the same shared code, and the import must
 * report and store exactly N answers. Anything else throws, and the bench exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { TableAggregator } from '../shared/metrics/aggregate';
import { formatTable } from '../shared/metrics/table';
import { formatAnswer, scoreAnswer, TASKS, type ScorableItem } from '../shared/tasks';
import { makeItem } from './benchItems';

const repo = path.join(import.meta.dirname, '..');
const QUESTIONS = 6000;
const SOURCES = ['Human', 'Model-A', 'Model-B', 'Model-C'];

export interface BenchFiles {
  dir: string;
  dataset: string;
  predictions: string;
  /** The table `bopask score --format json` must print for these files. */
  expectedTable: string;
  /**
   * With `noPose`: the same lines with every pose answer replaced by one that does not parse (scored
   * invalid at once: no parse of its points, no PnP lift, no IoU), and the table they must give: what
   * scoring costs without any of the pose work.
   */
  noPose?: { predictions: string; expectedTable: string };
}

/** How many of `writeFiles(n)`'s lines are pose answers (line i asks question i mod QUESTIONS). */
export function poseLineCount(n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (TASKS[(i % QUESTIONS) % TASKS.length] === 'pose') count++;
  return count;
}

/** A pose answer that does not parse: scored invalid without any pose work. */
const UNREADABLE_POSE = 'no box';

/** The dataset (one 1280×720 image for every question), the predictions and the table they must give. */
export async function writeFiles(n: number, options: { noPose?: boolean } = {}): Promise<BenchFiles> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bopask-bench-cli-'));
  const png = new PNG({ width: 1280, height: 720 });
  writeFileSync(path.join(dir, 'scene.png'), PNG.sync.write(png));
  const items = Array.from({ length: QUESTIONS }, (_, i) => ({ id: `q${i}`, ...makeItem(TASKS[i % TASKS.length]) }));
  const dataset = path.join(dir, 'dataset.jsonl');
  const d = createWriteStream(dataset);
  for (const { id, item } of items) {
    d.write(JSON.stringify({ id, task: item.task, image: 'scene.png', width: item.width, height: item.height, question: '?', answer: formatAnswer(item.gt), camera: item.camera, box3d: item.box3d }) + '\n');
  }
  d.end();
  await once(d, 'finish');
  // Each question's prediction is the same on every pass; its score is computed once here, and the table
  // is aggregated in the order the CLI reads the lines, so the two must agree to the last bit.
  const scores = items.map(({ item, pred }) => scoreAnswer(item as ScorableItem, pred));
  const isPose = items.map(({ item }) => item.task === 'pose');
  const noPoseScores = items.map(({ item }, q) => (isPose[q] ? scoreAnswer(item as ScorableItem, UNREADABLE_POSE) : scores[q]));
  const agg = new TableAggregator(), noPoseAgg = new TableAggregator();
  const predictions = path.join(dir, 'predictions.jsonl'), noPose = path.join(dir, 'no-pose.jsonl');
  const out = createWriteStream(predictions), noPoseOut = options.noPose ? createWriteStream(noPose) : undefined;
  for (let i = 0; i < n; i++) {
    const q = i % QUESTIONS;
    // A new annotator on each pass over the questions: one line per (id, source, annotator), as the CLI demands.
    const line = { id: items[q].id, source: SOURCES[i % SOURCES.length], annotator: `a${Math.floor(i / QUESTIONS)}`, output: items[q].pred };
    const key = { questionId: line.id, task: items[q].item.task, source: line.source, annotator: line.annotator };
    agg.add({ ...key, scores: scores[q] });
    // Each write waits for its own stream's drain, if it needs one, before the next write to either.
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
    if (!noPoseOut) continue;
    noPoseAgg.add({ ...key, scores: noPoseScores[q] });
    if (!noPoseOut.write(JSON.stringify(isPose[q] ? { ...line, output: UNREADABLE_POSE } : line) + '\n')) await once(noPoseOut, 'drain');
  }
  for (const s of noPoseOut ? [out, noPoseOut] : [out]) {
    s.end();
    await once(s, 'finish');
  }
  const files: BenchFiles = { dir, dataset, predictions, expectedTable: formatTable(agg.rows(), 'json') };
  if (noPoseOut) files.noPose = { predictions: noPose, expectedTable: formatTable(noPoseAgg.rows(), 'json') };
  return files;
}

const READ_AND_PARSE = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0;
rl.on('line', (l) => { if (l.trim()) { JSON.parse(l); n++; } });
rl.on('close', () => process.stdout.write(String(n)));`;

export interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  rssMb: number;
}

/** Runs node with `args` under /usr/bin/time -v: wall time and the process's peak RSS (maximum resident set size). */
export function timed(args: string[], env: Record<string, string> = {}): Timed {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, BOPASK_CLI: 'bundle', ...env } });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  if (!rss) throw new Error(`no peak RSS from /usr/bin/time: ${r.stderr.slice(0, 500)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds, rssMb: Number(rss) / 1024 };
}

function mustSucceed(what: string, r: Timed): Timed {
  if (r.status !== 0) throw new Error(`${what} exited with ${r.status}:\n${r.stderr.slice(-2000)}`);
  return r;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
const ratio = (a: Timed, floor: Timed) => `×${(a.seconds / floor.seconds).toFixed(1)} time, ×${(a.rssMb / floor.rssMb).toFixed(2)} memory`;
const figure = (r: Timed) => `${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB`;

/** Builds the CLI bundle, runs both measurements and returns the report's lines. */
export async function cliBench(n: number): Promise<string[]> {
  const build = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.cli.config.ts'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI bundle failed:\n${build.stderr.slice(-2000)}`);
  const files = await writeFiles(n, { noPose: true });
  const bin = path.join(repo, 'bin', 'bopask.js');
  try {
    const floor = timed(['-e', READ_AND_PARSE, files.predictions]);
    if (floor.status !== 0 || Number(floor.stdout) !== n) throw new Error(`read-and-parse baseline failed (${floor.stdout}):\n${floor.stderr.slice(-2000)}`);
    const scoreChecked = (what: string, predictions: string, expected: string): Timed => {
      const r = mustSucceed(what, timed([bin, 'score', '--dataset', files.dataset, '--predictions', predictions, '--format', 'json']));
      if (r.stdout !== expected) {
        throw new Error(`${what} printed a table (sha256 ${sha(r.stdout)}, ${r.stdout.length} bytes) other than the expected one (${sha(expected)}, ${expected.length} bytes)`);
      }
      return r;
    };
    const score = scoreChecked('bopask score', files.predictions, files.expectedTable);
    const noPose = scoreChecked('bopask score without the pose work', files.noPose!.predictions, files.noPose!.expectedTable);
    const db = path.join(files.dir, 'bench.sqlite');
    const env = { IMAGES_DIR: path.join(files.dir, 'images') };
    mustSucceed('bopask import', timed([bin, 'import', '--dataset', files.dataset, '--db', db], env));
    const imp = mustSucceed('bopask import-predictions', timed([bin, 'import-predictions', '--predictions', files.predictions, '--db', db], env));
    if (!imp.stdout.startsWith(`imported ${n} answer(s)`)) throw new Error(`bopask import-predictions said: ${imp.stdout.slice(0, 500)}`);
    const stored = (new Database(db, { readonly: true }).prepare(`select count(*) as n from responses where kind = 'answer'`).get() as { n: number }).n;
    if (stored !== n) throw new Error(`bopask import-predictions stored ${stored} answers, expected ${n}`);
    const what = `${n.toLocaleString('en-US')} mixed predictions (${QUESTIONS.toLocaleString('en-US')} questions × ${SOURCES.length} sources)`;
    return [
      `| ${what} | time, peak RSS | beside read + JSON.parse alone (${figure(floor)}) |`,
      '| --- | --- | --- |',
      `| bopask score (table checked: sha256 ${sha(score.stdout)}) | ${figure(score)} | ${ratio(score, floor)} (targets ×5, ×1.5) |`,
      `| the same lines with every pose answer unreadable: scoring without any pose work (parse, PnP lift, IoUs; table checked: sha256 ${sha(noPose.stdout)}) | ${figure(noPose)} | ${ratio(noPose, floor)} |`,
      `| bopask import-predictions (${stored.toLocaleString('en-US')} rows stored) | ${figure(imp)} | ${ratio(imp, floor)} |`,
    ];
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
}

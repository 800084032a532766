/**
 * `npm start`'s first start, as a new user sees it: from the command to the first page served, on an
 * empty database (so the build, then the demo generated and imported, then the server listening).
 *   npm run bench:start                      # one run at the machine's load
 *   npm run bench:start -- --burners 2       # with two busy-looping processes beside it
 *   npm run bench:start -- --runs 3 --burners 0,2
 * Prints wall time and the 1-minute load average before and after each run. Fails (exit 1) unless the
 * page answers 200 and the database holds the demo's questions, responses and demo model.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const repo = path.join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, burners: { type: 'string', default: '0' } } });
const runs = Number(values.runs);
const burnerCounts = values.burners.split(',').map(Number);
if (!Number.isInteger(runs) || runs < 1 || burnerCounts.some((b) => !Number.isInteger(b) || b < 0)) {
  throw new Error('--runs N (≥ 1) and --burners N[,M…] (≥ 0) expected');
}

/** A process that keeps one core busy until killed, standing for other work on the machine. */
const burn = (): ChildProcess => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });

/** What the server prints on the way (server/services/demo.ts, server/index.ts), in order. */
const MARKS = [
  { name: 'build + server start', re: /empty database: generating the demo dataset/ },
  { name: 'demo generated and imported', re: /demo dataset ready/ },
  { name: 'listening', re: /BOP-Ask Studio on http/ },
];

function firstStart(): Promise<{ seconds: number; dir: string; marks: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-bench-start-'));
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'db.sqlite'), IMAGES_DIR: path.join(dir, 'images') };
  const t0 = performance.now();
  // detached: its own process group, so the npm → node chain is stopped as one below.
  const child = spawn('npm', ['start'], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  const marks: number[] = [];
  return new Promise((resolve, reject) => {
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${stderr.slice(-2000)}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      while (marks.length < MARKS.length && MARKS[marks.length].re.test(stderr)) marks.push((performance.now() - t0) / 1000);
      const port = /BOP-Ask Studio on http:\/\/localhost:(\d+)/.exec(stderr)?.[1];
      if (!port) return;
      child.stderr!.removeAllListeners('data');
      fetch(`http://127.0.0.1:${port}/`).then(
        (res) => {
          const seconds = (performance.now() - t0) / 1000;
          child.removeAllListeners('exit');
          stop();
          if (res.status !== 200) reject(new Error(`the first page answered ${res.status}`));
          else if (marks.length < MARKS.length) reject(new Error(`the server did not print each step:\n${stderr.slice(-2000)}`));
          else resolve({ seconds, dir, marks });
        },
        (err: unknown) => {
          stop();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  });
}

/** The demo must be in the database: questions of the benchmark and practice pools, and the demo model's answers. */
function checkDemo(dir: string): string {
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const benchmark = count(`select count(*) as n from questions where pool = 'benchmark'`);
    const practice = count(`select count(*) as n from questions where pool = 'practice'`);
    const answers = count(`select count(*) as n from responses`);
    if (benchmark < 700 || practice === 0 || answers === 0) {
      throw new Error(`the demo is incomplete: ${benchmark} benchmark and ${practice} practice questions, ${answers} responses`);
    }
    return `${benchmark} questions, ${practice} practice, ${answers} responses`;
  } finally {
    db.close();
  }
}

const load = () => os.loadavg()[0].toFixed(1);
const lines = [
  `| extra busy processes | first start, \`npm start\` to the first page | of which ${MARKS.map((m) => m.name).join(' / ')} | load average (1 min) before → after | demo in the database |`,
  '| ---: | ---: | --- | --- | --- |',
];
for (const burners of burnerCounts) {
  for (let r = 0; r < runs; r++) {
    const procs = Array.from({ length: burners }, burn);
    const before = load();
    try {
      const { seconds, dir, marks } = await firstStart();
      const steps = marks.map((t, i) => `${(t - (marks[i - 1] ?? 0)).toFixed(1)} s`).join(' / ');
      const after = load();
      const demo = checkDemo(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      lines.push(`| ${burners} | ${seconds.toFixed(1)} s | ${steps} | ${before} → ${after} | ${demo} |`);
      process.stderr.write(`${lines.at(-1)}\n`);
    } finally {
      for (const p of procs) p.kill('SIGKILL');
    }
  }
}
process.stdout.write(`${os.cpus().length} cores, ${new Date().toISOString()}\n${lines.join('\n')}\n`);

/**
 * The submit path under load, beside its floor (issue 14).
 *   npm run bench:load                                  # 720 and 100,000 questions, 3 rounds each
 *   npm run bench:load -- --sizes 720 --rounds 1        # one quick round
 *   npm run bench:load -- --sizes 100000 --profile DIR  # the server's CPU profile (node --cpu-prof) in DIR
 *   npm run bench:load -- --dir /dev/shm                # databases on tmpfs: fsync is free, CPU is measured
 *   npm run bench:load -- --flow page                   # read the batch before each submit, as the page does
 *   npm run bench:load -- --server-root DIR             # the server of another checkout (before/after)
 *
 * The real server (`node --import tsx server/index.ts`) runs on a temporary database over loopback;
 * 200 simulated contributors each start a batch and then do what the page does for every item: read
 * the batch (`annotate.batch`, which binds the next question) and submit an answer of its task
 * (`annotate.submit`), both in the browser's tRPC batch format (httpBatchLink: `?batch=1`, inputs
 * keyed "0"). autocannon drives them over 50 keep-alive connections, each taking the next contributor
 * when its current one is done. The floor is the same exchange through bare `node:http` +
 * better-sqlite3 on the same schema and durability (WAL, synchronous = FULL): the read is one
 * indexed select, the submit one INSERT of the same row. Server and floor alternate, 3 rounds each,
 * at each size. Exits non-zero when any request fails or the stored responses are not those sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { parseDatasetLine } from '../shared/dataset';
import { TASKS, type Answer, type Task } from '../shared/tasks';
import { hashRank, openDb } from '../server/db/client';
import { newImageKey } from '../server/services/images';
import { floorMain, summarizeProfiles } from './loadFloor';

const CONTRIBUTORS = 200;
const CONNECTIONS = 50;
/** Contributors of the unreported first round (JIT warm-up), from addresses no measured round uses. */
const WARM_UP = 60;
/** The goals: at least half the floor's submit rate, and submit p99 under 50 ms. */
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;

function fail(message: string): never {
  process.stderr.write(`bench:load: ${message}\n`);
  process.exit(1);
}

/**
 * One stored question per task as the generator writes them (the CLI's scoring fixture: a pose item
 * with its camera and 3D box, so scoring runs the real PnP lift), and the answer a careful contributor
 * gives: the label moved by 3 px, or the label itself for yes/no tasks.
 */
function templates(): Map<Task, { line: Record<string, unknown>; width: number; height: number; answer: Answer }> {
  const file = new URL('../server/cli/fixtures/score/dataset.jsonl', import.meta.url);
  const out = new Map<Task, { line: Record<string, unknown>; width: number; height: number; answer: Answer }>();
  for (const text of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const parsed = parseDatasetLine(text, 0);
    if (!parsed.ok) fail(`scoring fixture no longer parses: ${parsed.error}`);
    const task = parsed.item.task;
    if (out.has(task)) continue;
    const gt = parsed.gt;
    const answer: Answer = 'points' in gt ? ({ ...gt, points: gt.points.map(([x, y]) => [x + 3, y + 3]) } as Answer) : gt;
    out.set(task, { line: JSON.parse(text) as Record<string, unknown>, width: parsed.item.width!, height: parsed.item.height!, answer });
  }
  for (const t of TASKS) if (!out.has(t)) fail(`the scoring fixture has no ${t} question`);
  return out;
}
const TEMPLATES = templates();

/**
 * A migrated database holding `n` benchmark questions spread over the tasks, written with plain SQL
 * in one transaction (100,000 take a few seconds; an import would also copy images).
 */
function seedDatabase(file: string, n: number): void {
  const db = openDb(file, { log: () => {} });
  const c = db.$client;
  const insert = c.prepare(
    "insert into questions (id, task, pool, image, image_key, width, height, question, item, hash_rank) values (?, ?, 'benchmark', ?, ?, ?, ?, ?, ?, ?)",
  );
  c.transaction(() => {
    for (let i = 0; i < n; i++) {
      const task = TASKS[i % TASKS.length];
      const t = TEMPLATES.get(task)!;
      const id = `load-${task}-${i}`;
      const item: Record<string, unknown> = { ...t.line, id };
      insert.run(id, task, item.image, newImageKey(), t.width, t.height, item.question, JSON.stringify(item), hashRank(id));
    }
  })();
  c.close();
}

interface Contributor {
  token: string;
  /** Bound items to submit, in batch order (the submit flow); empty in the page flow (read first). */
  items: { assignmentId: number; task: Task }[];
}

interface Target {
  name: 'server' | 'floor';
  base: string;
  child: ChildProcess;
  /** `count` new batches; with `isBound`, each item already bound to a question. */
  startBatches(round: number, isBound: boolean, count?: number): Promise<Contributor[]>;
  /** Responses stored so far (read from the database file). */
  storedResponses(): number;
  /** Items of these batches still unanswered: must be 0 after a round. */
  openItems(tokens: string[]): number;
}

/** Waits for a child's "… on http://localhost:PORT" line. */
function listening(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${err}`)));
  });
}

/**
 * Loopback has a whole /8 on Linux: each simulated contributor starts its batch from its own
 * 127.0.x.y address, so the server's per-address limit on new batches stays at its default and is
 * exercised honestly. Where only 127.0.0.1 exists, the limit is raised through its setting instead.
 */
async function canUseLoopbackAddresses(): Promise<boolean> {
  const s = http.createServer((_q, r) => r.end());
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  const isOk = await new Promise<boolean>((resolve) => {
    http.get({ host: '127.0.0.1', port, localAddress: '127.0.0.7', path: '/' }, (res) => resolve(!!res.resume())).on('error', () => resolve(false));
  });
  s.close();
  return isOk;
}

function postJson(base: string, pathname: string, body: unknown, localAddress?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const url = new URL(pathname, base);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const startTimes: number[] = [];

/** Question ids per task, and a cursor per task: the setup hands them out in turn. */
function questionRotation(db: Database.Database): (task: Task) => string {
  const byTask = new Map<Task, string[]>(TASKS.map((t) => [t, []]));
  for (const r of db.prepare("select id, task from questions where pool = 'benchmark' order by hash_rank").all() as { id: string; task: Task }[]) byTask.get(r.task)!.push(r.id);
  const cursor = new Map<Task, number>(TASKS.map((t) => [t, 0]));
  return (task) => {
    const ids = byTask.get(task)!;
    const i = cursor.get(task)!;
    cursor.set(task, i + 1);
    return ids[i % ids.length];
  };
}

async function startServer(dir: string, n: number, profileDir: string | undefined, isLoopbackPool: boolean, serverRoot: string): Promise<Target> {
  const databasePath = path.join(dir, 'server.sqlite');
  seedDatabase(databasePath, n);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, IMAGES_DIR: path.join(dir, 'images'), DEMO: 'off' };
  if (!isLoopbackPool) env.NEW_BATCHES_PER_ADDRESS = String(CONTRIBUTORS * 10);
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/index.ts'], { cwd: serverRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await listening(child, 'the server');
  const db = new Database(databasePath);
  db.pragma('busy_timeout = 5000');
  const countStored = db.prepare("select count(*) from responses where source = 'Human'").pluck();
  const countOpen = db.prepare("select count(*) from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.status = 'open'").pluck();
  const unbound = db.prepare("select a.id, a.task from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.mode = 'answer' and a.question_id is null order by a.position");
  const bind = db.prepare('update assignments set question_id = ?, bound_at = ? where id = ?');
  const load = db.prepare('update questions set load = load + 1 where id = ?');
  const nextQuestion = questionRotation(db);
  /**
   * The submit flow measures the submit alone: the bench binds every item up front (what reaching
   * it does: the question, its hold time and its load), in turn through each task's questions, so
   * no contributor gets a question twice (a batch has 15 items, every task here 120 questions or more).
   */
  const bindAll = db.transaction((tokens: string[]) => {
    for (const token of tokens) {
      for (const a of unbound.all(token) as { id: number; task: Task }[]) {
        const q = nextQuestion(a.task);
        bind.run(q, Date.now(), a.id);
        load.run(q);
      }
    }
  });
  const itemsOf = db.prepare("select a.id assignmentId, a.task from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.status = 'open' order by a.position");
  return {
    name: 'server',
    base,
    child,
    async startBatches(round, isBound, count = CONTRIBUTORS) {
      // Ten at a time, as contributors arriving together; the calls are timed for the report.
      const tokens: string[] = [];
      for (let k = 0; k < count; k += 10) {
        const group = Array.from({ length: Math.min(10, count - k) }, async (_, j) => {
          const who = k + j;
          const t0 = performance.now();
          const r = await postJson(base, '/trpc/annotate.start?batch=1', { 0: {} }, isLoopbackPool ? `127.0.${1 + round}.${1 + who}` : undefined);
          startTimes.push(performance.now() - t0);
          const token = (JSON.parse(r.body) as [{ result?: { data?: { token?: string } } }])[0]?.result?.data?.token;
          if (r.status !== 200 || !token) fail(`annotate.start for contributor ${who}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
          return token;
        });
        tokens.push(...(await Promise.all(group)));
      }
      if (!isBound) return tokens.map((token) => ({ token, items: [] }));
      bindAll.immediate(tokens);
      return tokens.map((token) => ({ token, items: itemsOf.all(token) as Contributor['items'] }));
    },
    storedResponses: () => countStored.get() as number,
    openItems: (tokens) => tokens.reduce((s, t) => s + (countOpen.get(t) as number), 0),
  };
}

async function startFloor(dir: string, n: number): Promise<Target> {
  const databasePath = path.join(dir, 'floor.sqlite');
  seedDatabase(databasePath, n);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', '--floor', databasePath], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await listening(child, 'the floor');
  const db = new Database(databasePath);
  db.pragma('busy_timeout = 5000');
  const nextQuestion = questionRotation(db);
  const insertP = db.prepare('insert into participants (id, token, batch_size) values (?, ?, 15)');
  const insertA = db.prepare("insert into assignments (participant_id, question_id, task, position, mode, status, bound_at) values (?, ?, ?, ?, 'answer', 'open', ?)");
  const countStored = db.prepare('select count(*) from responses').pluck();
  const countOpen = db.prepare(
    'select count(*) from assignments a join participants p on p.id = a.participant_id where p.token = ? and not exists (select 1 from responses r where r.assignment_id = a.id)',
  ).pluck();
  return {
    name: 'floor',
    base,
    child,
    async startBatches(_round, _isBound, count = CONTRIBUTORS) {
      // The floor's batches are made directly: 15 bound items each, the tasks in turn, as a server batch.
      const out: Contributor[] = [];
      db.transaction(() => {
        for (let k = 0; k < count; k++) {
          const id = randomUUID();
          const token = randomUUID();
          insertP.run(id, token);
          const items: Contributor['items'] = [];
          for (let pos = 0; pos < 15; pos++) {
            const task = TASKS[(k + pos) % TASKS.length];
            items.push({ assignmentId: Number(insertA.run(id, nextQuestion(task), task, pos, Date.now()).lastInsertRowid), task });
          }
          out.push({ token, items });
        }
      })();
      return out;
    },
    storedResponses: () => countStored.get() as number,
    openItems: (tokens) => tokens.reduce((s, t) => s + (countOpen.get(t) as number), 0),
  };
}

interface RoundResult {
  target: string;
  submits: number;
  seconds: number;
  submitMs: number[];
  readMs: number[];
  /** The target process's CPU time per submit (its reads included in the page flow). */
  cpuMsPerSubmit: number;
}

type BatchReply = [{ result?: { data?: { items?: { assignmentId: number; status: string; question: { task: Task } }[] } } }];
type SubmitReply = [{ result?: { data?: { status?: string; isRetry?: boolean } } }];
type Flow = 'submit' | 'page';

/**
 * One round over `CONNECTIONS` keep-alive connections; each takes the next contributor when its
 * current one has no item left, and closes when none is left. The submit flow sends only the submits
 * (items bound up front); the page flow reads the batch before each submit, as the page does (its
 * reads bind the next question), until the batch has no open item.
 */
async function runRound(target: Target, contributors: Contributor[], flow: Flow): Promise<RoundResult> {
  const queue = [...contributors];
  const result: RoundResult = { target: target.name, submits: 0, seconds: 0, submitMs: [], readMs: [], cpuMsPerSubmit: NaN };
  const cpu0 = cpuMs(target.child);
  const problems: string[] = [];
  let lastResponse = 0;
  const t0 = performance.now();
  const instance = autocannon({
    url: target.base,
    connections: Math.min(CONNECTIONS, contributors.length),
    duration: 600,
    timeout: 30,
    requests: [{ method: 'GET', path: '/' }],
    setupClient(client) {
      let who = queue.shift()!;
      let item: Contributor['items'][number] | undefined = flow === 'submit' ? who.items.shift() : undefined;
      let sent: 'read' | 'submit' = 'read';
      // The connection ends after this response (autocannon stops a client at its responseMax).
      const c = client as unknown as { responseMax: number; reqsMade: number };
      const done = () => void (c.responseMax = c.reqsMade);
      const submit: autocannon.Request = {
        setupRequest(req) {
          // Nothing to submit (the contributor just finished): back to the first request.
          if (!item) return null as unknown as typeof req;
          sent = 'submit';
          const input = { token: who.token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 4000, answer: TEMPLATES.get(item.task)!.answer };
          return { ...req, method: 'POST', path: '/trpc/annotate.submit?batch=1', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ 0: input }) };
        },
        onResponse(status, body) {
          lastResponse = performance.now();
          const reply = (JSON.parse(body) as SubmitReply)[0]?.result?.data;
          if (status !== 200 || reply?.status !== 'answered' || reply.isRetry !== false) {
            problems.push(`annotate.submit: HTTP ${status} ${body.slice(0, 300)}`);
            return done();
          }
          result.submits++;
          if (flow === 'page') return;
          item = who.items.shift();
          if (!item && queue.length > 0) {
            who = queue.shift()!;
            item = who.items.shift();
          }
          if (!item) done();
        },
      };
      const read: autocannon.Request = {
        setupRequest(req) {
          sent = 'read';
          const input = encodeURIComponent(JSON.stringify({ 0: { token: who.token } }));
          return { ...req, method: 'GET', path: `/trpc/annotate.batch?batch=1&input=${input}`, headers: {}, body: undefined };
        },
        onResponse(status, body) {
          lastResponse = performance.now();
          const items = (JSON.parse(body) as BatchReply)[0]?.result?.data?.items;
          if (status !== 200 || !items) {
            problems.push(`annotate.batch: HTTP ${status} ${body.slice(0, 300)}`);
            return done();
          }
          const open = items.find((i) => i.status === 'open');
          item = open && { assignmentId: open.assignmentId, task: open.question.task };
          if (item) return;
          const nextOne = queue.shift();
          if (nextOne) who = nextOne;
          else done();
        },
      };
      client.setRequests(flow === 'submit' ? [submit] : [read, submit]);
      client.on('response', (_status: number, _bytes: number, ms: number) => {
        if (sent === 'submit') result.submitMs.push(ms);
        else result.readMs.push(ms);
      });
    },
  });
  const totals = await instance;
  result.seconds = (lastResponse - t0) / 1000;
  result.cpuMsPerSubmit = (cpuMs(target.child) - cpu0) / result.submits;
  if (totals.errors || totals.timeouts || totals.non2xx) problems.push(`autocannon: ${totals.errors} errors, ${totals.timeouts} timeouts, ${totals.non2xx} non-2xx responses`);
  if (problems.length > 0) fail(`${target.name}: ${problems.length} failed request(s), first: ${problems[0]}`);
  return result;
}

/** CPU time (user + system, all threads) a child process has used so far, in ms; NaN off Linux. */
function cpuMs(child: ChildProcess): number {
  try {
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

interface Options {
  rounds: number;
  flow: Flow;
  parent: string;
  profileDir: string | undefined;
  isLoopbackPool: boolean;
  serverRoot: string;
}

async function measureSize(n: number, { rounds, flow, parent, profileDir, isLoopbackPool, serverRoot }: Options): Promise<{ server: RoundResult[]; floor: RoundResult[] }> {
  const dir = fs.mkdtempSync(path.join(parent, 'bopask-bench-load-'));
  const t = performance.now();
  const server = await startServer(dir, n, profileDir, isLoopbackPool, serverRoot);
  const floor = await startFloor(dir, n);
  console.log(`${fmt(n)} questions: seeded both databases and started both servers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const out = { server: [] as RoundResult[], floor: [] as RoundResult[] };
  try {
    // A short round each first, not reported: the first thousand requests run cold (JIT, caches).
    for (const target of [server, floor]) await runRound(target, await target.startBatches(rounds, flow === 'submit', WARM_UP), flow);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [server, floor] : [floor, server];
      for (const target of order) {
        const contributors = await target.startBatches(round, flow === 'submit');
        const tokens = contributors.map((c) => c.token);
        const before = target.storedResponses();
        const r = await runRound(target, contributors, flow);
        const stored = target.storedResponses() - before;
        if (stored !== r.submits) fail(`${target.name}: ${r.submits} submits acknowledged but ${stored} responses stored`);
        const open = target.openItems(tokens);
        if (open !== 0) fail(`${target.name}: ${open} item(s) of this round's batches still open after the round`);
        if (r.submits < CONTRIBUTORS) fail(`${target.name}: only ${r.submits} submits in a round of ${CONTRIBUTORS} batches`);
        out[target.name].push(r);
        console.log(
          `  round ${round + 1} ${target.name.padEnd(6)}: ${fmt(r.submits / r.seconds)} submits/s (${r.submits} in ${r.seconds.toFixed(2)} s, ${r.cpuMsPerSubmit.toFixed(3)} ms CPU each), ` +
            `submit p50 ${quantile(r.submitMs, 0.5).toFixed(1)} ms p99 ${quantile(r.submitMs, 0.99).toFixed(1)} ms` +
            (r.readMs.length ? `; read p50 ${quantile(r.readMs, 0.5).toFixed(1)} ms p99 ${quantile(r.readMs, 0.99).toFixed(1)} ms` : ''),
        );
      }
    }
  } finally {
    await Promise.all([server, floor].map((s) => new Promise<void>((r) => (s.child.exitCode !== null ? r() : (s.child.once('exit', () => r()), s.child.kill('SIGINT'))))));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '720,100000' }, rounds: { type: 'string', default: '3' }, profile: { type: 'string' }, dir: { type: 'string', default: os.tmpdir() }, flow: { type: 'string', default: 'submit' }, 'server-root': { type: 'string', default: '.' } } });
  const flow = values.flow as Flow;
  if (flow !== 'submit' && flow !== 'page') fail(`--flow is submit or page, got ${values.flow}`);
  const sizes = values.sizes.split(',').map(Number);
  const rounds = Number(values.rounds);
  if (sizes.some((s) => !Number.isInteger(s) || s < TASKS.length) || !(rounds >= 1)) fail(`--sizes wants question counts ≥ ${TASKS.length}, --rounds a count ≥ 1`);
  const profileDir = values.profile ? path.resolve(values.profile) : undefined;
  const isLoopbackPool = await canUseLoopbackAddresses();
  console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores); ${CONTRIBUTORS} contributors over ${CONNECTIONS} connections; ` +
    (isLoopbackPool ? 'each contributor starts from its own 127.0.x.y address (default new-batch limit)' : `one loopback address: NEW_BATCHES_PER_ADDRESS=${CONTRIBUTORS * 10}`));
  let isMet = true;
  for (const n of sizes) {
    const { server, floor } = await measureSize(n, { rounds, flow, parent: values.dir, profileDir, isLoopbackPool, serverRoot: path.resolve(values['server-root']) });
    const rate = (rs: RoundResult[]) => rs.map((r) => r.submits / r.seconds);
    const p99 = (rs: RoundResult[]) => rs.map((r) => quantile(r.submitMs, 0.99));
    const ratios = server.map((s, i) => s.submits / s.seconds / (floor[i].submits / floor[i].seconds));
    const range = (xs: number[], d = 0) => `${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)}`;
    const cpu = (rs: RoundResult[]) => rs.map((r) => r.cpuMsPerSubmit);
    console.log(
      `${fmt(n)} questions: server ${range(rate(server))} submits/s, p99 ${range(p99(server), 1)} ms, ${range(cpu(server), 3)} ms CPU each; ` +
        `floor ${range(rate(floor))} /s, p99 ${range(p99(floor), 1)} ms, ${range(cpu(floor), 3)} ms CPU each; rate ratio ${range(ratios, 2)}`,
    );
    if (Math.min(...ratios) < GOAL_RATIO || Math.max(...p99(server)) >= GOAL_P99_MS) isMet = false;
  }
  if (startTimes.length) console.log(`annotate.start over HTTP: p50 ${quantile(startTimes, 0.5).toFixed(1)} ms, max ${Math.max(...startTimes).toFixed(1)} ms over ${startTimes.length} starts`);
  if (profileDir) summarizeProfiles(profileDir);
  console.log(isMet ? `goal met: ≥ ${GOAL_RATIO * 100}% of the floor's rate and submit p99 < ${GOAL_P99_MS} ms in every round` : `goal missed in some round (≥ ${GOAL_RATIO * 100}% of the floor, p99 < ${GOAL_P99_MS} ms): see above`);
}

if (process.argv.includes('--floor')) floorMain(process.argv[process.argv.indexOf('--floor') + 1]);
else await main();

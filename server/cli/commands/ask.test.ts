// oxlint-disable typescript/no-explicit-any -- the test reads the JSON lines and replies the command wrote, whatever their shape
/**
 * `bopask ask` against a real OpenAI-compatible server on loopback (server/testing/chatServer.ts, its own
 * process): what arrives, 429/500/timeout/malformed replies, a server killed half-way and `--resume`,
 * `--retry-failed`, `--max-image-side`; then `bopask score` and the app's import read the output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../shared/tasks';
import { generateDataset } from '../../pipeline/generate';
import { synthesizeInto } from '../../pipeline/synth';

const KEY = 'sk-test-9f3c1e77a2';
let root: string;
let dataset: string;
let lines: Record<string, any>[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bopask-ask-'));
  await synthesizeInto(join(root, 'bop'), { scenes: 2, seed: 3, jobs: 1 });
  const r = await generateDataset({ bop: join(root, 'bop'), out: join(root, 'data'), seed: 3, maxPerImage: 7, jobs: 1 });
  dataset = r.datasetPath;
  lines = readFileSync(dataset, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const servers: ChildProcess[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill('SIGKILL');
});

interface Server {
  url: string;
  proc: ChildProcess;
  record: string;
  requests: () => Record<string, any>[];
  /** Resolves once the server has answered `n` requests. */
  answered: (n: number) => Promise<void>;
}

let serial = 0;
async function startServer(config: Record<string, unknown> = {}): Promise<Server> {
  const record = join(root, `record-${++serial}.jsonl`);
  const cfg = join(root, `server-${serial}.json`);
  writeFileSync(cfg, JSON.stringify({ dataset, record, retryAfterS: 1, hangMs: 9000, ...config }));
  const proc = spawn('node', ['--import', 'tsx', 'server/testing/chatServer.ts', cfg], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(proc);
  let out = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  const count = () => (out.match(/^request \d+$/gm) ?? []).length;
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) if (count() >= w.n) w.resolve();
  });
  const port = await new Promise<string>((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`chat server exited (${code})`)));
    const poll = setInterval(() => {
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearInterval(poll);
        resolve(m[1]);
      }
    }, 20);
  });
  return {
    url: `http://127.0.0.1:${port}/v1`, proc, record,
    requests: () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    answered: (n) => new Promise((resolve) => (count() >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bopask(args: string[], env: Record<string, string | undefined> = { TEST_KEY: KEY }): Promise<Run> & { proc: ChildProcess } {
  const proc = spawn('node', ['bin/bopask.js', ...args], { env: { ...process.env, OPENAI_API_KEY: undefined, ...env } });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const p = new Promise<Run>((resolve) => proc.on('close', (status) => resolve({ status, stdout, stderr }))) as Promise<Run> & { proc: ChildProcess };
  p.proc = proc;
  return p;
}

const askArgs = (server: Server, out: string, ...more: string[]) => [
  'ask', '--dataset', dataset, '--endpoint', server.url, '--model', 'test-vlm', '--api-key-env', 'TEST_KEY',
  '--out', out, '--concurrency', '3', '--timeout-ms', '3000', '--retries', '2', ...more,
  // 3 s: far above an answer's time even on loaded cores, so only the 'hang' fault times out.
];
const readOut = (p: string) => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const score = async (preds: string) => {
  const r = await bopask(['score', '--dataset', dataset, '--predictions', preds, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).rows[0] as Record<string, any>;
};

describe('bopask ask', () => {
  it('sends each question and image intact, retries 429/500/timeouts, writes failures as unreadable outputs; --retry-failed fixes them', async () => {
    const ids = lines.map((l) => l.id as string);
    const faults = { [ids[0]]: ['429', 'ok'], [ids[1]]: ['500', 'ok'], [ids[2]]: ['hang', 'ok'], [ids[3]]: ['malformed'], [ids[4]]: ['500'] };
    const server = await startServer({ faults });
    const out = join(root, 'faults.jsonl');
    const r = await bopask(askArgs(server, out));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);

    const reqs = server.requests();
    for (const q of reqs) {
      const line = lines.find((l) => l.id === q.id)!;
      expect(q.text).toBe(line.question);
      expect(q.image_sha256).toBe(sha(join(root, 'data', line.image)));
      expect([q.mime, q.url, q.model, q.authorization]).toEqual(['image/png', '/v1/chat/completions', 'test-vlm', `Bearer ${KEY}`]);
    }
    const of = (id: string) => reqs.filter((q) => q.id === id);
    expect(of(ids[0]).map((q) => q.action)).toEqual(['429', 'ok']);
    expect(of(ids[0])[1].at_ms - of(ids[0])[0].at_ms).toBeGreaterThanOrEqual(900); // Retry-After: 1
    expect(of(ids[1]).map((q) => q.action)).toEqual(['500', 'ok']);
    expect(of(ids[2]).map((q) => q.action)).toEqual(['hang', 'ok']);
    expect(of(ids[3]).map((q) => q.action)).toEqual(['malformed']);
    expect(of(ids[4]).map((q) => q.action)).toEqual(['500', '500', '500']);
    expect(of(ids[4]).map((q) => q.retry_count)).toEqual(['0', '1', '2']);
    for (const id of ids.slice(5)) expect(of(id)).toHaveLength(1);

    const got = readOut(out);
    expect(got.map((l) => l.id).sort()).toEqual([...ids].sort());
    const byId = new Map(got.map((l) => [l.id, l]));
    expect(byId.get(ids[3])).toMatchObject({ source: 'test-vlm', output: null, error: expect.stringMatching(/^malformed response/) });
    expect(byId.get(ids[4])).toMatchObject({ output: null, error: expect.stringMatching(/^HTTP 500 after 2 retries/) });
    for (const l of lines.filter((x) => ![ids[3], ids[4]].includes(x.id))) {
      const a = parseAnswer(l.task, byId.get(l.id)!.output);
      expect(a.ok && a.answer).toEqual(parseAnswer(l.task, l.answer).ok && (parseAnswer(l.task, l.answer) as any).answer);
    }
    const okReqs = reqs.filter((q) => q.action === 'ok');
    const promptTokens = okReqs.reduce((s, q) => s + 1000 + q.text.length, 0);
    expect(r.stderr).toContain(`${ids.length - 2} answered, 2 failed (`);
    expect(r.stderr).toMatch(/malformed response ×1/);
    expect(r.stderr).toMatch(/HTTP 500 ×1/);
    expect(r.stderr).toContain(`tokens: ${promptTokens} prompt`);
    expect(r.stderr).toMatch(new RegExp(`\\[#+\\] ${ids.length}/${ids.length} 100% [\\d.]+ q/s ETA 0s, 2 failed`));
    expect(r.stderr + readFileSync(out, 'utf8')).not.toContain(KEY);

    // score and the app's import read it: the two failures are invalid, the rest perfect.
    const row = await score(out);
    const invalid = Object.values(row.counts as Record<string, { invalid: number }>).reduce((s, c) => s + c.invalid, 0);
    expect(invalid).toBe(2);
    const env = { IMAGES_DIR: join(root, 'images'), DATABASE_PATH: join(root, 'app.sqlite') };
    expect((await bopask(['import', '--dataset', dataset], env)).status).toBe(0);
    const imp = await bopask(['import-predictions', '--predictions', out], env);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toContain(`imported ${ids.length} answer(s) from test-vlm`);
    expect(imp.stdout).toContain('2 unreadable');

    // --resume alone asks nothing more; --resume --retry-failed asks only the two failed ones.
    const again = await bopask(askArgs(server, out, '--resume'));
    expect(again.status, again.stderr).toBe(0);
    expect(server.requests()).toHaveLength(reqs.length);
    const healthy = await startServer();
    const retry = await bopask(askArgs(healthy, out, '--resume', '--retry-failed'));
    expect(retry.status, retry.stderr).toBe(0);
    expect(healthy.requests().map((q) => q.id).sort()).toEqual([ids[3], ids[4]].sort());
    const fixed = readOut(out);
    expect(fixed.map((l) => l.id).sort()).toEqual([...ids].sort());
    expect(fixed.filter((l) => 'error' in l)).toEqual([]);
    expect(readdirSync(root).filter((f) => f.startsWith('faults.jsonl.tmp'))).toEqual([]);
    const perfect = await score(out);
    expect(perfect.spatial_sr ?? 100).toBe(100);
    expect(perfect.depth_sr ?? 100).toBe(100);
    expect(perfect.pose_iou3d ?? 100).toBeGreaterThan(99.9);
  }, 120_000);

  it('stops when the server is killed half-way, leaving a valid file; --resume asks only the rest', async () => {
    const server = await startServer();
    const out = join(root, 'killed.jsonl');
    const run = bopask(askArgs(server, out, '--concurrency', '2', '--retries', '1'));
    const half = Math.floor(lines.length / 2);
    await server.answered(half);
    server.proc.kill('SIGKILL');
    const r = await run;
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bopask: UPSTREAM: cannot reach http:\/\/127\.0\.0\.1:\d+\/v1 after 1 retry/);
    const first = readOut(out);
    expect(first.length).toBeGreaterThanOrEqual(half);
    expect(first.length).toBeLessThan(lines.length);
    expect(new Set(first.map((l) => l.id)).size).toBe(first.length);
    expect(first.filter((l) => 'error' in l)).toEqual([]);

    const second = await startServer();
    const resumed = await bopask(askArgs(second, out, '--resume'));
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`(${first.length} of ${lines.length} already in ${out})`);
    const asked = second.requests().map((q) => q.id);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.sort()).toEqual(lines.map((l) => l.id).filter((id) => !first.some((l) => l.id === id)).sort());
    const all = readOut(out);
    expect(all.map((l) => l.id).sort()).toEqual(lines.map((l) => l.id).sort());
  }, 120_000);

  it('--max-image-side sends a smaller image with the limits rewritten, and scales the points back', async () => {
    const server = await startServer();
    const out = join(root, 'small.jsonl');
    const r = await bopask(askArgs(server, out, '--max-image-side', '640'));
    expect(r.status, r.stderr).toBe(0);
    const [w, h] = [lines[0].width as number, lines[0].height as number];
    const [sw, sh] = [640, Math.round((h * 640) / w)];
    for (const q of server.requests()) {
      expect([q.image_width, q.image_height]).toEqual([sw, sh]);
      const line = lines.find((l) => l.id === q.id)!;
      if (/between \(0, \d+\)/.test(line.question)) {
        expect(q.text).toContain(`between (0, ${sw}) and y coordinate should be between (0, ${sh})`);
        expect(q.text).toBe(line.question.replace(`(0, ${w})`, `(0, ${sw})`).replace(`(0, ${h})`, `(0, ${sh})`));
      } else {
        expect(q.text).toBe(line.question);
      }
    }
    const got = readOut(out);
    const pose = got.find((l) => lines.find((x) => x.id === l.id)!.task === 'pose')!;
    expect(pose.sent_size).toEqual([sw, sh]);
    expect(pose.raw_output).not.toBe(pose.output);
    const row = await score(out);
    expect(row.pose_iou3d).toBeGreaterThan(99);
    expect(row.spatial_sr ?? 100).toBe(100);
    if (row.traj_dist !== null) expect(row.traj_dist).toBeLessThan(0.5);
    if (row.grasp_nce !== null) expect(row.grasp_nce).toBeLessThan(0.01);
  }, 120_000);

  it('refuses bad input with the reason and writes nothing', async () => {
    const out = join(root, 'never.jsonl');
    const base = ['ask', '--dataset', dataset, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', out];
    const noKey = await bopask(base, {});
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('the environment variable OPENAI_API_KEY is not set');
    const badUrl = await bopask(['ask', '--dataset', dataset, '--endpoint', 'localhost:8000', '--model', 'm', '--out', out], { OPENAI_API_KEY: 'x' });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/--endpoint: expected an http:\/\/ or https:\/\/ URL/);
    const keyArg = await bopask([...base, '--api-key=sk-live-secret'], { OPENAI_API_KEY: 'x' });
    expect(keyArg.status).toBe(2);
    expect(keyArg.stderr).toContain('read only from the environment');
    expect(keyArg.stderr).not.toContain('sk-live-secret');
    const bad = join(root, 'data', 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(lines[0])}\n{"id": "x", "task": "pose"}\n`);
    const badLine = await bopask(['ask', '--dataset', bad, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', out], { OPENAI_API_KEY: 'x' });
    expect(badLine.status).toBe(2);
    expect(badLine.stderr).toContain(`${bad}:2: field `);
    expect(existsSync(out)).toBe(false);
    const other = join(root, 'other.jsonl');
    writeFileSync(other, JSON.stringify({ id: lines[0].id, source: 'someone-else', output: 'Yes' }) + '\n');
    const exists = await bopask([...base.slice(0, -1), other], { OPENAI_API_KEY: 'x' });
    expect(exists.status).toBe(2);
    expect(exists.stderr).toContain('exists: --resume continues it');
    const foreign = await bopask([...base.slice(0, -1), other, '--resume'], { OPENAI_API_KEY: 'x' });
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain(`${other}:1: field source: 'someone-else', but this run writes 'm'`);
  }, 60_000);
});

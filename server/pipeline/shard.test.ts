import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from './generate';
import { mergeShards } from './merge';
import { parseShard, shardRange } from './shard';
import { synthesizeInto } from './synth';

const SCENES = 5;
let root: string;
let bop: string;
let single: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bopask-shard-'));
  bop = join(root, 'bop');
  await synthesizeInto(bop, { scenes: SCENES, seed: 3, jobs: 1 });
  single = join(root, 'single');
  await generateDataset({ bop, out: single, seed: 3, maxPerImage: 30, jobs: 1 });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function expectSameTree(a: string, b: string): void {
  const [fa, fb] = [files(a), files(b)];
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  for (const [path, bytes] of fa) expect(fb.get(path)!.equals(bytes), path).toBe(true);
}

const bopask = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('node', ['bin/bopask.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('--shard specs', () => {
  it('reads I/N, Slurm arrays (also 1-based and stepped) and Kubernetes Indexed Jobs', () => {
    expect(parseShard('2/4', undefined, {})).toEqual({ index: 2, count: 4 });
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 3, count: 8 });
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 7, count: 8 });
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '3' })).toEqual({ index: 2, count: 3 });
    expect(parseShard('auto', '16', { JOB_COMPLETION_INDEX: '15' })).toEqual({ index: 15, count: 16 });
  });

  it('refuses bad specs with the reason', () => {
    expect(() => parseShard('4/4', undefined, {})).toThrow(/0-based, 0 to 3/);
    expect(() => parseShard('1-4', undefined, {})).toThrow(/expected I\/N/);
    expect(() => parseShard('0/0', undefined, {})).toThrow(/at least 1/);
    expect(() => parseShard('auto', undefined, {})).toThrow(/neither \$SLURM_ARRAY_TASK_ID/);
    expect(() => parseShard('auto', undefined, { JOB_COMPLETION_INDEX: '2' })).toThrow(/--shards N/);
    expect(() => parseShard('auto', '2', { JOB_COMPLETION_INDEX: '2' })).toThrow(/out of range/);
    expect(() => parseShard('auto', '3', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/disagrees/);
    expect(() => parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/'x'/);
  });

  it('splits the scenes into contiguous blocks that cover each scene once', () => {
    for (const scenes of [0, 1, 5, 17, 1000]) {
      for (const count of [1, 2, 3, 4, 7, 64]) {
        const ranges = Array.from({ length: count }, (_, index) => shardRange(scenes, { index, count }));
        expect(ranges[0][0]).toBe(0);
        expect(ranges[count - 1][1]).toBe(scenes);
        for (let i = 1; i < count; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
        const sizes = ranges.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('generate --shard and merge', () => {
  it.each([1, 3, 4])('merges %i shard(s) into exactly the single run', async (count) => {
    const dirs: string[] = [];
    for (let index = 0; index < count; index++) {
      const dir = join(root, `n${count}`, `shard-${index}`);
      await generateDataset({ bop, out: dir, seed: 3, maxPerImage: 30, jobs: 1, shard: { index, count } });
      expect(existsSync(join(dir, 'shard.json'))).toBe(true);
      dirs.push(dir);
    }
    const merged = join(root, `n${count}`, 'merged');
    const r = mergeShards(merged, [...dirs].reverse());
    expect(r.shards).toBe(count);
    expectSameTree(single, merged);
    expect(r.questions).toBe(readFileSync(join(single, 'dataset.jsonl'), 'utf8').trim().split('\n').length);
  }, 120_000);

  it('runs from the command line with --shard auto (Slurm and Kubernetes), and merge refuses a missing, repeated or foreign shard', () => {
    const dir = (i: number) => join(root, 'cli', `s${i}`);
    const slurm = (i: number) => ({ SLURM_ARRAY_TASK_ID: String(i + 1), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' });
    for (let i = 0; i < 3; i++) {
      const env = i === 2 ? { JOB_COMPLETION_INDEX: '2' } : slurm(i);
      const extra = i === 2 ? ['--shards', '3'] : [];
      const r = bopask(['generate', '--bop', bop, '--out', dir(i), '--seed', '3', '--max-per-image', '30', '--jobs', '1', '--shard', 'auto', ...extra], env);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`(shard ${i}/3)`);
    }
    const out = join(root, 'cli', 'merged');
    const missing = bopask(['merge', out, dir(0), dir(2)]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing shard(s) 1/3');
    const twice = bopask(['merge', out, dir(0), dir(1), dir(1), dir(2)]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 1\/3 given twice/);
    const foreign = join(root, 'cli', 'other-seed');
    expect(bopask(['generate', '--bop', bop, '--out', foreign, '--seed', '4', '--max-per-image', '30', '--jobs', '1', '--shard', '1/3']).status).toBe(0);
    const mixed = bopask(['merge', out, dir(0), foreign, dir(2)]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('not shards of one run');
    expect(existsSync(out)).toBe(false);
    const ok = bopask(['merge', out, dir(0), dir(1), dir(2)]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`${join(out, 'dataset.jsonl')}\n`);
    expectSameTree(single, out);
  }, 120_000);

  it('refuses a truncated shard and a bad --shard, writing nothing', () => {
    const dir = join(root, 'cli', 's1');
    const cut = join(root, 'cut');
    const text = readFileSync(join(dir, 'dataset.jsonl'), 'utf8');
    rmSync(cut, { recursive: true, force: true });
    expect(bopask(['generate', '--bop', bop, '--out', cut, '--seed', '3', '--max-per-image', '30', '--jobs', '1', '--shard', '1/3']).status).toBe(0);
    writeFileSync(join(cut, 'dataset.jsonl'), text.slice(0, text.indexOf('\n') + 1));
    const r = bopask(['merge', join(root, 'cut-merged'), join(root, 'cli', 's0'), cut, join(root, 'cli', 's2')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1 line\(s\), but shard.json says \d+/);
    expect(existsSync(join(root, 'cut-merged'))).toBe(false);
    const bad = bopask(['generate', '--bop', bop, '--out', join(root, 'bad'), '--shard', '3/3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('0-based, 0 to 2');
    expect(existsSync(join(root, 'bad'))).toBe(false);
  }, 60_000);
});

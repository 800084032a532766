import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../../shared/errors';
import { generateDataset } from '../generate';
import { synthesizeInto } from '../synth';
import { runOrdered } from './pool';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bopask-jobs-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir`, by relative path, with its bytes. */
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

function expectSameFiles(a: string, b: string): void {
  const [fa, fb] = [files(a), files(b)];
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  for (const [path, bytes] of fa) expect(fb.get(path)!.equals(bytes), path).toBe(true);
}

describe('--jobs', () => {
  it('gives byte-identical scenes and questions with 1 and 2 threads (worker threads run under vitest)', async () => {
    for (const jobs of [1, 2]) {
      await synthesizeInto(join(root, `j${jobs}`, 'bop'), { scenes: 3, seed: 3, jobs });
      await generateDataset({ bop: join(root, `j${jobs}`, 'bop'), out: join(root, `j${jobs}`, 'out'), seed: 3, maxPerImage: 30, jobs });
    }
    expectSameFiles(join(root, 'j1', 'bop'), join(root, 'j2', 'bop'));
    expectSameFiles(join(root, 'j1', 'out'), join(root, 'j2', 'out'));
    expect(readFileSync(join(root, 'j2', 'out', 'dataset.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(30);
  }, 60_000);

  it('runs worker threads from the bopask command too', () => {
    execFileSync('node', ['bin/bopask.js', 'synth', '--scenes', '2', '--seed', '3', '--jobs', '2', '--out', join(root, 'cli')], { stdio: 'pipe' });
    const fromApi = files(join(root, 'j1', 'bop'));
    const fromCli = files(join(root, 'cli'));
    expect(fromCli.size).toBeGreaterThan(10);
    for (const [path, bytes] of fromCli) expect(bytes.equals(fromApi.get(path)!), path).toBe(true);
  }, 60_000);

  it('passes a worker\'s BadInputError through with its message', async () => {
    const task = { kind: 'build-frame' as const, bop: join(root, 'missing'), split: 'test', seed: 1, frame: {} as never };
    await expect(runOrdered([task, task, task], 2, () => {})).rejects.toThrow(BadInputError);
    await expect(runOrdered([task], 2, () => {})).rejects.toThrow(/no such directory/);
  }, 30_000);
});

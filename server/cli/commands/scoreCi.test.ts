import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { streamSeed } from '../../../shared/metrics/bootstrap';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => path.join(repo, 'server/cli/fixtures/score', name);
const bopask = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), 'score', '--dataset', fixture('dataset.jsonl'), '--predictions', fixture('predictions.jsonl'), ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Percentile bootstrap of the mean of `values`, written here apart from the app's code (numpy type-7 quantiles). */
function independent(values: number[], seed: number, resamples: number) {
  const rng = xoroshiro128plus(streamSeed(seed, 'Human', 'spatial'));
  const means = Array.from({ length: resamples }, () => values.reduce((s) => s + values[uniformInt(rng, 0, values.length - 1)], 0) / values.length);
  means.sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (means.length - 1) * p, lo = Math.floor(h);
    return means[lo] + (h - lo) * (means[Math.min(lo + 1, means.length - 1)] - means[lo]);
  };
  return { lo: q(0.025), hi: q(0.975) };
}

describe('bopask score --ci', () => {
  it('prints the same intervals for the same seed, equal to an independent bootstrap', () => {
    const a = bopask('--ci', '--seed', '11', '--resamples', '300', '--format', 'json');
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = bopask('--ci', '--seed', '11', '--resamples', '300', '--format', 'json');
    expect(b.stdout).toBe(a.stdout);
    const { rows, statistics } = JSON.parse(a.stdout);
    const human = rows[0];
    // Human spatial per question, in id order: s1 = (Yes + No)/2 = 50 %, s2 = 100 %.
    const want = independent([50, 100], 11, 300);
    expect(human.ci.spatial_sr.n).toBe(2);
    expect(human.ci.spatial_sr.lo).toBeCloseTo(want.lo, 10);
    expect(human.ci.spatial_sr.hi).toBeCloseTo(want.hi, 10);
    expect(statistics.bootstrap).toEqual({ seed: 11, resamples: 300, level: 0.95 });
    // Grasp: annotators a and b, 10 px apart in 1000 px with a 20 px gripper: NCE 0.5 both ways.
    expect(statistics.human_tasks.grasp).toMatchObject({ questions: 1, answered: 1, responses: 2, contributors: 2, multiAnnotated: 1, multiShare: 1 });
    expect(statistics.human_tasks.grasp.agreement.value).toBeCloseTo(0.5, 12);
    // Spatial s1: Yes against No, one unit: alpha = 1 − 1·2/2 = 0.
    expect(statistics.human_tasks.spatial.agreement).toMatchObject({ value: 0, questions: 1 });
    // The unreadable GPT grasp: no interval for inf, no valid answer either.
    expect(rows[1].grasp_nce).toBe('inf');
    expect(rows[1].ci.grasp_nce).toEqual({ n: 1, lo: null, hi: null, valid_n: 0, valid_lo: null, valid_hi: null });
  });

  it('prints intervals in Markdown and LaTeX, as brackets or ±', () => {
    const md = bopask('--ci', '--resamples', '50');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| Human \| 100\.0 \[100\.0, 100\.0\] \|/);
    expect(md.stdout).toContain('50 resamples, seed 1');
    expect(md.stdout).toContain('GPT, Grasp NCE: inf; over valid answers –, 1 invalid.');
    const tex = bopask('--ci', '--resamples', '50', '--format', 'latex', '--ci-style', 'pm');
    expect(tex.stdout).toContain('Human & 100.0 {\\scriptsize $\\pm$ 0.0}');
  });

  it('refuses bad bootstrap options with exit 2 and prints nothing', () => {
    for (const args of [['--seed', '3'], ['--ci', '--resamples', '5'], ['--ci', '--seed', 'x'], ['--ci', '--ci-style', 'round']]) {
      const r = bopask(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--(seed|resamples|ci-style)/);
    }
  });
});

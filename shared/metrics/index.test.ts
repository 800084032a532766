import { normativePath } from '../../testdata/normative';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../tasks';
import type { Vec2 } from '../geometry/types';
import { scoreAnswer, scoreParsed, type ScorableItem } from '../tasks';

// The normative reference cases: ../shared/fixtures beside the repo, or their verbatim copy in testdata/.
// oxlint-disable-next-line typescript/no-explicit-any -- fixture JSON: each case's fields are read by name, as METRICS.md gives them
const fixtures: Record<string, Record<string, any>[]> = JSON.parse(
  readFileSync(normativePath('fixtures/metric-vectors.json'), 'utf8'),
);
const expected = (v: number | string) => (v === 'inf' ? Infinity : (v as number));
function expectClose(actual: number | undefined, want: number | string, tol: number) {
  const w = expected(want);
  if (!Number.isFinite(w)) expect(actual).toBe(w);
  else expect(Math.abs((actual as number) - w)).toBeLessThanOrEqual(tol);
}

describe('scoreParsed: fixture cases', () => {
  for (const c of fixtures.grasp) {
    it(c.name, () => {
      const [gt, ...alternatives] = (c.gt as Vec2[][]).map((points): Answer => ({ task: 'grasp', points }));
      const item: ScorableItem = { task: 'grasp', width: c.width, height: c.height, gt, alternatives };
      expectClose(scoreParsed(item, { task: 'grasp', points: c.pred }).nce, c.nce, c.tolerance);
    });
  }
  for (const c of fixtures.trajectory) {
    it(c.name, () => {
      const item: ScorableItem = {
        task: 'trajectory', width: c.width, height: c.height, gt: { task: 'trajectory', points: c.gt }, alternatives: [],
        source_region: c.source_region, target_region: c.target_region,
      };
      // A 1-point prediction is not a valid trajectory answer: score it through the parser.
      const s = scoreAnswer(item, c.pred);
      expect(s.success).toBe(c.success ? 1 : 0);
      expectClose(s.dist, c.dist, c.tolerance);
    });
  }
  for (const c of fixtures.rearrangement) {
    it(c.name, () => {
      const item: ScorableItem = {
        task: 'rearrangement', width: c.width, height: c.height, gt: { task: 'rearrangement', points: c.gt },
        alternatives: [], regions: c.regions,
      };
      // An empty prediction is invalid (≥ 1 marker); invalid scores recall 0 and precision 0, as the case expects.
      const s = scoreAnswer(item, c.pred);
      expectClose(s.recall, c.recall, c.tolerance);
      expectClose(s.precision, c.precision, c.tolerance);
    });
  }
  for (const c of fixtures.binary) {
    it(`binary ${JSON.stringify(c.gt)} vs ${JSON.stringify(c.pred)}`, () => {
      const gt = c.gt.toLowerCase() === 'yes';
      const item: ScorableItem = { task: 'spatial', width: 1, height: 1, gt: { task: 'spatial', value: gt }, alternatives: [] };
      expect(scoreAnswer(item, c.pred)).toEqual({ valid: c.valid, correct: c.correct ? 1 : 0 });
    });
  }
});

describe('scoreAnswer: invalid answers score the worst case', () => {
  const base = { width: 1280, height: 720, alternatives: [] };
  it.each([
    [{ ...base, task: 'pose', gt: { task: 'pose', points: Array(8).fill([1, 1]) } }, { valid: false, iou3d: null, iou2d: 0 }],
    [{ ...base, task: 'grasp', gt: { task: 'grasp', points: [[0, 0], [1, 0], [2, 0], [1, 1], [2, 1]] } }, { valid: false, nce: Infinity }],
    [{ ...base, task: 'trajectory', gt: { task: 'trajectory', points: [[0, 0], [1, 1]] } }, { valid: false, success: 0, dist: Infinity }],
    [{ ...base, task: 'rearrangement', gt: { task: 'rearrangement', points: [[0, 0]] } }, { valid: false, recall: 0, precision: 0 }],
    [{ ...base, task: 'depth', gt: { task: 'depth', value: false } }, { valid: false, correct: 0 }],
  ] as [ScorableItem, object][])('%#', (item, want) => {
    expect(scoreAnswer(item, 'I cannot tell')).toEqual(want);
  });
});

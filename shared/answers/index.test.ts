import { normativePath } from '../../testdata/normative';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatAnswer, parseAnswer, type Answer, type Task } from '../tasks';

// The normative reference cases: ../shared/fixtures beside the repo, or their verbatim copy in testdata/.
const fixtures: Record<string, Record<string, unknown>[]> = JSON.parse(
  readFileSync(normativePath('fixtures/metric-vectors.json'), 'utf8'),
);

describe('parseAnswer: fixture cases', () => {
  for (const c of fixtures.parse) {
    it(`${c.task}: ${String(c.raw).slice(0, 50)}`, () => {
      const r = parseAnswer(c.task as Task, c.raw);
      if (c.points === null) expect(r.ok).toBe(false);
      else expect(r.ok && 'points' in r.answer ? r.answer.points : r).toEqual(c.points);
    });
  }
  for (const c of fixtures.binary) {
    it(`spatial: ${JSON.stringify(c.pred)}`, () => {
      const gt = parseAnswer('spatial', c.gt);
      const r = parseAnswer('spatial', c.pred);
      expect(r.ok).toBe(c.valid);
      if (r.ok && gt.ok && 'value' in r.answer && 'value' in gt.answer) {
        expect(r.answer.value === gt.answer.value).toBe(c.correct);
      }
    });
  }
});

describe('parseAnswer: other forms', () => {
  const eight = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]];
  it.each([
    ['fenced JSON array', '```json\n[[1,2],[3,4],[5,6],[7,8],[9,10],[11,12],[13,14],[15,16]]\n```'],
    ['bare list', '[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]]'],
    ['x/y objects', JSON.stringify(eight.map(([x, y]) => ({ x, y })))],
    ['points array', eight],
    ['object with bbox', { bbox: eight }],
    ['parentheses', '(1, 2) (3, 4) (5, 6) (7, 8) (9, 10) (11, 12) (13, 14) (15, 16)'],
  ])('pose from %s', (_name, raw) => {
    const r = parseAnswer('pose', raw);
    expect(r).toEqual({ ok: true, answer: { task: 'pose', points: eight } });
  });

  it('grasp as labelled JSON in any key order', () => {
    const raw = '{"right_finger_tip": [9, 10], "grasp_center": [1, 2], "left_finger_base": [3, 4], "right_finger_base": [5, 6], "left_finger_tip": [7, 8]}';
    expect(parseAnswer('grasp', raw)).toEqual({ ok: true, answer: { task: 'grasp', points: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]] } });
  });

  it('grasp with a label given twice is invalid', () => {
    const raw = 'Grasp center: [1, 2], Left finger base: [3, 4], Left finger base: [5, 6], Left finger tip: [7, 8], Right finger tip: [9, 10]';
    expect(parseAnswer('grasp', raw).ok).toBe(false);
  });

  it('rejects non-finite coordinates and wrong counts with a reason', () => {
    const r = parseAnswer('trajectory', '[[1e999, 2], [3, 4]]');
    expect(r).toEqual({ ok: false, reason: 'point 1 is not finite' });
    expect(parseAnswer('trajectory', [[1, 2]])).toEqual({ ok: false, reason: 'expected at least 2 path points, got 1' });
    expect(parseAnswer('rearrangement', '[object markers: []]').ok).toBe(false);
    expect(parseAnswer('pose', [[1, Number.NaN]]).ok).toBe(false);
  });

  it('yes/no from booleans and sentences', () => {
    expect(parseAnswer('depth', true)).toEqual({ ok: true, answer: { task: 'depth', value: true } });
    expect(parseAnswer('depth', 'Yes, it is farther.')).toEqual({ ok: true, answer: { task: 'depth', value: true } });
    expect(parseAnswer('depth', 'I do not know').ok).toBe(false);
  });
});

describe('formatAnswer', () => {
  const cases: Answer[] = [
    { task: 'pose', points: [[526, 498], [570, 484], [644, 439], [600, 454], [396, 261], [439, 238], [525, 207], [482, 230]] },
    { task: 'grasp', points: [[677, 349], [693, 367], [664, 332], [704, 407], [674, 370]] },
    { task: 'trajectory', points: [[1225, 821], [1076, 369]] },
    { task: 'rearrangement', points: [[865, 631], [1074, 938], [802, 808]] },
    { task: 'spatial', value: true },
    { task: 'depth', value: false },
  ];
  it('writes the paper forms', () => {
    expect(cases.map(formatAnswer)).toEqual([
      '"bbox": [[526, 498], [570, 484], [644, 439], [600, 454], [396, 261], [439, 238], [525, 207], [482, 230]]',
      '<points x="677" y="349">Grasp center</points><points x="693" y="367">Left finger base</points><points x="664" y="332">Right finger base</points><points x="704" y="407">Left finger tip</points><points x="674" y="370">Right finger tip</points>',
      '<points x="1225" y="821">point1</points><points x="1076" y="369">point2</points>',
      '[object markers: [865, 631], [1074, 938], [802, 808]]',
      'Yes',
      'No',
    ]);
  });
  it.each(cases)('round-trips $task', (a) => {
    expect(parseAnswer(a.task, formatAnswer(a))).toEqual({ ok: true, answer: a });
  });
});

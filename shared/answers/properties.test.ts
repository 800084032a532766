import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Vec2 } from '../geometry/types';
import { formatAnswer, parseAnswer, TASKS, type Answer } from '../tasks';

const coord = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const point = fc.tuple(coord, coord) as fc.Arbitrary<Vec2>;
const points = (min: number, max: number) => fc.array(point, { minLength: min, maxLength: max });

/** A random valid answer of every task, with the point counts METRICS.md allows. */
const answer: fc.Arbitrary<Answer> = fc.oneof(
  points(8, 8).map((p): Answer => ({ task: 'pose', points: p })),
  points(5, 5).map((p): Answer => ({ task: 'grasp', points: p })),
  points(2, 12).map((p): Answer => ({ task: 'trajectory', points: p })),
  points(1, 12).map((p): Answer => ({ task: 'rearrangement', points: p })),
  fc.boolean().map((v): Answer => ({ task: 'spatial', value: v })),
  fc.boolean().map((v): Answer => ({ task: 'depth', value: v })),
);

// -0 is written as 0 (formatNumber), which reads back as +0: compare numerically.
const normalise = (a: Answer) => JSON.parse(JSON.stringify(a)) as Answer;

describe('parsers: properties', () => {
  test.prop([fc.constantFrom(...TASKS), fc.string({ maxLength: 300 })])('never throw on arbitrary strings', (task, s) => {
    const r = parseAnswer(task, s);
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) expect(typeof r.reason).toBe('string');
  });

  test.prop([fc.constantFrom(...TASKS), fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true })])(
    'never throw on arbitrary values',
    (task, v) => {
      const r = parseAnswer(task, v);
      expect(typeof r.ok).toBe('boolean');
    },
  );

  test.prop([fc.constantFrom(...TASKS), fc.array(fc.oneof(fc.constantFrom('[', ']', '(', ')', ',', '<points x="1" y="2">', '</points>', 'Left finger base:', 'yes', 'no', '1e999', '-', '.'), fc.integer().map(String)), { maxLength: 40 }).map((a) => a.join(''))])(
    'never throw on point-like text',
    (task, s) => {
      expect(typeof parseAnswer(task, s).ok).toBe('boolean');
    },
  );

  test.prop([answer])('parse ∘ format is the identity for every task', (a) => {
    const r = parseAnswer(a.task, formatAnswer(a));
    expect(r.ok).toBe(true);
    if (r.ok) expect(normalise(r.answer)).toEqual(normalise(a));
  });
});

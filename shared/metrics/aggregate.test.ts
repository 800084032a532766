import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Task } from '../tasks';
import { compareSources, ExactSum, meanRow, QuestionAccumulator, TableAggregator } from './aggregate';
import type { Scores } from './scores';

/** Doubles m·2^k with |m| < 2^53 and k in [−60, 20]: their exact sum is a BigInt over 2^60. */
const dyadic = fc.tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: -60, max: 20 })).map(([m, k]) => m * 2 ** k);
function exactReference(xs: number[]): number {
  let s = 0n;
  for (const x of xs) s += BigInt(x * 2 ** 60); // exact: x·2^60 is an integer below 2^133
  return Number(s) * 2 ** -60; // Number(BigInt) rounds to nearest, ties to even; the scaling is exact
}

describe('ExactSum', () => {
  test.prop([fc.array(dyadic, { maxLength: 60 })], { numRuns: 2000 })('is the correctly rounded exact sum', (xs) => {
    const s = new ExactSum();
    for (const x of xs) s.add(x);
    expect(Object.is(s.value(), exactReference(xs) + 0)).toBe(true);
  });

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 }), fc.integer()], { numRuns: 1000 })(
    'does not depend on the order of additions and removals',
    (kept, removed, seed) => {
      const a = new ExactSum();
      for (const x of kept) a.add(x);
      // b: everything in another order, with the removed values added and removed again in between.
      const ops = [...kept.map((x) => ['add', x] as const), ...removed.flatMap((x) => [['add', x], ['remove', x]] as const)];
      let r = seed;
      for (let i = ops.length - 1; i > 0; i--) {
        r = (r * 1103515245 + 12345) & 0x7fffffff;
        const j = r % (i + 1);
        [ops[i], ops[j]] = [ops[j], ops[i]];
      }
      // A removal may come before its addition in the shuffle: apply additions of removed values first.
      const b = new ExactSum();
      for (const x of removed) b.add(x);
      for (const [op, x] of ops) if (op === 'add') b.add(x);
      for (const x of removed) b.remove(x);
      for (const x of removed) b.remove(x);
      expect(Object.is(a.value() + 0, b.value() + 0)).toBe(true);
    },
  );

  it('counts infinities apart and refuses what is not a score', () => {
    const s = new ExactSum();
    s.add(1e300); s.add(Infinity); s.add(-1e300);
    expect(s.value()).toBe(Infinity);
    s.remove(Infinity);
    expect(s.value()).toBe(0);
    expect(() => s.add(Number.NaN)).toThrow(RangeError);
    expect(() => s.remove(Infinity)).toThrow(RangeError);
    const t = new ExactSum();
    for (const x of [0.1, 0.2, 0.3, -0.6]) t.add(x);
    expect(t.value()).toBe(exactReference([0.1, 0.2, 0.3, -0.6]));
  });
});

describe('TableAggregator', () => {
  const tasks: Task[] = ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'];
  const scoresFor = (task: Task, v: number, valid: boolean): Scores => {
    switch (task) {
      case 'pose': return { valid, iou3d: valid ? v : 0, iou2d: valid ? v / 2 : 0 };
      case 'grasp': return { valid, nce: valid ? v * 3 : Infinity };
      case 'trajectory': return { valid, success: valid && v > 0.5 ? 1 : 0, dist: valid ? v * 100 : Infinity };
      case 'rearrangement': return { valid, recall: valid ? v : 0, precision: valid ? v / 3 : 0 };
      default: return { valid, correct: valid && v > 0.3 ? 1 : 0 };
    }
  };
  const response = fc.record({
    q: fc.integer({ min: 0, max: 11 }),
    source: fc.constantFrom('Human', 'zeta', 'Alpha', 'beta-2', 'Ωmega'),
    v: fc.double({ min: 0, max: 1, noNaN: true }),
    valid: fc.boolean(),
  });
  test.prop([fc.array(response, { minLength: 1, maxLength: 80 }), fc.integer()], { numRuns: 300 })(
    'gives bit-identical rows, in one order, for the same responses in any order',
    (rs, seed) => {
      const table = (list: typeof rs) => {
        const agg = new TableAggregator();
        for (const r of list) agg.add({ questionId: `q${r.q}`, task: tasks[r.q % 6], source: r.source, scores: scoresFor(tasks[r.q % 6], r.v, r.valid) });
        return JSON.stringify(agg.rows(), (_k, v) => (v === Infinity ? 'inf' : v));
      };
      const shuffled = [...rs];
      let r = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        r = (r * 1103515245 + 12345) & 0x7fffffff;
        const j = r % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(table(shuffled)).toBe(table(rs));
    },
  );

  it('orders rows Human first, then by name', () => {
    expect(['zeta', 'Human', 'Alpha', 'beta'].sort(compareSources)).toEqual(['Human', 'Alpha', 'beta', 'zeta']);
  });

  it('reports the mean over valid answers beside inf (METRICS.md step 3)', () => {
    const agg = new TableAggregator();
    const add = (q: string, source: string, dist: number) => agg.add({ questionId: q, task: 'trajectory', source, scores: { valid: Number.isFinite(dist), success: 0, dist } });
    add('a', 'M', 10); add('a', 'M', Infinity); // per question: mean of its valid responses = 10
    add('b', 'M', 20); add('b', 'M', 40); // 30
    add('c', 'M', Infinity); // all invalid: left out of the valid mean, counted
    const [row] = agg.rows();
    expect(row.traj_dist).toBe('inf');
    expect(row.traj_dist_valid).toBe(20);
    expect(row.counts.trajectory).toEqual({ questions: 3, responses: 5, invalid: 2 });
  });
});

describe('QuestionAccumulator, stored and resumed', () => {
  const score = fc.oneof(dyadic, fc.constant(Infinity), fc.double({ min: 0, max: 1, noNaN: true }));
  const response = fc.record({ valid: fc.boolean(), dist: score, success: fc.constantFrom(0, 1), iou3d: fc.option(score, { nil: undefined }) }) as fc.Arbitrary<Scores>;
  test.prop([fc.array(response, { maxLength: 30 }), fc.array(response, { minLength: 1, maxLength: 5 })])(
    'gives, after more responses, the same means to the bit as one accumulator of them all',
    (before, after) => {
      const stored = new QuestionAccumulator('trajectory');
      for (const r of before) stored.add(r);
      const resumed = QuestionAccumulator.fromArray('trajectory', Float64Array.from(stored.toArray()));
      const fresh = new QuestionAccumulator('trajectory');
      for (const r of [...before, ...after]) fresh.add(r);
      for (const r of after) resumed.add(r);
      const [a, b] = [meanRow(resumed.mean()), meanRow(fresh.mean())];
      expect(a.length).toBe(b.length);
      a.forEach((x, i) => expect(Object.is(x, b[i]), `column ${i}: ${x} vs ${b[i]}`).toBe(true));
      expect([...resumed.toArray()]).toEqual([...fresh.toArray()]);
    },
  );

  it('refuses what it did not store', () => {
    const acc = new QuestionAccumulator('pose');
    acc.add({ valid: true, iou3d: 0.5, iou2d: 0.75 } as Scores);
    const good = acc.toArray();
    expect(QuestionAccumulator.fromArray('pose', good).mean()).toEqual(acc.mean());
    const spoilt = (at: number, v: number) => Float64Array.from(good, (x, i) => (i === at ? v : x));
    for (const bad of [new Float64Array(0), good.subarray(0, good.length - 1), Float64Array.from([...good, 0]), spoilt(0, -1), spoilt(1, 2), spoilt(2, 1.5), spoilt(4, NaN), spoilt(5, 99)]) {
      expect(() => QuestionAccumulator.fromArray('pose', bad)).toThrow(RangeError);
    }
  });
});

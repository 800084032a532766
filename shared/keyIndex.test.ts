import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keyIndex';

type Key = [string, string, string | undefined];
const key = fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom('Human', 'M-a', 'M-b', ' '), fc.option(fc.string({ maxLength: 3 }), { nil: undefined }));

/** A Map of joined strings: what the index replaces, and its reference. */
const ref = (k: Key) => JSON.stringify([k[0], k[1], k[2] ?? null]);

describe('KeyIndex', () => {
  test.prop([fc.array(fc.tuple(key, fc.nat()), { maxLength: 400 }), fc.array(key, { maxLength: 100 })])(
    'answers like a Map of joined strings, for stored and unknown keys',
    (writes, probes) => {
      for (const limits of [undefined, { ids: 3, sources: 2, annotators: 2 }]) {
        const index = new KeyIndex(limits);
        const map = new Map<string, number>();
        for (const [k, v] of writes) {
          index.set(...k, v);
          map.set(ref(k), v);
        }
        expect(index.size).toBe(map.size);
        for (const [k] of writes) expect(index.get(...k)).toBe(map.get(ref(k)));
        for (const k of probes) expect(index.get(...k)).toBe(map.get(ref(k)));
      }
    },
  );

  it('tells "no annotator" from an annotator named like anything else, and keeps 100,000 keys through its growth', () => {
    const index = new KeyIndex();
    index.set('q', 'Human', undefined, 1);
    index.set('q', 'Human', '', 2);
    index.set('q', 'Human', 'null', 3);
    expect([index.get('q', 'Human', undefined), index.get('q', 'Human', ''), index.get('q', 'Human', 'null')]).toEqual([1, 2, 3]);
    for (let i = 0; i < 100_000; i++) index.set(`q${i % 5000}`, `s${i % 3}`, `a${Math.floor(i / 5000)}`, i * 2 ** 32 + i);
    expect(index.size).toBe(100_003);
    for (let i = 0; i < 100_000; i += 997) expect(index.get(`q${i % 5000}`, `s${i % 3}`, `a${Math.floor(i / 5000)}`)).toBe(i * 2 ** 32 + i);
    expect(index.get('q1', 's1', 'a999')).toBeUndefined();
  });

  it('keys past the packed widths go to the exact fallback, not to a colliding slot', () => {
    const index = new KeyIndex({ ids: 2, sources: 1, annotators: 1 });
    for (let i = 0; i < 50; i++) index.set(`q${i}`, i % 2 ? 'A' : 'B', i % 3 ? `a${i}` : undefined, i);
    for (let i = 0; i < 50; i++) expect(index.get(`q${i}`, i % 2 ? 'A' : 'B', i % 3 ? `a${i}` : undefined)).toBe(i);
    expect(index.size).toBe(50);
    expect(() => new KeyIndex({ ids: 2 ** 30, sources: 2 ** 12, annotators: 2 ** 12 })).toThrow(/2\^53/);
  });
});

describe('KeyIndex storage', () => {
  it('keeps keys and numbers exact when the packed keys outgrow 31 bits and a number outgrows 32', () => {
    const index = new KeyIndex();
    const stored: [[string, string, string], number][] = [];
    // 4,100 ids, 200 sources and 4,100 annotators need 13 + 8 + 13 bits: past the 31 of the narrow table.
    for (let i = 0; i < 4100; i++) stored.push([[`q${i}`, 's0', 'a0'], i]);
    for (let j = 0; j < 200; j++) stored.push([['q0', `s${j}`, 'a0'], 10_000 + j]);
    for (let k = 0; k < 4100; k++) stored.push([['q0', 's0', `a${k}`], 2 ** 40 + k]);
    for (const [k, v] of stored) index.set(...k, v);
    const expected = new Map(stored.map(([k, v]) => [k.join('|'), v]));
    for (const [k] of stored) expect(index.get(...k)).toBe(expected.get(k.join('|')));
    expect(index.size).toBe(expected.size);
    expect(index.get('q1', 's1', 'a1')).toBeUndefined();
  });

  it('an id interned for an overflow key is not found under a packed key it would collide with', () => {
    const index = new KeyIndex({ ids: 8, sources: 2, annotators: 2 });
    index.set('q0', 's0', undefined, 1);
    index.set('q1', 'wide-source', undefined, 2); // source 1 fits; then a third source overflows
    index.set('q2', 'third', undefined, 3);
    expect(index.get('q2', 's0', undefined)).toBeUndefined();
    expect([index.get('q0', 's0', undefined), index.get('q1', 'wide-source', undefined), index.get('q2', 'third', undefined)]).toEqual([1, 2, 3]);
  });
});

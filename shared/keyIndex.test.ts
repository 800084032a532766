import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keyIndex';

type Key = [string, string, string | undefined];
const key = fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom('Human', 'M-a', 'M-b', ' '), fc.option(fc.string({ maxLength: 3 }), { nil: undefined }));

/** A Map of joined strings: what the index replaces, and its reference. */
const ref = (k: Key) => JSON.stringify([k[0], k[1], k[2] ?? null]);

/** The reference: each key's number is the count of distinct keys before its first addition. */
function addRef(map: Map<string, number>, k: Key): number {
  const r = ref(k);
  if (!map.has(r)) map.set(r, map.size);
  return map.get(r)!;
}

describe('KeyIndex', () => {
  test.prop([fc.array(key, { maxLength: 400 }), fc.array(key, { maxLength: 100 })])(
    'numbers keys like a Map of joined strings, for added and unknown keys',
    (adds, probes) => {
      for (const limits of [undefined, { ids: 3, sources: 2, annotators: 2 }]) {
        const index = new KeyIndex(limits);
        const map = new Map<string, number>();
        for (const k of adds) {
          const size = index.size;
          const n = index.add(...k);
          expect(n).toBe(addRef(map, k));
          expect(n === size).toBe(map.size > size);
        }
        expect(index.size).toBe(map.size);
        for (const k of adds) expect(index.get(...k)).toBe(map.get(ref(k)));
        for (const k of probes) expect(index.get(...k)).toBe(map.get(ref(k)));
      }
    },
  );

  it('tells "no annotator" from an annotator named like anything else, and keeps 100,000 keys through its growth', () => {
    const index = new KeyIndex();
    expect([index.add('q', 'Human', undefined), index.add('q', 'Human', ''), index.add('q', 'Human', 'null')]).toEqual([0, 1, 2]);
    expect([index.get('q', 'Human', undefined), index.get('q', 'Human', ''), index.get('q', 'Human', 'null')]).toEqual([0, 1, 2]);
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) if (index.add(`q${i % 5000}`, `s${i % 3}`, `a${Math.floor(i / 5000)}`) !== i + 3) wrong++;
    expect(wrong).toBe(0);
    expect(index.size).toBe(100_003);
    for (let i = 0; i < 100_000; i += 997) {
      expect(index.get(`q${i % 5000}`, `s${i % 3}`, `a${Math.floor(i / 5000)}`)).toBe(i + 3);
      expect(index.add(`q${i % 5000}`, `s${i % 3}`, `a${Math.floor(i / 5000)}`)).toBe(i + 3);
    }
    expect(index.get('q1', 's1', 'a999')).toBeUndefined();
    expect(index.size).toBe(100_003);
  });

  it('keys past the packed widths go to the exact fallback, not to a colliding slot', () => {
    const index = new KeyIndex({ ids: 2, sources: 1, annotators: 1 });
    for (let i = 0; i < 50; i++) expect(index.add(`q${i}`, i % 2 ? 'A' : 'B', i % 3 ? `a${i}` : undefined)).toBe(i);
    for (let i = 0; i < 50; i++) expect(index.get(`q${i}`, i % 2 ? 'A' : 'B', i % 3 ? `a${i}` : undefined)).toBe(i);
    expect(index.size).toBe(50);
    expect(() => new KeyIndex({ ids: 2 ** 30, sources: 2 ** 12, annotators: 2 ** 12 })).toThrow(/2\^53/);
  });
});

describe('KeyIndex storage', () => {
  it('keeps keys exact when the packed keys outgrow 31 bits, with fallback keys among them', () => {
    const index = new KeyIndex();
    const added: [string, string, string][] = [];
    // 4,100 ids, 200 sources and 4,100 annotators need 13 + 8 + 13 bits: past the 31 of the narrow table.
    for (let i = 0; i < 4100; i++) added.push([`q${i}`, 's0', 'a0']);
    for (let j = 0; j < 200; j++) added.push(['q0', `s${j}`, 'a0']);
    for (let k = 0; k < 4100; k++) added.push(['q0', 's0', `a${k}`]);
    // Sources past the 256 of the packed form: the fallback, numbered in the same sequence.
    for (let j = 0; j < 300; j++) added.push([`q${j}`, `wide${j}`, 'a1']);
    const expected = new Map<string, number>();
    for (const k of added) {
      const n = index.add(...k);
      if (!expected.has(k.join('|'))) expected.set(k.join('|'), expected.size);
      expect(n).toBe(expected.get(k.join('|')));
    }
    for (const k of added) expect(index.get(...k)).toBe(expected.get(k.join('|')));
    expect(index.size).toBe(expected.size);
    expect(index.get('q1', 's1', 'a1')).toBeUndefined();
  });

  it('an id interned for an overflow key is not found under a packed key it would collide with', () => {
    const index = new KeyIndex({ ids: 8, sources: 2, annotators: 2 });
    index.add('q0', 's0', undefined);
    index.add('q1', 'wide-source', undefined); // source 1 fits; then a third source overflows
    index.add('q2', 'third', undefined);
    expect(index.get('q2', 's0', undefined)).toBeUndefined();
    expect([index.get('q0', 's0', undefined), index.get('q1', 'wide-source', undefined), index.get('q2', 'third', undefined)]).toEqual([0, 1, 2]);
  });
});

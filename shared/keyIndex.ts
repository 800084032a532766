/**
 * Remembers (question id, source, annotator) keys and a number for each (where it was first seen), in
 * little memory: a million keys take about 32 MB instead of the ~100 MB of a `Map` of joined strings.
 *
 * Each part is interned to a small integer (ids and annotators repeat across lines, sources are few), the
 * three integers are packed exactly into one double (24 + 8 + 21 bits), and the doubles live in an
 * open-addressing table of typed arrays. A key whose parts do not fit those widths (over 16.7 M ids, 255
 * sources or 2 M annotators) goes to an ordinary `Map` instead, so the index is exact for any input.
 */

const EMPTY = -1;

/** How many distinct ids, sources and annotators fit the packed form; their product must stay ≤ 2^53. */
export interface KeyIndexLimits {
  ids: number;
  sources: number;
  annotators: number;
}

const DEFAULT_LIMITS: KeyIndexLimits = { ids: 2 ** 24, sources: 2 ** 8, annotators: 2 ** 21 };

export class KeyIndex {
  private readonly ids = new Map<string, number>();
  private readonly sources = new Map<string, number>();
  /** Index 0 stands for "no annotator". */
  private readonly annotators = new Map<string, number>();
  private keys = new Float64Array(1024).fill(EMPTY);
  private values = new Float64Array(1024);
  private used = 0;
  private readonly overflow = new Map<string, number>();

  constructor(private readonly limits: KeyIndexLimits = DEFAULT_LIMITS) {
    if (limits.ids * limits.sources * limits.annotators > 2 ** 53) throw new RangeError('KeyIndex limits exceed 2^53 packed keys');
  }

  /** Number of keys stored. */
  get size(): number {
    return this.used + this.overflow.size;
  }

  /** The value stored under the key, or undefined. */
  get(id: string, source: string, annotator: string | undefined): number | undefined {
    const k = this.pack(id, source, annotator, false);
    if (k === undefined) return undefined;
    if (typeof k === 'string') return this.overflow.get(k);
    const slot = this.find(k);
    return this.keys[slot] === k ? this.values[slot] : undefined;
  }

  /** Stores `value` under the key (replacing an earlier one). `value` must be a finite number. */
  set(id: string, source: string, annotator: string | undefined, value: number): void {
    const k = this.pack(id, source, annotator, true)!;
    if (typeof k === 'string') {
      this.overflow.set(k, value);
      return;
    }
    let slot = this.find(k);
    if (this.keys[slot] !== k) {
      if (2 * (this.used + 1) > this.keys.length) {
        this.grow();
        slot = this.find(k);
      }
      this.keys[slot] = k;
      this.used++;
    }
    this.values[slot] = value;
  }

  /** The packed key, a string for the overflow map, or undefined when a part was never seen (get only). */
  private pack(id: string, source: string, annotator: string | undefined, add: boolean): number | string | undefined {
    const i = intern(this.ids, id, add, 0);
    const s = intern(this.sources, source, add, 0);
    const a = annotator === undefined ? 0 : intern(this.annotators, annotator, add, 1);
    if (i === undefined || s === undefined || a === undefined) return undefined;
    const { ids, sources, annotators } = this.limits;
    if (i >= ids || s >= sources || a >= annotators) return JSON.stringify([id, source, annotator ?? null]);
    return (a * sources + s) * ids + i;
  }

  /** The slot holding `k`, or the empty slot where it would go (linear probing). */
  private find(k: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul((k >>> 0) ^ Math.imul(Math.floor(k / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const at = this.keys[slot];
      if (at === k || at === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(EMPTY);
    this.values = new Float64Array(oldKeys.length * 2);
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] === EMPTY) continue;
      const slot = this.find(oldKeys[j]);
      this.keys[slot] = oldKeys[j];
      this.values[slot] = oldValues[j];
    }
  }
}

function intern(map: Map<string, number>, s: string, add: boolean, first: number): number | undefined {
  let n = map.get(s);
  if (n === undefined && add) map.set(s, (n = map.size + first));
  return n;
}

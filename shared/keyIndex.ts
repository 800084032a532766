/**
 * Remembers (question id, source, annotator) keys and a number for each (where it was first seen), in
 * little memory: a million keys take 8–24 MB instead of the ~100 MB of a `Map` of joined strings.
 *
 * Each part is interned to a small integer (ids and annotators repeat across lines, sources are few), and
 * the three integers are packed exactly into one number with as many bits per part as the parts seen so
 * far need (widened, and the table re-packed, when a part outgrows its bits: a doubling, so rare). While
 * the packed keys fit 31 bits (e.g. 100,000 ids × 4 sources × 5,000 annotators) they live in a Uint32Array,
 * else in a Float64Array (up to 53 bits); the numbers live in a Uint32Array until one does not fit it. The
 * table is open-addressing with linear probing, at most 3/4 full. A key whose parts pass `limits` (over
 * 16.7 M ids, 255 sources or 2 M annotators) goes to an ordinary `Map` instead, so the index is exact for
 * any input.
 */

const EMPTY32 = 0xffffffff;
const EMPTY64 = -1;
const MAX_UINT32 = 0xffffffff;

/** How many distinct ids, sources and annotators fit the packed form; their bits must sum to ≤ 53. */
export interface KeyIndexLimits {
  ids: number;
  sources: number;
  annotators: number;
}

const DEFAULT_LIMITS: KeyIndexLimits = { ids: 2 ** 24, sources: 2 ** 8, annotators: 2 ** 21 };

const bitsFor = (n: number) => Math.max(0, Math.ceil(Math.log2(n)));

export class KeyIndex {
  private readonly ids = new Map<string, number>();
  private readonly sources = new Map<string, number>();
  /** Index 0 stands for "no annotator". */
  private readonly annotators = new Map<string, number>();
  /** Bits per part in the packed keys now: id (lowest), source, annotator. */
  private idBits = 0;
  private sourceBits = 0;
  private annotatorBits = 0;
  private keys: Uint32Array | Float64Array = new Uint32Array(1024).fill(EMPTY32);
  private values: Uint32Array | Float64Array = new Uint32Array(1024);
  private used = 0;
  private readonly overflow = new Map<string, number>();

  constructor(private readonly limits: KeyIndexLimits = DEFAULT_LIMITS) {
    if (bitsFor(limits.ids) + bitsFor(limits.sources) + bitsFor(limits.annotators) > 53) {
      throw new RangeError('KeyIndex limits exceed 2^53 packed keys');
    }
  }

  /** Number of keys stored. */
  get size(): number {
    return this.used + this.overflow.size;
  }

  /** The value stored under the key, or undefined. */
  get(id: string, source: string, annotator: string | undefined): number | undefined {
    const i = this.ids.get(id);
    const s = this.sources.get(source);
    const a = annotator === undefined ? 0 : this.annotators.get(annotator);
    if (i === undefined || s === undefined || a === undefined) return undefined;
    if (!this.fits(i, s, a)) return this.overflow.get(overflowKey(id, source, annotator));
    // A part interned only for an overflow key may be past the packed widths: no packed key holds it.
    if (i >= 2 ** this.idBits || s >= 2 ** this.sourceBits || a >= 2 ** this.annotatorBits) return undefined;
    const k = this.pack(i, s, a);
    const slot = this.find(k);
    return this.keys[slot] === k ? this.values[slot] : undefined;
  }

  /** Stores `value` under the key (replacing an earlier one). `value` must be a finite number. */
  set(id: string, source: string, annotator: string | undefined, value: number): void {
    const i = intern(this.ids, id, 0);
    const s = intern(this.sources, source, 0);
    const a = annotator === undefined ? 0 : intern(this.annotators, annotator, 1);
    if (!this.fits(i, s, a)) {
      this.overflow.set(overflowKey(id, source, annotator), value);
      return;
    }
    this.widen(i, s, a);
    if (this.values instanceof Uint32Array && !(Number.isInteger(value) && value >= 0 && value <= MAX_UINT32)) {
      this.values = Float64Array.from(this.values);
    }
    const k = this.pack(i, s, a);
    let slot = this.find(k);
    if (this.keys[slot] !== k) {
      if (4 * (this.used + 1) > 3 * this.keys.length) {
        this.rebuild(this.keys.length * 2, this.idBits, this.sourceBits, this.annotatorBits);
        slot = this.find(k);
      }
      this.keys[slot] = k;
      this.used++;
    }
    this.values[slot] = value;
  }

  private fits(i: number, s: number, a: number): boolean {
    return i < this.limits.ids && s < this.limits.sources && a < this.limits.annotators;
  }

  /** Gives each part enough bits for index `i`, `s`, `a`, re-packing the table if any part needs more. */
  private widen(i: number, s: number, a: number): void {
    const ib = Math.max(this.idBits, bitsFor(i + 1));
    const sb = Math.max(this.sourceBits, bitsFor(s + 1));
    const ab = Math.max(this.annotatorBits, bitsFor(a + 1));
    // Each widening doubles a part's room, so a growing file re-packs O(log n) times.
    if (ib !== this.idBits || sb !== this.sourceBits || ab !== this.annotatorBits) this.rebuild(this.keys.length, ib, sb, ab);
  }

  private pack(i: number, s: number, a: number): number {
    return (a * 2 ** this.sourceBits + s) * 2 ** this.idBits + i;
  }

  /** The slot holding `k`, or the empty slot where it would go (linear probing). */
  private find(k: number): number {
    const keys = this.keys;
    const empty = keys instanceof Uint32Array ? EMPTY32 : EMPTY64;
    const mask = keys.length - 1;
    let h = Math.imul((k >>> 0) ^ Math.imul(Math.floor(k / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const at = keys[slot];
      if (at === k || at === empty) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Re-inserts every key into a table of `length` slots, packed with the given bits per part. */
  private rebuild(length: number, idBits: number, sourceBits: number, annotatorBits: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldEmpty = oldKeys instanceof Uint32Array ? EMPTY32 : EMPTY64;
    const idSpan = 2 ** this.idBits, sourceSpan = 2 ** this.sourceBits;
    const narrow = idBits + sourceBits + annotatorBits <= 31;
    this.keys = narrow ? new Uint32Array(length).fill(EMPTY32) : new Float64Array(length).fill(EMPTY64);
    this.values = oldValues instanceof Uint32Array ? new Uint32Array(length) : new Float64Array(length);
    const same = idBits === this.idBits && sourceBits === this.sourceBits && annotatorBits === this.annotatorBits;
    this.idBits = idBits;
    this.sourceBits = sourceBits;
    this.annotatorBits = annotatorBits;
    for (let j = 0; j < oldKeys.length; j++) {
      const old = oldKeys[j];
      if (old === oldEmpty) continue;
      let k = old;
      if (!same) {
        const i = old % idSpan;
        const rest = (old - i) / idSpan;
        const s = rest % sourceSpan;
        k = this.pack(i, s, (rest - s) / sourceSpan);
      }
      const slot = this.find(k);
      this.keys[slot] = k;
      this.values[slot] = oldValues[j];
    }
  }
}

const overflowKey = (id: string, source: string, annotator: string | undefined) => JSON.stringify([id, source, annotator ?? null]);

function intern(map: Map<string, number>, s: string, first: number): number {
  let n = map.get(s);
  if (n === undefined) map.set(s, (n = map.size + first));
  return n;
}

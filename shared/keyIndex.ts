/**
 * Numbers (question id, source, annotator) keys 0, 1, 2, … in the order they are first added, in little
 * memory: a million keys take ~12 MB (16 MB while the table doubles) instead of the ~100 MB of a `Map` of
 * joined strings.
 *
 * Each part is interned to a small integer (ids and annotators repeat across lines, sources are few), and
 * the three integers are packed exactly into one number with as many bits per part as the parts seen so
 * far need (widened when a part outgrows its bits: a doubling, so rare). The packed key of each number is
 * kept in `packed`, by number: a Uint32Array while the packed keys fit 31 bits (e.g. 100,000 ids × 4
 * sources × 5,000 annotators), else a Float64Array (up to 53 bits). The table is open addressing with
 * linear probing, at most 3/4 full, and holds only number + 1 per slot (0 = empty): 4 bytes a slot. Slots
 * are chosen by a hash of the three integers, not of the packed key, so widening re-packs `packed` in
 * place and leaves the table as it is; only a doubling rebuilds it (from `packed`, so the old table is
 * garbage at once). A key whose parts pass `limits` (over 16.7 M ids, 255 sources or 2 M annotators) goes
 * to an ordinary `Map` instead, so the index is exact for any input.
 *
 * This replaced a table of packed keys beside a value per slot (8 bytes a slot), re-packed into a new
 * table at each widening: at 1M keys its arrays and their not yet collected predecessors reached 33 MB of
 * `bopask score`'s peak RSS (measured), against its 77 MB without any key table.
 */

const EMPTY32 = 0xffffffff;
const EMPTY64 = -1;

/** How many distinct ids, sources and annotators fit the packed form; their bits must sum to ≤ 53. */
export interface KeyIndexLimits {
  ids: number;
  sources: number;
  annotators: number;
}

const DEFAULT_LIMITS: KeyIndexLimits = { ids: 2 ** 24, sources: 2 ** 8, annotators: 2 ** 21 };

const bitsFor = (n: number) => Math.max(0, Math.ceil(Math.log2(n)));

/** The table slot hash of the interned parts (a, s, i). */
function slotHash(i: number, s: number, a: number): number {
  let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(s + 1, 0x85ebca6b) ^ Math.imul(a + 1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

export class KeyIndex {
  private readonly ids = new Map<string, number>();
  private readonly sources = new Map<string, number>();
  /** Index 0 stands for "no annotator". */
  private readonly annotators = new Map<string, number>();
  /** Bits per part in the packed keys now: id (lowest), source, annotator. */
  private idBits = 0;
  private sourceBits = 0;
  private annotatorBits = 0;
  /** 2 ** idBits and 2 ** sourceBits, for `pack` (a power per call showed in the profile). */
  private idSpan = 1;
  private sourceSpan = 1;
  /** Packed key of each number given out; EMPTY for a number whose key is in `overflow`. */
  private packed: Uint32Array | Float64Array = new Uint32Array(1024);
  /** Numbers given out, packed and overflow keys alike. */
  private count = 0;
  /** Open-addressing table of number + 1 (0 = empty slot). */
  private slots = new Uint32Array(1024);
  /** Keys in `slots`. */
  private used = 0;
  private readonly overflow = new Map<string, number>();

  constructor(private readonly limits: KeyIndexLimits = DEFAULT_LIMITS) {
    if (bitsFor(limits.ids) + bitsFor(limits.sources) + bitsFor(limits.annotators) > 53) {
      throw new RangeError('KeyIndex limits exceed 2^53 packed keys');
    }
  }

  /** Number of keys added; also the number the next new key gets. */
  get size(): number {
    return this.count;
  }

  /** The key's number, or undefined when it was never added. */
  get(id: string, source: string, annotator: string | undefined): number | undefined {
    const i = this.ids.get(id);
    const s = this.sources.get(source);
    const a = annotator === undefined ? 0 : this.annotators.get(annotator);
    if (i === undefined || s === undefined || a === undefined) return undefined;
    if (!this.fits(i, s, a)) return this.overflow.get(overflowKey(id, source, annotator));
    // A part interned only for an overflow key may be past the packed widths: no packed key holds it.
    if (i >= this.idSpan || s >= this.sourceSpan || a >= 2 ** this.annotatorBits) return undefined;
    const n = this.slots[this.find(i, s, a, this.pack(i, s, a))];
    return n === 0 ? undefined : n - 1;
  }

  /**
   * The key's number: the one it got when first added, or else the next one (`size` before the call),
   * so `add(…) === size` before the call tells a new key from a repeated one.
   */
  add(id: string, source: string, annotator: string | undefined): number {
    const i = intern(this.ids, id, 0);
    const s = intern(this.sources, source, 0);
    const a = annotator === undefined ? 0 : intern(this.annotators, annotator, 1);
    if (!this.fits(i, s, a)) {
      const key = overflowKey(id, source, annotator);
      const known = this.overflow.get(key);
      if (known !== undefined) return known;
      const n = this.next(this.packed instanceof Uint32Array ? EMPTY32 : EMPTY64);
      this.overflow.set(key, n);
      return n;
    }
    this.widen(i, s, a);
    const k = this.pack(i, s, a);
    let slot = this.find(i, s, a, k);
    const known = this.slots[slot];
    if (known !== 0) return known - 1;
    if (4 * (this.used + 1) > 3 * this.slots.length) {
      this.rebuild(this.slots.length * 2);
      slot = this.find(i, s, a, k);
    }
    const n = this.next(k);
    this.slots[slot] = n + 1;
    this.used++;
    return n;
  }

  /** Gives out the next number, its packed key `k` recorded. */
  private next(k: number): number {
    if (this.count === this.packed.length) {
      const bigger = this.packed instanceof Uint32Array ? new Uint32Array(2 * this.count) : new Float64Array(2 * this.count);
      bigger.set(this.packed);
      this.packed = bigger;
    }
    this.packed[this.count] = k;
    return this.count++;
  }

  private fits(i: number, s: number, a: number): boolean {
    return i < this.limits.ids && s < this.limits.sources && a < this.limits.annotators;
  }

  /** Gives each part enough bits for index `i`, `s`, `a`, re-packing `packed` if any part needs more. */
  private widen(i: number, s: number, a: number): void {
    const ib = Math.max(this.idBits, bitsFor(i + 1));
    const sb = Math.max(this.sourceBits, bitsFor(s + 1));
    const ab = Math.max(this.annotatorBits, bitsFor(a + 1));
    // Each widening doubles a part's room, so a growing file re-packs O(log n) times.
    if (ib === this.idBits && sb === this.sourceBits && ab === this.annotatorBits) return;
    const old = this.packed;
    const oldEmpty = old instanceof Uint32Array ? EMPTY32 : EMPTY64;
    const idSpan = this.idSpan, sourceSpan = this.sourceSpan;
    const wide = ib + sb + ab > 31;
    if (wide && old instanceof Uint32Array) this.packed = new Float64Array(old.length);
    const empty = this.packed instanceof Uint32Array ? EMPTY32 : EMPTY64;
    this.idBits = ib;
    this.sourceBits = sb;
    this.annotatorBits = ab;
    this.idSpan = 2 ** ib;
    this.sourceSpan = 2 ** sb;
    for (let n = 0; n < this.count; n++) {
      const k = old[n];
      if (k === oldEmpty) { this.packed[n] = empty; continue; }
      const ki = k % idSpan;
      const rest = (k - ki) / idSpan;
      const ks = rest % sourceSpan;
      this.packed[n] = this.pack(ki, ks, (rest - ks) / sourceSpan);
    }
  }

  private pack(i: number, s: number, a: number): number {
    return (a * this.sourceSpan + s) * this.idSpan + i;
  }

  /** The slot holding packed key `k` (parts `i`, `s`, `a`), or the empty slot where it would go. */
  private find(i: number, s: number, a: number, k: number): number {
    const slots = this.slots, packed = this.packed;
    const mask = slots.length - 1;
    let slot = slotHash(i, s, a) & mask;
    for (;;) {
      const n = slots[slot];
      if (n === 0 || packed[n - 1] === k) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** A table of `length` slots holding every packed key's number. */
  private rebuild(length: number): void {
    this.slots = new Uint32Array(length);
    const packed = this.packed;
    const empty = packed instanceof Uint32Array ? EMPTY32 : EMPTY64;
    const idSpan = this.idSpan, sourceSpan = this.sourceSpan;
    for (let n = 0; n < this.count; n++) {
      const k = packed[n];
      if (k === empty) continue;
      const i = k % idSpan;
      const rest = (k - i) / idSpan;
      const s = rest % sourceSpan;
      this.slots[this.find(i, s, (rest - s) / sourceSpan, k)] = n + 1;
    }
  }
}

const overflowKey = (id: string, source: string, annotator: string | undefined) => JSON.stringify([id, source, annotator ?? null]);

function intern(map: Map<string, number>, s: string, first: number): number {
  let n = map.get(s);
  if (n === undefined) map.set(s, (n = map.size + first));
  return n;
}

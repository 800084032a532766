/**
 * Seeded pseudo-random numbers (mulberry32). The pipeline must be deterministic given --seed, and each
 * frame gets its own stream (seed + scene + frame) so that results do not depend on processing order.
 */
export class Rng {
  private state: number;

  constructor(...seeds: number[]) {
    let h = 0x9e3779b9;
    for (const s of seeds) h = Math.imul(h ^ Math.floor(s), 0x85ebca6b) ^ (h >>> 13);
    this.state = h >>> 0;
  }

  /** The generator's whole state, to carry a stream across a worker thread (see `Rng.resume`). */
  get snapshot(): number {
    return this.state;
  }

  /** Continues a stream from `snapshot`: the next numbers are exactly those the original would give. */
  static resume(snapshot: number): Rng {
    const rng = new Rng();
    rng.state = snapshot >>> 0;
    return rng;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(lo: number, hiInclusive: number): number {
    return lo + Math.floor(this.next() * (hiInclusive - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/**
 * A fixed-window counter per key, in memory (one server process; a restart forgets, which is fine for
 * its purpose: keeping one client from flooding the anonymous procedures).
 */
export class RateLimiter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; false when the key is over its limit in the current window. */
  take(key: string, now = Date.now()): boolean {
    const h = this.hits.get(key);
    if (!h || now - h.windowStart >= this.windowMs) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { windowStart: now, count: 1 });
      return true;
    }
    h.count++;
    return h.count <= this.limit;
  }
}

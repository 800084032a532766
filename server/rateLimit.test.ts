import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('allows `limit` hits per key per window, then refuses until the window turns', () => {
    const r = new RateLimiter(2, 1000);
    expect([r.take('a', 0), r.take('a', 10), r.take('a', 20), r.take('b', 20)]).toEqual([true, true, false, true]);
    expect(r.take('a', 1000)).toBe(true);
  });
});

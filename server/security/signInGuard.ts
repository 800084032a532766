/**
 * Brute-force protection for sign-in, counted before any password is hashed.
 *
 * - Per (username, address): the first FREE_FAILURES attempts run freely; after that each attempt must
 *   wait a delay that doubles (1 s, 2 s, 4 s … up to 15 min). The key includes the address, so a
 *   stranger guessing at an account slows only themselves: its owner, elsewhere, signs in as usual
 *   (no lockout as denial of service), and an unknown name is treated exactly like a known one.
 * - Per address, over every username: MAX_FAILURES_PER_ADDRESS attempts an hour (spraying names).
 * - Hashing itself: at most `maxConcurrentHashes` scrypt runs at once. scrypt runs on libuv's thread
 *   pool (4 threads), which file reads share; an excess attempt is refused at once, not queued, so a
 *   flood of sign-ins cannot stall image requests.
 *
 * An attempt is counted when it starts (the counters are incremented synchronously, before the first
 * await), so parallel or batched attempts are all counted before any of them is checked.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../shared/errors';

export const FREE_FAILURES = 5;
export const MAX_FAILURES_PER_ADDRESS = 100;
const MAX_DELAY_S = 15 * 60;

export interface SignInGuardOptions {
  maxConcurrentHashes?: number;
}

export class SignInGuard {
  /** Attempts since the last success, per (username, address); forgotten after a quiet day. */
  private readonly attempts = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: 24 * 3600, keyPrefix: 'attempts' });
  /** One attempt per delay once the free ones are used: blocked for the delay after each attempt. */
  private readonly gate = new RateLimiterMemory({ points: 1, duration: MAX_DELAY_S, keyPrefix: 'gate' });
  private readonly perAddress = new RateLimiterMemory({ points: MAX_FAILURES_PER_ADDRESS, duration: 3600, keyPrefix: 'address' });
  private readonly maxConcurrentHashes: number;
  private hashing = 0;

  constructor(options: SignInGuardOptions = {}) {
    this.maxConcurrentHashes = options.maxConcurrentHashes ?? 2;
  }

  /** scrypt runs in progress (for tests and the log). */
  get inFlight(): number {
    return this.hashing;
  }

  /**
   * Runs `check` (the password hash) if this attempt may go ahead, else throws RATE_LIMITED without
   * hashing. `check` resolves to whether the password was right; a success clears the counters.
   */
  async attempt<T>(username: string, address: string, check: () => Promise<{ ok: boolean; value: T }>): Promise<{ ok: boolean; value: T }> {
    // The hashing slot is taken synchronously, so parallel attempts cannot all pass this check.
    if (this.hashing >= this.maxConcurrentHashes) {
      throw new AppError('RATE_LIMITED', 'the server is busy checking other sign-ins: try again in a few seconds');
    }
    this.hashing++;
    try {
      const key = `${address}\u0000${username}`;
      // Both consumes increment synchronously inside their promise executors: counted before any await.
      const byAddress = this.perAddress.consume(address);
      const counted = this.attempts.consume(key);
      try {
        await byAddress;
      } catch (res) {
        throw limited('too many sign-in attempts from this address', res);
      }
      const n = (await counted).consumedPoints;
      if (n > FREE_FAILURES) {
        try {
          await this.gate.consume(key);
        } catch (res) {
          // A refused attempt costs nothing and is not counted: the wait doubles per checked attempt.
          await this.attempts.reward(key);
          throw limited('too many failed sign-ins for this account from here', res);
        }
      }
      // From the last free attempt on, the next one waits: block before hashing, so that attempts
      // arriving while this one is checked are refused.
      if (n >= FREE_FAILURES) await this.gate.block(key, Math.min(2 ** (n - FREE_FAILURES), MAX_DELAY_S));
      const result = await check();
      if (result.ok) await Promise.all([this.attempts.delete(key), this.gate.delete(key)]);
      return result;
    } finally {
      this.hashing--;
    }
  }
}

function limited(what: string, res: unknown): AppError {
  const waitS = res instanceof RateLimiterRes ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 60;
  return new AppError('RATE_LIMITED', `${what}: wait ${waitS} s and try again`);
}

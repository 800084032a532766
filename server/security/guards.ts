/**
 * The limits on anonymous callers, made once per server (http.ts) and carried in the request context,
 * never held by a router module.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/client';
import { SignInGuard, type SignInGuardOptions } from './signInGuard';

/** New batches per client address (IPv6: per /64) per window: far above one person, far below a flood. */
export const NEW_BATCHES_PER_WINDOW = 30;
export const NEW_BATCH_WINDOW_S = 10 * 60;

export interface Guards {
  signIn: SignInGuard;
  /**
   * rate-limiter-flexible's memory store: one record per key, each expiring with its own window, and
   * no eviction of other keys when many arrive (the hand-made limiter it replaces cleared its whole
   * map past 10,000 keys, so 10,000 junk addresses reset everyone's count).
   */
  newBatches: RateLimiterMemory;
}

export function createGuards(options: SignInGuardOptions & { newBatchesPerWindow?: number } = {}): Guards {
  return {
    signIn: new SignInGuard(options),
    newBatches: new RateLimiterMemory({ points: options.newBatchesPerWindow ?? NEW_BATCHES_PER_WINDOW, duration: NEW_BATCH_WINDOW_S, keyPrefix: 'batches' }),
  };
}

/**
 * In-process callers (tests, scripts using createCaller) bring no guards: they get one set per
 * database handle, so sign-in is never unguarded and tests stay independent of each other.
 */
const byDb = new WeakMap<Db, Guards>();
export function guardsFor(ctx: { db: Db; guards?: Guards }): Guards {
  if (ctx.guards) return ctx.guards;
  let g = byDb.get(ctx.db);
  if (!g) byDb.set(ctx.db, (g = createGuards()));
  return g;
}

/** Counts one new batch for the caller's address group; throws RATE_LIMITED past the limit. */
export async function takeNewBatch(ctx: { db: Db; guards?: Guards }, address: string): Promise<void> {
  try {
    await guardsFor(ctx).newBatches.consume(address);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const waitMin = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    throw new AppError('RATE_LIMITED', `too many new batches from this address: try again in ${waitMin} min`);
  }
}

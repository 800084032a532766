/**
 * The limits on anonymous callers, made once per server (http.ts) and carried in the request context,
 * never held by a router module.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../shared/errors';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { SignInGuard, type SignInGuardOptions } from './signInGuard';

/**
 * New batches per client address (IPv6: per /64) per window by default: far above one person, far
 * below a flood. Set by NEW_BATCHES_PER_ADDRESS and NEW_BATCH_WINDOW_MIN (server/config.ts).
 */
export const NEW_BATCHES_PER_WINDOW = 30;
export const NEW_BATCH_WINDOW_S = 10 * 60;

export interface Guards {
  signIn: SignInGuard;
  /**
   * rate-limiter-flexible's memory store: one record per key, each expiring with its own window, and
   * no eviction of other keys when many arrive (the hand-made limiter it replaces cleared its whole
   * map past 10,000 keys, so 10,000 junk addresses reset everyone's count). Null: no limit
   * (NEW_BATCHES_PER_ADDRESS=off, for load tests; start-up warns).
   */
  newBatches: RateLimiterMemory | null;
}

export interface GuardOptions extends SignInGuardOptions {
  /** New batches per address per window; null switches the limit off. */
  newBatchesPerWindow?: number | null;
  newBatchWindowS?: number;
}

export function createGuards(options: GuardOptions = {}): Guards {
  const points = options.newBatchesPerWindow === undefined ? NEW_BATCHES_PER_WINDOW : options.newBatchesPerWindow;
  return {
    signIn: new SignInGuard(options),
    newBatches: points === null ? null : new RateLimiterMemory({ points, duration: options.newBatchWindowS ?? NEW_BATCH_WINDOW_S, keyPrefix: 'batches' }),
  };
}

/**
 * The server's guards as configured. Only the new-batch limit is configurable: sign-in protection
 * never stands in a contributor's way, so no setting turns it off.
 */
export function guardsFromConfig(config: Pick<Config, 'newBatchLimit'>): Guards {
  const limit = config.newBatchLimit;
  return createGuards(limit ? { newBatchesPerWindow: limit.points, newBatchWindowS: limit.windowS } : { newBatchesPerWindow: null });
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
  const limiter = guardsFor(ctx).newBatches;
  if (!limiter) return;
  try {
    await limiter.consume(address);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const waitMin = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    throw new AppError('RATE_LIMITED', `too many new batches from this address: try again in ${waitMin} min`);
  }
}

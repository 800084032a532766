/** The only initTRPC call: base procedures, error formatting and the role guards. */
import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError } from '../shared/errors';
import { readCookie, type Context } from './context';
import { toTrpcError } from './errors';
import { SESSION_COOKIE, userFromSession } from './services/auth';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Input validation errors read as "field: problem" lines rather than a JSON dump of zod issues.
    const message =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
        : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps AppErrors thrown by services to tRPC errors in one place. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) toTrpcError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const curatorProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = userFromSession(ctx.db, readCookie(ctx.req, SESSION_COOKIE));
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in as a curator or admin first');
  return next({ ctx: { ...ctx, user } });
});

export const adminProcedure = curatorProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new AppError('FORBIDDEN', 'admin role required');
  return next({ ctx });
});

/**
 * Anonymous procedures that create rows (a new batch) are limited per client address, so one client
 * cannot fill the database or hold every question's slot. The limiter lives in the context (made by
 * the HTTP server), not in the router module.
 */
export const batchStartProcedure = publicProcedure.use(({ ctx, next }) => {
  const address = ctx.req?.socket?.remoteAddress ?? 'local';
  if (ctx.rateLimits && !ctx.rateLimits.newBatches.take(address)) {
    throw new AppError('RATE_LIMITED', 'too many new batches from this address: try again later');
  }
  return next();
});

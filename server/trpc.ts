/** The only initTRPC call: base procedures, error formatting and the role guards. */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError } from '../shared/errors';
import { readCookie, type Context } from './context';
import { toTrpcError } from './errors';
import { SESSION_COOKIE, userFromSession } from './services/auth';

/** What a client reads for an unexpected failure; the detail goes to the server log (http.ts onError). */
export const INTERNAL_ERROR_MESSAGE = 'the server failed to do this (the detail is in its log): please try again';
export const STORAGE_FULL_MESSAGE = "the server's storage is full, so nothing was saved: keep this page open, it will be sent again";

/** SQLite's "database or disk is full" (a full disk, or PRAGMA max_page_count reached). */
function isStorageFull(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'SQLITE_FULL';
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Input validation errors read as "field: problem" lines rather than a JSON dump of zod issues;
    // an internal error's own message (a SQLite or Node message) never reaches the client.
    const message =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? INTERNAL_ERROR_MESSAGE
          : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps AppErrors thrown by services, and a full storage, to tRPC errors in one place. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) toTrpcError(result.error.cause);
  if (!result.ok && isStorageFull(result.error.cause)) {
    // 503: the client keeps the answer and retries (client/errors.ts isRetryable).
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: STORAGE_FULL_MESSAGE, cause: result.error.cause });
  }
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

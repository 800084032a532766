/** The one table mapping shared AppError codes to tRPC codes. */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AppError, type ErrorCode } from '../shared/errors';

const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
};

/** Turns an AppError into the TRPCError the client sees (keeping the app code); rethrows others. */
export function toTrpcError(err: unknown): never {
  if (err instanceof AppError) {
    throw new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
  }
  throw err;
}

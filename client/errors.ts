/** The one place error codes become text a person reads. */
import { TRPCClientError } from '@trpc/client';

type ErrorData = { code?: string; httpStatus?: number } | undefined;

const BY_CODE: Record<string, (message: string) => string> = {
  UNAUTHORIZED: (m) => m || 'Please sign in.',
  FORBIDDEN: (m) => m || 'Your account cannot do this.',
  NOT_FOUND: (m) => m || 'Not found.',
  CONFLICT: (m) => m,
  PAYLOAD_TOO_LARGE: () => 'This answer is too large to send.',
  TOO_MANY_REQUESTS: () => 'Too many attempts. Wait a few minutes and try again.',
  BAD_REQUEST: (m) => `That was not accepted: ${m}`,
  INTERNAL_SERVER_ERROR: () => 'Something went wrong on the server. Please try again.',
  // The server's storage is full: its message says nothing was saved and that the page keeps the answer.
  SERVICE_UNAVAILABLE: (m) => m || 'The server cannot save anything just now. Keep this page open and try again.',
};

export function errorText(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as ErrorData;
    if (!data) return 'The server cannot be reached. Check your connection and retry.';
    const format = data.code ? BY_CODE[data.code] : undefined;
    return format ? format(err.message) : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Retry only what may succeed on a second try: lost connections and server errors, not refusals. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof TRPCClientError)) return true;
  const status = (err.data as ErrorData)?.httpStatus;
  return status === undefined || status >= 500;
}

/** The one place error codes become text a person reads. */
import { TRPCClientError } from '@trpc/client';

export function errorText(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const code = (err.data as { code?: string } | undefined)?.code;
    if (code === 'UNAUTHORIZED' && !err.message) return 'Please sign in.';
    if (err.message.includes('Failed to fetch')) return 'The server cannot be reached. Check your connection and retry.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

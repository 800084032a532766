import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie } from 'cookie';
import type { Config } from './config';
import type { Db } from './db/client';
import type { Guards } from './security/guards';

/** Everything a procedure may use: the database, the configuration and the HTTP request/response. */
export interface Context {
  db: Db;
  config: Pick<Config, 'imagesDir'> & Partial<Pick<Config, 'trustProxy' | 'secureCookies'>>;
  req?: IncomingMessage;
  res?: ServerResponse;
  /** Per-address limits of the anonymous procedures (security/guards.ts); in-process callers may omit them. */
  guards?: Guards;
}

/**
 * Reads one cookie from the request with the `cookie` package, which leaves a value it cannot
 * percent-decode as it is instead of throwing ("URI malformed"): a mangled session cookie is then
 * simply an unknown session, and logout can still clear it.
 */
export function readCookie(req: IncomingMessage | undefined, name: string): string | undefined {
  const header = req?.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name];
}

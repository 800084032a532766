import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config';
import type { Db } from './db/client';
import type { RateLimiter } from './rateLimit';

/** Everything a procedure may use: the database, the configuration and the HTTP request/response. */
export interface Context {
  db: Db;
  config: Pick<Config, 'imagesDir'>;
  req?: IncomingMessage;
  res?: ServerResponse;
  /** Per-address limits of the anonymous procedures; absent in in-process callers (tests, CLI). */
  rateLimits?: { newBatches: RateLimiter };
}

/** Reads one cookie from the request (no dependency needed for this). */
export function readCookie(req: IncomingMessage | undefined, name: string): string | undefined {
  const header = req?.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

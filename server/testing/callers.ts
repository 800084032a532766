/** tRPC callers for router tests: anonymous, or signed in as a new curator/admin. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client';
import { appRouter } from '../routers/_app';
import { createUser } from '../services/auth';
import { createCallerFactory } from '../trpc';

const createCaller = createCallerFactory(appRouter);

function withCookie(db: Db, cookie = '') {
  const sent: string[] = [];
  const req = { headers: { cookie }, socket: {} } as unknown as IncomingMessage;
  const res = { setHeader: (_: string, v: string) => sent.push(v) } as unknown as ServerResponse;
  return { api: createCaller({ db, config: { imagesDir: '/tmp' }, req, res }), sent };
}

export const anonymousCaller = (db: Db) => withCookie(db).api;

let counter = 0;
/** A caller signed in as a fresh account of `role`. */
export async function signedInCaller(db: Db, role: 'curator' | 'admin') {
  const username = `${role}-${++counter}`;
  createUser(db, username, 'long enough password', role);
  const anon = withCookie(db);
  await anon.api.auth.login({ username, password: 'long enough password' });
  return withCookie(db, anon.sent[0].split(';')[0]).api;
}

/** The signed-in user of a plain HTTP request (the file endpoints are not tRPC procedures). */
import type http from 'node:http';
import { readCookie } from '../context';
import type { Db } from '../db/client';
import { SESSION_COOKIE, userFromSession, type Role, type SessionUser } from '../services/auth';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** The user if they have one of `roles`; otherwise answers 401/403 and returns null. */
export function requireRole(db: Db, req: http.IncomingMessage, res: http.ServerResponse, roles: Role[]): SessionUser | null {
  const user = userFromSession(db, readCookie(req, SESSION_COOKIE));
  if (!user) {
    sendJson(res, 401, { error: 'sign in as a curator or admin first' });
    return null;
  }
  if (!roles.includes(user.role)) {
    sendJson(res, 403, { error: `${roles.join(' or ')} role required` });
    return null;
  }
  return user;
}

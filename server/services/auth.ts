/**
 * Curator/admin accounts: scrypt password hashes, random session tokens in an http-only cookie.
 * Contributors never sign in; they are anonymous participants (services/participants.ts).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError, BadInputError } from '../../shared/errors';
import { readCookie, type Context } from '../context';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

export const SESSION_COOKIE = 'bopask_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export type Role = 'curator' | 'admin';
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32);
  return `scrypt:${salt.toString('hex')}:${hash.toString('hex')}`;
}

function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split(':');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** Creates an account; refuses a taken username or a password shorter than 8 characters. */
export function createUser(db: Db, username: string, password: string, role: Role): SessionUser {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(username)) {
    throw new BadInputError(`username '${username}': use 2–64 letters, digits, '.', '_' or '-'`);
  }
  if (password.length < 8) throw new BadInputError('password: at least 8 characters');
  const taken = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
  if (taken) throw new AppError('CONFLICT', `username '${username}' is already taken`);
  const row = db
    .insert(users)
    .values({ username, passwordHash: hashPassword(password), role })
    .returning({ id: users.id })
    .get();
  return { id: row.id, username, role };
}

/** Checks the password and opens a session; the same message for an unknown user and a wrong password. */
export function login(db: Db, username: string, password: string): { token: string; user: SessionUser } {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  if (!row || !verifyPassword(password, row.passwordHash)) {
    throw new AppError('UNAUTHORIZED', 'wrong username or password');
  }
  const token = randomBytes(24).toString('base64url');
  db.insert(sessions).values({ token, userId: row.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) }).run();
  return { token, user: { id: row.id, username: row.username, role: row.role } };
}

export function logout(db: Db, token: string | undefined): void {
  if (token) db.delete(sessions).where(eq(sessions.token, token)).run();
}

/** The signed-in user of this request, or null. */
export function userFromSession(ctx: Context): SessionUser | null {
  const token = readCookie(ctx.req, SESSION_COOKIE);
  if (!token) return null;
  const row = ctx.db
    .select({ id: users.id, username: users.username, role: users.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, token))
    .get();
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return { id: row.id, username: row.username, role: row.role };
}

export function sessionCookie(token: string, maxAgeS = SESSION_TTL_MS / 1000): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}`;
}

/**
 * Curator/admin accounts: scrypt password hashes, random session tokens in an http-only cookie.
 * Contributors never sign in; they are anonymous participants (services/annotate.ts).
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { AppError, BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

export const SESSION_COOKIE = 'bopask_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Failed sign-ins allowed per username in the window before further attempts are refused. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export type Role = 'curator' | 'admin';
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32);
  return `scrypt:${salt.toString('hex')}:${hash.toString('hex')}`;
}

/** Compared against when the user does not exist, so both cases take the same time. */
const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split(':');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  // Asynchronous: scrypt takes ~100 ms, which must not stall other requests.
  const actual = await scryptAsync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** Creates an account; refuses a taken username or a password shorter than 8 characters. */
export function createUser(db: Db, username: string, password: string, role: Role): SessionUser {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(username)) {
    throw new BadInputError(`username '${username}': use 2–64 letters, digits, '.', '_' or '-'`);
  }
  if (password.length < 8) throw new BadInputError('password: at least 8 characters');
  const taken = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
  if (taken) throw new BadInputError(`username '${username}' is already taken`);
  const row = db
    .insert(users)
    .values({ username, passwordHash: hashPassword(password), role })
    .returning({ id: users.id })
    .get();
  return { id: row.id, username, role };
}

/** Recent failed sign-ins per username (in memory: a restart forgets them, which is acceptable). */
const failures = new Map<string, number[]>();

function recentFailures(username: string, now: number): number[] {
  const list = (failures.get(username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
  failures.set(username, list);
  return list;
}

/**
 * Checks the password and opens a session. An unknown user and a wrong password get the same
 * message after the same work; after MAX_FAILURES failures in the window the name is locked for a while.
 */
export async function login(db: Db, username: string, password: string): Promise<{ token: string; user: SessionUser }> {
  const now = Date.now();
  if (recentFailures(username, now).length >= MAX_FAILURES) {
    throw new AppError('RATE_LIMITED', 'too many failed sign-ins for this account: wait 15 minutes');
  }
  const row = db.select().from(users).where(eq(users.username, username)).get();
  const isValid = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !isValid || row.disabled) {
    recentFailures(username, now).push(now);
    throw new AppError('UNAUTHORIZED', 'wrong username or password');
  }
  failures.delete(username);
  const token = randomBytes(24).toString('base64url');
  db.insert(sessions).values({ token, userId: row.id, expiresAt: new Date(now + SESSION_TTL_MS) }).run();
  return { token, user: { id: row.id, username: row.username, role: row.role } };
}

export function logout(db: Db, token: string | undefined): void {
  if (token) db.delete(sessions).where(eq(sessions.token, token)).run();
}

/** The user a session token belongs to, or null when it is unknown or expired. */
export function userFromSession(db: Db, token: string | undefined): SessionUser | null {
  if (!token) return null;
  const row = db
    .select({ id: users.id, username: users.username, role: users.role, expiresAt: sessions.expiresAt, disabled: users.disabled })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, token))
    .get();
  if (!row || row.disabled || row.expiresAt.getTime() < Date.now()) return null;
  return { id: row.id, username: row.username, role: row.role };
}

export function sessionCookie(token: string, maxAgeS = SESSION_TTL_MS / 1000): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}`;
}

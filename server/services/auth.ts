/**
 * Curator/admin accounts: scrypt password hashes, random session tokens in an http-only cookie (the
 * database keeps only their SHA-256).
 * Contributors never sign in; they are anonymous participants (services/annotate.ts).
 */
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { stringifySetCookie } from 'cookie';
import { eq, lt } from 'drizzle-orm';
import { AppError, BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { SignInGuard } from '../security/signInGuard';

export const SESSION_COOKIE = 'bopask_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

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

/** What the session table keeps of a token: its SHA-256, so the table alone opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks the password and opens a session. An unknown user, a disabled account and a wrong password
 * get the same message after the same work. The guard counts the attempt before hashing and slows
 * repeated failures from one address (security/signInGuard.ts).
 */
export async function login(
  db: Db,
  guard: SignInGuard,
  address: string,
  username: string,
  password: string,
  now = Date.now(),
): Promise<{ token: string; user: SessionUser }> {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  const { ok } = await guard.attempt(username, address, async () => ({
    ok: (await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH)) && !!row && !row.disabled,
    value: null,
  }));
  if (!ok || !row) throw new AppError('UNAUTHORIZED', 'wrong username or password');
  const token = randomBytes(24).toString('base64url');
  db.transaction((tx) => {
    // Expired sessions are removed here, the one place sessions are written (indexed on expires_at).
    tx.delete(sessions).where(lt(sessions.expiresAt, new Date(now))).run();
    tx.insert(sessions).values({ tokenHash: hashToken(token), userId: row.id, expiresAt: new Date(now + SESSION_TTL_MS) }).run();
  });
  return { token, user: { id: row.id, username: row.username, role: row.role } };
}

export function logout(db: Db, token: string | undefined): void {
  if (token) db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
}

/** Removes every expired session (run at start-up; login also removes them as it goes). */
export function deleteExpiredSessions(db: Db, now = Date.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, new Date(now))).run().changes;
}

/** The user a session token belongs to, or null when it is unknown, expired or its account disabled. */
export function userFromSession(db: Db, token: string | undefined, now = Date.now()): SessionUser | null {
  if (!token) return null;
  const row = db
    .select({ id: users.id, username: users.username, role: users.role, disabled: users.disabled, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .get();
  if (!row || row.disabled || row.expiresAt.getTime() <= now) return null;
  return { id: row.id, username: row.username, role: row.role };
}

/** Disables or re-enables an account by name; a disabled account's sessions stop working at once. */
export function setUserDisabled(db: Db, username: string, isDisabled: boolean): SessionUser {
  const row = db.update(users).set({ disabled: isDisabled }).where(eq(users.username, username)).returning().get();
  if (!row) throw new BadInputError(`no account named '${username}'`);
  if (isDisabled) db.delete(sessions).where(eq(sessions.userId, row.id)).run();
  return { id: row.id, username: row.username, role: row.role };
}

/**
 * The Set-Cookie value. `secure`: only sent back over HTTPS — set when the request came over HTTPS
 * (or through a trusted proxy that says so) or when SECURE_COOKIES=on.
 */
export function sessionCookie(token: string, { maxAgeS = SESSION_TTL_MS / 1000, secure = false } = {}): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: token, path: '/', httpOnly: true, sameSite: 'lax', maxAge: maxAgeS, secure });
}

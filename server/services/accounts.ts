/**
 * Account management for admins: list, create, change role, disable or enable, reset a password.
 * An admin cannot disable or demote themselves, so the database always keeps an admin who can sign in.
 */
import { asc, eq } from 'drizzle-orm';
import { AppError, BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { hashPassword, type Role, type SessionUser } from './auth';

export function listAccounts(db: Db) {
  return db
    .select({ id: users.id, username: users.username, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.username))
    .all()
    .map((u) => ({ ...u, createdAt: u.createdAt.getTime() }));
}

function account(db: Db, id: number) {
  const u = db.select().from(users).where(eq(users.id, id)).get();
  if (!u) throw new AppError('NOT_FOUND', `no account with id ${id}`);
  return u;
}

export function updateAccount(db: Db, admin: SessionUser, input: { id: number; role?: Role; disabled?: boolean }) {
  const u = account(db, input.id);
  if (u.id === admin.id && (input.disabled || (input.role && input.role !== 'admin'))) {
    throw new BadInputError(`you cannot ${input.disabled ? 'disable' : 'demote'} your own account (${u.username}): ask another admin`);
  }
  db.transaction((tx) => {
    tx.update(users).set({ role: input.role ?? u.role, disabled: input.disabled ?? u.disabled }).where(eq(users.id, u.id)).run();
    // A disabled account's open sessions end now, not when they expire.
    if (input.disabled) tx.delete(sessions).where(eq(sessions.userId, u.id)).run();
  });
  return listAccounts(db).find((a) => a.id === u.id)!;
}

export function resetPassword(db: Db, input: { id: number; password: string }) {
  const u = account(db, input.id);
  if (input.password.length < 8) throw new BadInputError('password: at least 8 characters');
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash: hashPassword(input.password) }).where(eq(users.id, u.id)).run();
    tx.delete(sessions).where(eq(sessions.userId, u.id)).run();
  });
  return { username: u.username };
}

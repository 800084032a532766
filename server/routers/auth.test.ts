import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { createUser } from '../services/auth';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const createCaller = createCallerFactory(appRouter);

/** A caller whose requests carry `cookie`, and which records the Set-Cookie it is sent. */
function client(db: Db, cookie = '') {
  const sent: string[] = [];
  const req = { headers: { cookie } } as unknown as IncomingMessage;
  const res = { setHeader: (_: string, v: string) => sent.push(v) } as unknown as ServerResponse;
  return { api: createCaller({ db, config: { imagesDir: '/tmp' }, req, res }), sent };
}

describe('auth and roles', () => {
  it('signs in, keeps the session in an http-only cookie, and signs out', async () => {
    const db = openDb(':memory:');
    createUser(db, 'ada', 'long enough password', 'admin');
    const { api, sent } = client(db);
    await expect(api.auth.login({ username: 'ada', password: 'wrong password' })).rejects.toThrow('wrong username or password');
    await expect(api.auth.login({ username: 'nobody', password: 'wrong password' })).rejects.toThrow('wrong username or password');
    expect(await api.auth.login({ username: 'ada', password: 'long enough password' })).toMatchObject({ username: 'ada', role: 'admin' });
    expect(sent[0]).toMatch(/^bopask_session=[\w-]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    const session = client(db, sent[0].split(';')[0]);
    expect(await session.api.auth.me()).toMatchObject({ username: 'ada' });
    await session.api.auth.logout();
    expect(await session.api.auth.me()).toBeNull();
  });

  it('keeps the table and settings from anonymous callers, and settings changes from curators', async () => {
    const db = openDb(':memory:');
    createUser(db, 'cur', 'long enough password', 'curator');
    const anon = client(db);
    await expect(anon.api.results.table()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.api.items.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.api.admin.settings()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await anon.api.auth.login({ username: 'cur', password: 'long enough password' });
    const curator = client(db, anon.sent[0].split(';')[0]);
    expect(await curator.api.results.table()).toMatchObject({ rows: [], rejected: 0, exclusions: { contributors: [], questions: [] } });
    await expect(curator.api.admin.updateSettings({ batchSize: 12 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../db/client';
import { appRouter } from '../routers/_app';
import { createUser } from '../services/auth';
import { createCallerFactory } from '../trpc';
import { createGuards, type Guards } from './guards';
import { FREE_FAILURES } from './signInGuard';

const createCaller = createCallerFactory(appRouter);
const PASSWORD = 'long enough password';

/** A caller from `address` sharing `guards`, as requests to one server would. */
function from(db: Db, guards: Guards, address: string) {
  const req = { headers: {}, socket: { remoteAddress: address } } as unknown as IncomingMessage;
  const res = { setHeader: () => {} } as unknown as ServerResponse;
  return createCaller({ db, config: { imagesDir: '/tmp' }, req, res, guards });
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'signed in';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('sign-in throttling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('slows one address with doubling delays, while the owner elsewhere signs in (no lockout)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = openDb(':memory:');
    createUser(db, 'bob', PASSWORD, 'curator');
    const guards = createGuards();
    const attacker = from(db, guards, '203.0.113.9');
    for (let i = 0; i < FREE_FAILURES; i++) expect(await outcome(attacker.auth.login({ username: 'bob', password: `guess ${i}` }))).toBe('UNAUTHORIZED');
    // Now even the right password waits: the attempt is refused before any hashing.
    await expect(attacker.auth.login({ username: 'bob', password: PASSWORD })).rejects.toThrow(/wait 1 s/);
    // The owner, from another address, is not locked out.
    expect(await outcome(from(db, guards, '198.51.100.7').auth.login({ username: 'bob', password: PASSWORD }))).toBe('signed in');
    // Each wait doubles: 1 s, 2 s, 4 s.
    for (const waitS of [1, 2, 4]) {
      vi.setSystemTime(Date.now() + waitS * 1000 + 50);
      expect(await outcome(attacker.auth.login({ username: 'bob', password: 'again wrong' }))).toBe('UNAUTHORIZED');
      await expect(attacker.auth.login({ username: 'bob', password: 'again wrong' })).rejects.toThrow(new RegExp(`wait ${waitS * 2} s`));
    }
    // An unknown name is throttled the same way (nothing tells it apart from a real one).
    for (let i = 0; i < FREE_FAILURES; i++) await outcome(attacker.auth.login({ username: 'nobody', password: `guess ${i}` }));
    await expect(attacker.auth.login({ username: 'nobody', password: 'guess' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  }, 30_000);

  it('counts parallel attempts before hashing: 49 wrong and the right one sent at once do not sign in', async () => {
    const db = openDb(':memory:');
    createUser(db, 'ada', PASSWORD, 'admin');
    const guards = createGuards();
    const api = from(db, guards, '203.0.113.10');
    const guesses = Array.from({ length: 49 }, (_, i) => `wrong ${i}`).concat(PASSWORD);
    const results = await Promise.all(guesses.map((password) => outcome(api.auth.login({ username: 'ada', password }))));
    expect(results.at(-1)).toBe('TOO_MANY_REQUESTS');
    // At most two scrypt runs at once: the rest were refused before hashing.
    expect(results.filter((r) => r === 'UNAUTHORIZED').length).toBeLessThanOrEqual(2);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(48);
    expect(guards.signIn.inFlight).toBe(0);
  }, 30_000);

  it('counts each attempt when it starts: with hashing unbounded, parallel guesses stop after the free ones', async () => {
    const db = openDb(':memory:');
    createUser(db, 'ada', PASSWORD, 'admin');
    const guards = createGuards({ maxConcurrentHashes: 1000 });
    const api = from(db, guards, '203.0.113.11');
    const guesses = Array.from({ length: 49 }, (_, i) => `wrong ${i}`).concat(PASSWORD);
    const results = await Promise.all(guesses.map((password) => outcome(api.auth.login({ username: 'ada', password }))));
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(FREE_FAILURES);
    expect(results.at(-1)).toBe('TOO_MANY_REQUESTS');
  }, 30_000);

  it('a disabled account cannot sign in, with the same message as a wrong password', async () => {
    const db = openDb(':memory:');
    createUser(db, 'eve', PASSWORD, 'curator');
    db.$client.prepare("update users set disabled = 1 where username = 'eve'").run();
    await expect(from(db, createGuards(), '192.0.2.1').auth.login({ username: 'eve', password: PASSWORD })).rejects.toThrow('wrong username or password');
  });
});

describe('sessions', () => {
  it('sign-in removes expired sessions, and so does start-up (deleteExpiredSessions)', async () => {
    const { deleteExpiredSessions, login } = await import('../services/auth');
    const { SignInGuard } = await import('./signInGuard');
    const db = openDb(':memory:');
    createUser(db, 'ada', PASSWORD, 'admin');
    const guard = new SignInGuard();
    const t0 = Date.now();
    await login(db, guard, 'a', 'ada', PASSWORD, t0);
    await login(db, guard, 'a', 'ada', PASSWORD, t0 + 1000);
    const count = () => (db.$client.prepare('select count(*) n from sessions').get() as { n: number }).n;
    expect(count()).toBe(2);
    // Eight days on, both have expired: the next sign-in leaves only itself.
    await login(db, guard, 'a', 'ada', PASSWORD, t0 + 8 * 24 * 3600 * 1000);
    expect(count()).toBe(1);
    expect(deleteExpiredSessions(db, t0 + 16 * 24 * 3600 * 1000)).toBe(1);
    expect(count()).toBe(0);
  });
});

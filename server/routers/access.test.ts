/**
 * The access matrix: every procedure of the router × every kind of caller, allowed or refused as
 * designed. The procedure list comes from the router itself, so a new procedure fails this test until
 * it is given a row in ACCESS.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { sessions } from '../db/schema';
import { createUser, hashToken, setUserDisabled } from '../services/auth';
import { importDataset } from '../services/importDataset';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';

const createCaller = createCallerFactory(appRouter);

/** Who may call what: `public` anyone (contributors are anonymous), `curator` curators and admins, `admin` admins. */
const ACCESS: Record<string, 'public' | 'curator' | 'admin'> = {
  'admin.settings': 'admin',
  'admin.updateSettings': 'admin',
  'admin.progress': 'admin',
  'admin.predictionSources': 'admin',
  'admin.deletePredictions': 'admin',
  'admin.users': 'admin',
  'admin.createUser': 'admin',
  'admin.updateUser': 'admin',
  'admin.resetPassword': 'admin',
  'annotate.start': 'public',
  'annotate.batch': 'public',
  'annotate.submit': 'public',
  'annotate.verify': 'public',
  'annotate.skip': 'public',
  'auth.me': 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'items.stats': 'public',
  'items.list': 'curator',
  'results.table': 'curator',
  'results.export': 'curator',
  'results.statistics': 'curator',
  'results.setGroup': 'curator',
  'results.moveGroup': 'curator',
  'results.contributors': 'curator',
  'results.exclusions.excludeContributor': 'curator',
  'results.exclusions.includeContributor': 'curator',
  'results.exclusions.excludeQuestion': 'curator',
  'results.exclusions.includeQuestion': 'curator',
  'items.answers': 'curator',
  'review.queue': 'curator',
  'review.bulkAcceptPreview': 'curator',
  'review.bulkAccept': 'curator',
  'review.counts': 'curator',
  'review.item': 'curator',
  'review.history': 'curator',
  'review.accept': 'curator',
  'review.correct': 'curator',
  'review.reject': 'curator',
  'review.restore': 'curator',
  'review.crowd': 'curator',
  'review.adopt': 'curator',
  'review.objectRegions': 'curator',
};

type Caller = 'no session' | 'contributor' | 'curator' | 'admin' | 'disabled account' | 'expired session';
const CALLERS: Caller[] = ['no session', 'contributor', 'curator', 'admin', 'disabled account', 'expired session'];
const ALLOWED: Record<(typeof ACCESS)[string], Caller[]> = {
  public: CALLERS,
  curator: ['curator', 'admin'],
  admin: ['admin'],
};

async function setup() {
  const db = openDb(':memory:');
  await importDataset(db, { datasetPath: writeFixtureDataset(3), imagesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-access-')) });
  const users: Partial<Record<Caller, number>> = {
    curator: createUser(db, 'cur', 'long enough password', 'curator').id,
    admin: createUser(db, 'adm', 'long enough password', 'admin').id,
    'disabled account': createUser(db, 'gone', 'long enough password', 'admin').id,
    'expired session': createUser(db, 'old', 'long enough password', 'admin').id,
  };
  setUserDisabled(db, 'gone', true);
  // One fresh session per call (a logout in the matrix must not end the next call's session).
  const cookieOf = (who: Caller): string => {
    const userId = users[who];
    if (userId === undefined) return '';
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + (who === 'expired session' ? -1000 : 3600_000));
    db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt }).run();
    return token;
  };
  const contributorToken = (await createCaller({ db, config: { imagesDir: '/tmp' } }).annotate.start({ batchSize: 10 })).token;
  return { db, cookieOf, contributorToken };
}

function callerFor(db: Db, cookie: string) {
  const req = { headers: cookie ? { cookie: `bopask_session=${cookie}` } : {}, socket: { remoteAddress: '192.0.2.1' } } as unknown as IncomingMessage;
  const res = { setHeader: () => {} } as unknown as ServerResponse;
  return createCaller({ db, config: { imagesDir: '/tmp' }, req, res });
}

/** A well-formed input per procedure (a contributor's own token; others get an unknown one). */
function inputFor(procedure: string, token: string): unknown {
  const item = { token, assignmentId: 1, responseId: '00000000-0000-4000-8000-000000000000', timeMs: 1 };
  const inputs: Record<string, unknown> = {
    'admin.updateSettings': { batchSize: 12 },
    'annotate.start': { token },
    'annotate.batch': { token },
    'annotate.submit': { ...item, answer: { task: 'spatial', value: true } },
    'annotate.verify': { ...item, isCorrect: true },
    'annotate.skip': { ...item, reason: 'cannot see it' },
    'auth.login': { username: 'nobody-here', password: '' },
    'items.list': {},
    'results.export': { format: 'csv' },
  };
  return inputs[procedure];
}

async function outcome(db: Db, cookie: string, procedure: string, input: unknown): Promise<'allowed' | 'refused'> {
  const fn = procedure.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], callerFor(db, cookie)) as (i: unknown) => Promise<unknown>;
  try {
    await fn(input);
    return 'allowed';
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'refused' : 'allowed';
  }
}

describe('access matrix', () => {
  it('lists every procedure of the router', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('allows or refuses every procedure for every kind of caller as designed', async () => {
    const { db, cookieOf, contributorToken } = await setup();
    const got: string[] = [];
    const want: string[] = [];
    for (const procedure of Object.keys(appRouter._def.procedures)) {
      for (const who of CALLERS) {
        const token = who === 'contributor' ? contributorToken : 'unknown-token-0123456789';
        got.push(`${procedure} by ${who}: ${await outcome(db, cookieOf(who), procedure, inputFor(procedure, token))}`);
        want.push(`${procedure} by ${who}: ${ALLOWED[ACCESS[procedure]].includes(who) ? 'allowed' : 'refused'}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('a disabled account or an expired session is no session at all', async () => {
    const { db, cookieOf } = await setup();
    expect(await callerFor(db, cookieOf('disabled account')).auth.me()).toBeNull();
    expect(await callerFor(db, cookieOf('expired session')).auth.me()).toBeNull();
    expect(await callerFor(db, cookieOf('admin')).auth.me()).toMatchObject({ role: 'admin' });
    // Disabling an account ends the sessions it has open.
    const live = cookieOf('curator');
    setUserDisabled(db, 'cur', true);
    await expect(callerFor(db, live).results.table()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

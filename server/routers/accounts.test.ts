import { describe, expect, it } from 'vitest';
import { callerWith, PASSWORD, reviewDb, signedIn } from '../testing/reviewFixture';

describe('account management', () => {
  it('admins create, demote, disable and reset accounts; nobody else can', async () => {
    const { db } = await reviewDb(1);
    const ada = await signedIn(db, 'ada');
    const cora = await signedIn(db, 'cora');
    await expect(cora.admin.users()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerWith(db).api.admin.createUser({ username: 'eve', password: PASSWORD, role: 'admin' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(cora.admin.createUser({ username: 'eve', password: PASSWORD, role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const created = await ada.admin.createUser({ username: 'bea', password: PASSWORD, role: 'admin' });
    expect((await ada.admin.users()).map((u) => [u.username, u.role, u.disabled])).toContainEqual(['bea', 'admin', false]);
    await ada.admin.updateUser({ id: created.id, role: 'curator' });
    const bea = await signedIn(db, 'bea');
    expect(await bea.auth.me()).toMatchObject({ username: 'bea', role: 'curator' });

    // Disabled: the open session ends and signing in is refused.
    const coraId = (await ada.admin.users()).find((u) => u.username === 'cora')!.id;
    await ada.admin.updateUser({ id: coraId, disabled: true });
    expect(await cora.auth.me()).toBeNull();
    await expect(callerWith(db).api.auth.login({ username: 'cora', password: PASSWORD })).rejects.toThrow('wrong username or password');
    await ada.admin.updateUser({ id: coraId, disabled: false });

    await expect(ada.admin.resetPassword({ id: coraId, password: 'short' })).rejects.toThrow('at least 8 characters');
    await ada.admin.resetPassword({ id: coraId, password: 'a brand new password' });
    await expect(callerWith(db).api.auth.login({ username: 'cora', password: PASSWORD })).rejects.toThrow();
    expect(await callerWith(db).api.auth.login({ username: 'cora', password: 'a brand new password' })).toMatchObject({ username: 'cora' });

    const adaId = (await ada.admin.users()).find((u) => u.username === 'ada')!.id;
    await expect(ada.admin.updateUser({ id: adaId, disabled: true })).rejects.toThrow(/cannot disable your own account/);
    await expect(ada.admin.updateUser({ id: adaId, role: 'curator' })).rejects.toThrow(/cannot demote your own account/);
  }, 60_000);
});

describe('deleting one model\'s predictions', () => {
  it('removes that source only, leaves the crowd in the app alone, and moves the table', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { importPredictions } = await import('../services/importPredictions');
    const { db, dir } = await reviewDb(1);
    const file = path.join(dir, 'p.jsonl');
    fs.writeFileSync(file, [{ id: 'spatial-0', source: 'A', output: 'Yes' }, { id: 'spatial-0', source: 'B', output: 'No' }, { id: 'depth-0', source: 'A', output: 'No' }].map((l) => JSON.stringify(l)).join('\n') + '\n');
    await importPredictions(db, file);
    const ada = await signedIn(db, 'ada');
    const cora = await signedIn(db, 'cora');
    await expect(cora.admin.deletePredictions({ source: 'A' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ada.results.table()).rows.map((r) => r.source).sort()).toEqual(['A', 'B']);
    expect(await ada.admin.deletePredictions({ source: 'A' })).toEqual({ source: 'A', deleted: 2 });
    expect((await ada.results.table()).rows.map((r) => r.source)).toEqual(['B']);
    expect(await ada.admin.predictionSources()).toEqual([{ source: 'B', n: 1 }]);
    await expect(ada.admin.deletePredictions({ source: 'A' })).rejects.toThrow("no imported predictions from source 'A'");
  });
});

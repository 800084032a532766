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

/**
 * The "redundancy where it matters" setting through the API: only an admin reads or changes it, a bad
 * value is refused with nothing changed, and the table's notes (page, export, `bopask table`, which
 * share tableView) say which rule chose the questions answered twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { tableText, tableView } from '../services/baseline/report';
import { importDataset } from '../services/importDataset';
import { getSettings } from '../services/settings';
import { anonymousCaller, signedInCaller } from '../testing/callers';
import { writeFixtureDataset } from '../testing/fixtureDataset';

const RANDOM = 'Questions answered by a second contributor (target 30%) were chosen at random (a stable share by question id), as in the paper.';
const BY_DISAGREEMENT = /^Questions answered by a second contributor \(target 30%\) went first to those whose first answer agreed least with the label .*then at random/;

let db: Db;
beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-second-api-'));
  db = openDb(path.join(dir, 'db.sqlite'), { log: () => {} });
  await importDataset(db, { datasetPath: writeFixtureDataset(2, '', dir), imagesDir: path.join(dir, 'images') });
});

describe('the second-answer setting', () => {
  it('is off by default and round-trips through the admin API; curators and anonymous callers are refused', async () => {
    const admin = await signedInCaller(db, 'admin');
    expect((await admin.admin.settings()).redundancyByDisagreement).toBe(0);
    await expect((await signedInCaller(db, 'curator')).admin.updateSettings({ redundancyByDisagreement: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(anonymousCaller(db).admin.updateSettings({ redundancyByDisagreement: 1 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect((await signedInCaller(db, 'curator')).admin.settings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(getSettings(db).redundancyByDisagreement).toBe(0);
    await expect(admin.admin.updateSettings({ redundancyByDisagreement: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.admin.updateSettings({ redundancyByDisagreement: 0.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(getSettings(db).redundancyByDisagreement).toBe(0);
    expect((await admin.admin.updateSettings({ redundancyByDisagreement: 1 })).redundancyByDisagreement).toBe(1);
    expect((await admin.admin.settings()).redundancyByDisagreement).toBe(1);
    // Stored, not cached: a new handle on the same file reads it.
    expect(getSettings(openDb(db.$client.name, { log: () => {} })).redundancyByDisagreement).toBe(1);
  });

  it('the table notes state the rule in effect, on the page and in every export', async () => {
    const admin = await signedInCaller(db, 'admin');
    const curator = await signedInCaller(db, 'curator');
    expect((await curator.results.table()).notes).toContain(RANDOM);
    await admin.admin.updateSettings({ redundancyByDisagreement: 1 });
    const notes = (await curator.results.table()).notes;
    expect(notes.some((n) => BY_DISAGREEMENT.test(n))).toBe(true);
    expect(notes).not.toContain(RANDOM);
    const md = (await curator.results.export({ format: 'md' })).text;
    expect(md).toMatch(/- Questions answered by a second contributor \(target 30%\) went first to those whose first answer agreed least/);
    expect(tableText(tableView(db), 'latex', null)).toMatch(/% Questions answered by a second contributor .* went first/);
    await admin.admin.updateSettings({ redundancyByDisagreement: 0, redundancyShare: 0.5 });
    expect((await curator.results.table()).notes).toContain(RANDOM.replace('30%', '50%'));
  });
});

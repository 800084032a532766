/**
 * The whole-database figures computed in a worker thread on the database file (its own read-only
 * connection) give exactly what the inline computation on the server's connection gives.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOOTSTRAP } from '../../../../shared/metrics/bootstrap';
import { openDb, type Db } from '../../../db/client';
import { writeBaselineFixture } from '../../../testing/baselineFixture';
import { importDataset } from '../../importDataset';
import { importPredictions } from '../../importPredictions';
import { computeContributorStats, contributorStatsState } from '../contributors';
import { computeStatistics, statisticsState } from '../statistics';

describe('background figures', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-background-'));
    db = openDb(path.join(dir, 'db.sqlite'), { log: () => {} });
    const fx = writeBaselineFixture('hb-', dir);
    await importDataset(db, { datasetPath: fx.dataset, imagesDir: path.join(dir, 'images-store') });
    await importPredictions(db, fx.humans);
    await importPredictions(db, fx.model);
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const until = async <T>(f: () => T | null): Promise<T> => {
    for (let i = 0; i < 600; i++) {
      const v = f();
      if (v !== null) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the background job never finished');
  };

  it('computes the statistics in a worker thread, equal to the inline computation', async () => {
    const first = statisticsState(db, DEFAULT_BOOTSTRAP);
    expect(first).toMatchObject({ stats: null, isStale: true, isComputing: true });
    const stats = await until(() => {
      const s = statisticsState(db, DEFAULT_BOOTSTRAP);
      return s.isStale ? null : s.stats;
    });
    expect(JSON.stringify(stats)).toBe(JSON.stringify(computeStatistics(db, DEFAULT_BOOTSTRAP)));
  });

  it('computes the contributor figures in a worker thread, equal to the inline computation', async () => {
    expect(contributorStatsState(db)).toMatchObject({ list: null, isStale: true });
    const list = await until(() => {
      const s = contributorStatsState(db);
      return s.isStale ? null : s.list;
    });
    expect(list).toEqual(computeContributorStats(db));
    expect(list.length).toBeGreaterThan(0);
  });
});

/**
 * The running sums give exactly the table a recomputation from every response gives, after every kind
 * of write (METRICS.md step 5: bit-identical), whoever writes: services, the CLI's paths, raw SQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { TASKS } from '../../shared/tasks';
import { openDb, type Db } from '../db/client';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { walkBatch } from '../testing/walkBatch';
import { createCallerFactory } from '../trpc';
import { appRouter } from '../routers/_app';
import { excludeContributor, excludeQuestion, includeContributor, includeQuestion } from './baseline/exclusions';
import { deletePredictions } from './deletePredictions';
import { importDataset } from './importDataset';
import { importPredictions } from './importPredictions';
import { benchmarkTable, tableFromQuestionSums, tableFromResponses } from './results';
import { updateSettings } from './settings';
import { COUNTED_PAIR_SQL, flushSums, tableStamp } from './tableSums';

/** Collects what a CLI command writes to standard output. */
function captureStdout() {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof process.stdout.write;
  return { text: () => chunks.join(''), restore: () => void (process.stdout.write = write) };
}

/** A seeded generator (mulberry32), so a failure is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PER_TASK = 6;

describe('the table from running sums', () => {
  let dir: string;
  let db: Db;
  const expectExact = () => {
    const running = JSON.stringify(benchmarkTable(db));
    expect(running).toBe(JSON.stringify(tableFromResponses(db)));
    expect(running).toBe(JSON.stringify(tableFromQuestionSums(db)));
  };
  const dirty = () => db.$client.prepare('select count(*) from sums_dirty').pluck().get() as number;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-sums-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    await importDataset(db, { datasetPath: writeFixtureDataset(PER_TASK), imagesDir: path.join(dir, 'images') });
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Random human answers stored with raw SQL (scores as a service would store them, ∞ included). */
  function insertHuman(random: () => number, n: number, from: number): void {
    const ids = db.$client.prepare('select id, task from questions').all() as { id: string; task: string }[];
    const insert = db.$client.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version)
      values (?, ?, 'Human', ?, 'answer', '"x"', ?, ${METRIC_VERSION})`);
    for (let i = 0; i < n; i++) {
      const q = ids[Math.floor(random() * ids.length)];
      const valid = random() > 0.1;
      const v = () => Math.round(random() * 1e6) / 1e6 + random() * 1e-9;
      const scores =
        q.task === 'pose' ? { valid, iou3d: random() > 0.2 ? v() : null, iou2d: v() }
        : q.task === 'trajectory' ? { valid, success: random() > 0.5 ? 1 : 0, dist: valid ? v() * 300 : 'inf' }
        : q.task === 'grasp' ? { valid, nce: valid ? v() * 2 : 'inf' }
        : q.task === 'rearrangement' ? { valid, recall: v(), precision: v() }
        : { valid, correct: random() > 0.4 ? 1 : 0 };
      insert.run(`h-${from + i}`, q.id, `a${Math.floor(random() * 5)}`, JSON.stringify(scores));
    }
  }

  async function importModels(): Promise<void> {
    const file = path.join(dir, 'models.jsonl');
    const ids = db.$client.prepare('select id, task from questions').all() as { id: string; task: string }[];
    const lines = ids.flatMap((q, i) => {
      const box = '[[100, 300], [200, 300], [220, 260], [120, 260], [100, 200], [200, 200], [220, 160], [120, 160]]';
      const good = q.task === 'spatial' || q.task === 'depth' ? 'yes' : q.task === 'pose' ? box : '[[300, 200], [280, 200], [320, 200], [280, 230], [320, 230]]';
      return [
        { id: q.id, source: 'Model A', output: good },
        ...(i % 3 === 0 ? [{ id: q.id, source: 'Model B', output: 'unreadable' }] : []),
      ];
    });
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await importPredictions(db, file);
  }

  it('equals the table from every response after additions, exclusions, rejections, rescores and deletions', async () => {
    const random = rng(7);
    await importModels();
    expect(dirty()).toBe(0); // the import flushed in its own transaction
    expectExact();
    insertHuman(random, 120, 0);
    expect(dirty()).toBeGreaterThan(0); // raw SQL: the triggers noted the pairs, the next read flushes
    expectExact();
    expect(dirty()).toBe(0);
    const before = JSON.stringify(benchmarkTable(db));

    excludeContributor(db, 'a1', 'too fast', null);
    expectExact();
    expect(JSON.stringify(benchmarkTable(db))).not.toBe(before);
    includeContributor(db, 'a1');
    expect(JSON.stringify(benchmarkTable(db))).toBe(before); // removal is exact: back to the same bits

    const [first] = db.$client.prepare("select id from questions where task = 'grasp' order by id").pluck().all() as string[];
    excludeQuestion(db, first, 'ambiguous', null);
    expectExact();
    includeQuestion(db, first);
    db.$client.prepare("update questions set review_status = 'rejected' where id = ?").run(first);
    expectExact();
    db.$client.prepare("update questions set review_status = 'accepted' where id = ?").run(first);
    expect(JSON.stringify(benchmarkTable(db))).toBe(before);

    // A rescore in progress (older version) and a raw score change.
    db.$client.exec(`update responses set metric_version = 1 where source = 'Model A' and rowid % 2 = 0`);
    expectExact();
    db.$client.exec(`update responses set scores = '{"valid":true,"correct":0}' where source = 'Human' and question_id like 'spatial%'`);
    expectExact();
    db.$client.exec(`delete from responses where source = 'Human' and rowid % 3 = 0`);
    expectExact();
    deletePredictions(db, 'Model B');
    expectExact();
    expect(benchmarkTable(db).map((r) => r.source)).toEqual(['Human', 'Model A']);
    db.$client.exec(`delete from responses where source = 'Human'`);
    expectExact();
    expect(db.$client.prepare("select count(*) from table_totals where source = 'Human'").pluck().get()).toBe(0);
    expect(db.$client.prepare("select count(*) from question_sums where source = 'Human'").pluck().get()).toBe(0);
  });

  it("recomputes a pair from its question's responses by index, never from all of its source", () => {
    const plan = (db.$client.prepare(`explain query plan ${COUNTED_PAIR_SQL}`).all('q', 'Human') as { detail: string }[]).map((r) => r.detail);
    expect(plan).toContain('SEARCH r USING INDEX responses_question_idx (question_id=?)');
    expect(plan.join('\n')).not.toMatch(/SCAN|responses_source/);
  });

  it('any order of the same answers gives the same bits', () => {
    insertHuman(rng(1), 200, 0);
    const table = JSON.stringify(benchmarkTable(db));
    db.$client.exec('delete from responses');
    expect(benchmarkTable(db)).toEqual([]);
    // The same rows inserted in reverse, in small flushed steps.
    insertHuman(rng(1), 200, 0);
    const rows = db.$client.prepare('select * from responses order by rowid desc').all() as Record<string, unknown>[];
    db.$client.exec('delete from responses');
    flushSums(db.$client);
    const insert = db.$client.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version)
      values (@id, @question_id, @source, @annotator, @kind, @output, @scores, @metric_version)`);
    rows.forEach((r, i) => {
      insert.run(r);
      if (i % 17 === 0) flushSums(db.$client);
    });
    expect(JSON.stringify(benchmarkTable(db))).toBe(table);
  });

  it('a missing trigger is made again at the next open, and the sums brought back to the truth', () => {
    insertHuman(rng(3), 50, 0);
    expectExact();
    db.$client.exec('drop trigger sums_response_insert');
    insertHuman(rng(4), 50, 1000); // not noted: no trigger
    const file = db.$client.name;
    db.$client.close();
    db = openDb(file);
    expectExact();
    // An unchanged database is not marked again at the next open (no needless rebuild at every start).
    db.$client.close();
    db = openDb(file);
    expect(dirty()).toBe(0);
    // A trigger whose text differs from this code's (an older version) is replaced.
    db.$client.exec("drop trigger sums_response_delete; create trigger sums_response_delete after delete on responses begin select 1; end");
    db.$client.close();
    db = openDb(file);
    expect(dirty()).toBeGreaterThan(0);
    db.$client.exec("delete from responses where rowid % 2 = 0");
    expectExact();
  });

  it('bopask table --verify passes on honest sums and fails on tampered ones', async () => {
    insertHuman(rng(5), 40, 0);
    flushSums(db.$client);
    const { run } = await import('../cli/commands/table');
    const out = captureStdout();
    try {
      await run(['--verify', '--db', db.$client.name]);
      db.$client.exec(`update table_totals set totals = replace(totals, '"questions":', '"questions":1') where task = 'spatial'`);
      await expect(run(['--verify', '--db', db.$client.name])).rejects.toThrow(/differs from the table recomputed/);
    } finally {
      out.restore();
    }
    expect(out.text()).toContain('| Human |');
  });

  it('moves with a submitted answer, in the submit transaction, and the stamp with it', async () => {
    updateSettings(db, { verifyPerBatch: 0 });
    const api = createCallerFactory(appRouter)({ db, config: { imagesDir: '/tmp' } });
    expect(benchmarkTable(db)).toEqual([]);
    const stamp = tableStamp(db);
    const { token } = await api.annotate.start({ batchSize: 12 });
    await walkBatch(api, token);
    // Nothing left for a reader to do: every submit flushed its own question's sums.
    expect(dirty()).toBe(0);
    const [human] = benchmarkTable(db);
    expect(human.source).toBe('Human');
    expect(TASKS.reduce((n, t) => n + human.counts[t].responses, 0)).toBe(12);
    expect(tableStamp(db)).not.toBe(stamp);
    expectExact();
  });
});

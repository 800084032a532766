/**
 * Staged imports on a real SQLite file: nothing of an import is visible before it publishes (the
 * table, exports, question pages, crowd panel, counts, statistics), it is all there after (the table
 * equal bit for bit to the recomputation from every response), and a failure at any point leaves
 * nothing behind — a bad line, an error in the middle of staging, a process that died.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { openDb, type Db } from '../db/client';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { walkBatch } from '../testing/walkBatch';
import { createCallerFactory } from '../trpc';
import { appRouter } from '../routers/_app';
import { computeContributorStats } from './baseline/contributors';
import { humanResponseLines, perQuestionLines } from './baseline/downloads';
import { exclusionSummary } from './baseline/exclusions';
import { computeStatistics } from './baseline/statistics';
import { deletePredictions, importedSources } from './deletePredictions';
import { importDataset } from './importDataset';
import { importPredictions, predictionResponseId } from './importPredictions';
import { crowdProgress } from './progress';
import { questionAnswers } from './questionAnswers';
import { benchmarkTable, tableFromQuestionSums, tableFromResponses } from './results';
import { crowdAnswers } from './review/crowd';
import { updateSettings } from './settings';
import { queryPlan } from '../testing/queryPlans';
import { FIRST_STAGED_ROWID_SQL } from '../db/visibility';
import { flushStep, queueSourceRebuilds, RANGE_ROWS_SQL } from './tableSums';

const PER_TASK = 20; // 120 questions: two ranges of a source rebuild

describe('staged imports', () => {
  let dir: string;
  let db: Db;
  let ids: string[];
  const write = (name: string, lines: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return file;
  };
  /** One line per question (and per annotator for `Human`), spatial and depth answered Yes, others unreadable. */
  const linesFor = (source: string, annotators = 1) =>
    ids.flatMap((id) => Array.from({ length: annotators }, (_, a) => ({ id, source, ...(source === 'Human' ? { annotator: `imp${a}` } : {}), output: 'Yes' })));
  const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  /** Everything a curator or a command can see that responses feed. */
  const visibleState = () =>
    JSON.stringify({
      table: benchmarkTable(db),
      fromResponses: tableFromResponses(db),
      fromSums: tableFromQuestionSums(db),
      perQuestion: [...perQuestionLines(db)],
      human: [...humanResponseLines(db)],
      answers: ids.map((id) => questionAnswers(db, id).answers),
      crowd: ids.map((id) => crowdAnswers(db, { id, limit: 50 })),
      progress: crowdProgress(db),
      sources: importedSources(db),
      stats: computeStatistics(db, { seed: 1, resamples: 20, level: 0.95 }),
      contributors: computeContributorStats(db),
      exclusions: exclusionSummary(db),
    });
  const expectExact = () => {
    const running = JSON.stringify(benchmarkTable(db));
    expect(running).toBe(JSON.stringify(tableFromResponses(db)));
    expect(running).toBe(JSON.stringify(tableFromQuestionSums(db)));
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-staged-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    await importDataset(db, { datasetPath: writeFixtureDataset(PER_TASK), imagesDir: path.join(dir, 'images') });
    ids = db.$client.prepare("select id from questions where pool = 'benchmark' order by id").pluck().all() as string[];
    // Some of everything already there: crowd answers through the app, and an imported model.
    updateSettings(db, { verifyPerBatch: 0 });
    const api = createCallerFactory(appRouter)({ db, config: { imagesDir: '/tmp' } });
    const { token } = await api.annotate.start({ batchSize: 12 });
    await walkBatch(api, token);
    await importPredictions(db, write('old.jsonl', linesFor('Model Old')));
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows nothing of an import before it publishes, and all of it, exactly, after', async () => {
    const before = visibleState();
    const responsesBefore = count('select count(*) from responses');
    const lines = [...linesFor('Model New'), ...linesFor('Human', 3)];
    let checked = 0;
    const r = await importPredictions(db, write('new.jsonl', lines), undefined, {
      onStaged: (staged) => {
        // Rows are in the table file, pending: every view is as before.
        expect(count('select count(*) from responses')).toBe(responsesBefore + staged);
        expect(visibleState()).toBe(before);
        checked++;
      },
    });
    expect(checked).toBeGreaterThan(0);
    expect(r).toMatchObject({ inserted: lines.length });
    expect(count('select count(*) from pending_imports')).toBe(0);
    expect(count('select count(*) from sums_dirty')).toBe(0);
    expect(count('select count(*) from sums_rebuild')).toBe(0);
    const after = JSON.parse(visibleState()) as { sources: { source: string; n: number }[] };
    expect(after.sources).toContainEqual({ source: 'Model New', n: ids.length });
    expectExact();
    expect((await importPredictions(db, write('new.jsonl', lines))).inserted).toBe(0); // again: a no-op
  });

  it('removes what it staged when staging fails in the middle, and nothing was ever visible', async () => {
    const before = visibleState();
    const responsesBefore = count('select count(*) from responses');
    const lines = linesFor('Human', 150); // 18,000 rows: several staging transactions
    let chunks = 0;
    const promise = importPredictions(db, write('big.jsonl', lines), undefined, {
      onStaged: () => {
        if (++chunks === 2) throw new Error('disk on fire');
      },
    });
    await expect(promise).rejects.toThrow('disk on fire');
    expect(count('select count(*) from responses')).toBe(responsesBefore);
    expect(count('select count(*) from pending_imports')).toBe(0);
    expect(visibleState()).toBe(before);
    expectExact();
    // And the same file then goes in whole.
    expect((await importPredictions(db, write('big.jsonl', lines))).inserted).toBe(lines.length);
    expectExact();
  });

  it('writes nothing, pending row included, for a file with a bad line', async () => {
    const before = visibleState();
    const file = write('bad.jsonl', [...linesFor('Model New'), { id: 'nope', source: 'Model New', output: 'Yes' }]);
    await expect(importPredictions(db, file)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(count('select count(*) from pending_imports')).toBe(0);
    expect(visibleState()).toBe(before);
  });

  it('refuses a second import while one runs, and removes the rows of one whose process died', async () => {
    let second: Promise<unknown> | null = null;
    await importPredictions(db, write('a.jsonl', linesFor('Human', 300)), undefined, {
      onStaged: () => {
        second ??= importPredictions(db, write('b.jsonl', linesFor('Model B'))).catch((e: Error) => e);
      },
    });
    expect(String(await second)).toMatch(/another import is running \(.*a\.jsonl, process \d+ on /);
    expect(count("select count(*) from responses where source = 'Model B'")).toBe(0);

    // A process that died while staging: its row and rows stay, invisible, until the next import.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const importId = Number(db.$client.prepare('insert into pending_imports (file, pid, host, heartbeat_at) values (?, ?, ?, ?)').run('dead.jsonl', pid, os.hostname(), Date.now()).lastInsertRowid);
    const insert = db.$client.prepare(`insert into responses (id, question_id, source, kind, output, scores, metric_version, import_id)
      values (?, ?, 'Model Dead', 'answer', '"Yes"', '{"valid":true,"correct":1}', ${METRIC_VERSION}, ?)`);
    for (const id of ids) insert.run(predictionResponseId(id, 'Model Dead', undefined), id, importId);
    const before = visibleState();
    expect(before).not.toContain('Model Dead');
    await importPredictions(db, write('c.jsonl', linesFor('Model C')));
    expect(count("select count(*) from responses where source = 'Model Dead'")).toBe(0);
    expect(count('select count(*) from pending_imports')).toBe(0);
    expectExact();
  });

  it('never deletes a pending import’s rows with delete-predictions', async () => {
    await importPredictions(db, write('a.jsonl', linesFor('Model A')), undefined, {
      onStaged: () => {
        expect(() => deletePredictions(db, 'Model A')).toThrow(/no imported predictions from source 'Model A'/);
      },
    });
    expect(count("select count(*) from responses where source = 'Model A'")).toBe(ids.length);
    expectExact();
  });

  it('a source rebuild range by range gives the same bits, with writes between the ranges', async () => {
    await importPredictions(db, write('h.jsonl', linesFor('Human', 2)));
    const exact = JSON.stringify(tableFromResponses(db));
    // Sums lost for two sources; the rebuild brings them back while answers keep arriving.
    db.$client.exec("delete from question_sums where source in ('Human', 'Model Old'); delete from table_totals where source in ('Human', 'Model Old')");
    queueSourceRebuilds(db.$client, ['Human', 'Model Old']);
    const insert = db.$client.prepare(`insert into responses (id, question_id, source, annotator, kind, output, scores, metric_version)
      values (?, ?, 'Human', 'late', 'answer', '"No"', '{"valid":true,"correct":0}', ${METRIC_VERSION})`);
    let steps = 0;
    // A new answer after each of the first steps (later ones would keep the flush busy for ever).
    while (flushStep(db.$client, 0)) if (steps++ < 4) insert.run(`late-${steps}`, ids[(steps * 37) % ids.length]);
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(tableFromResponses(db))).not.toBe(exact);
    expectExact();
  });

  it('rescores at publish the rows of a label corrected while the import ran', async () => {
    const q = ids.filter((id) => id.startsWith('spatial')).at(-1)!;
    const answer = () => (JSON.parse(db.$client.prepare('select item from questions where id = ?').pluck().get(q) as string) as { answer: string }).answer;
    const flipped = answer() === 'Yes' ? 'No' : 'Yes';
    let isChanged = false;
    await importPredictions(db, write('h.jsonl', linesFor('Human', 150)), undefined, {
      onStaged: (staged) => {
        if (isChanged) return;
        // A curator's correction after the first transaction, before this question's rows are stored.
        expect(count(`select count(*) from responses where question_id = '${q}' and annotator like 'imp%'`)).toBe(0);
        expect(staged).toBeLessThan(18_000);
        db.$client.prepare(`update questions set item = json_set(item, '$.answer', ?), version = version + 1 where id = ?`).run(flipped, q);
        db.$client.prepare(`insert into label_versions (question_id, version, action, status, item, changed) select id, version, 'correct', 'corrected', item, '["answer"]' from questions where id = ?`).run(q);
        isChanged = true;
      },
    });
    expect(isChanged).toBe(true);
    // Every imported answer is 'Yes': right exactly when the corrected label is.
    const scores = `{"valid":true,"correct":${flipped === 'Yes' ? 1 : 0}}`;
    expect(count(`select count(*) from responses where question_id = '${q}' and annotator like 'imp%' and scores = '${scores}'`)).toBe(150);
    expectExact();
  });

  it('reads ranges, staged rows and their removal through indexes', () => {
    expect(queryPlan(db, RANGE_ROWS_SQL)[0]).toBe('SEARCH r USING INDEX responses_question_idx (question_id>? AND question_id<?)');
    expect(queryPlan(db, FIRST_STAGED_ROWID_SQL)).toContain('SEARCH s USING COVERING INDEX responses_import_idx (import_id=?)');
    expect(queryPlan(db, 'select rowid from responses where import_id = ? limit 2000')).toEqual(['SEARCH responses USING COVERING INDEX responses_import_idx (import_id=?)']);
  });
});

/**
 * Stored scores carry their metric version: rows of an older version are recomputed by `rescoreStale`
 * (in chunks, crowd answers from their parsed answer, imported outputs from their raw text), and the
 * table never mixes versions meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { openDb, type Db } from '../db/client';
import { writeFixtureDataset } from '../testing/fixtureDataset';
import { importDataset } from './importDataset';
import { importPredictions } from './importPredictions';
import { benchmarkTable } from './results';
import { countStaleScores, rescoreStale, rescoreStaleReporting, SCORABLE_CACHE_SIZE, scorableCacheSize, scorableItem } from './scoring';

describe('metric versions of stored scores', () => {
  let dir: string;
  let db: Db;
  const scoresById = () => Object.fromEntries((db.$client.prepare('select id, scores, metric_version v from responses order by id').all() as { id: string; scores: string; v: number }[]).map((r) => [r.id, [r.scores, r.v]]));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-rescore-'));
    db = openDb(path.join(dir, 'db.sqlite'));
    await importDataset(db, { datasetPath: writeFixtureDataset(3), imagesDir: path.join(dir, 'images') });
    const lines = ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'].flatMap((task) =>
      [0, 1, 2].flatMap((i) => [
        { id: `${task}-${i}`, source: 'Model', output: task === 'spatial' || task === 'depth' ? 'Ｙｅｓ' : '[[100, 300], [200, 300], [220, 260], [120, 260], [100, 200], [200, 200], [220, 160], [120, 160]]' },
        { id: `${task}-${i}`, source: 'Other', output: 'no idea' },
      ]),
    );
    const file = path.join(dir, 'p.jsonl');
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await importPredictions(db, file);
    // A crowd answer, stored parsed, as the annotate service stores it.
    db.$client.exec(`insert into participants (id, token, batch_size) values ('p1', 't1', 10);
      insert into assignments (id, participant_id, question_id, position, mode, status) values (1, 'p1', 'trajectory-0', 0, 'answer', 'answered');
      insert into responses (id, question_id, source, annotator, kind, assignment_id, output, scores, metric_version)
        values ('crowd-1', 'trajectory-0', 'Human', 'p1', 'answer', 1, '{"task":"trajectory","points":[[50,50],[300,100],[500,400]]}', '{"valid":true,"success":1,"dist":0}', ${METRIC_VERSION});`);
  });
  afterEach(() => db.$client.close());

  it('stores the current version with every score', () => {
    expect(countStaleScores(db)).toBe(0);
    expect(db.$client.prepare('select count(*) from responses where metric_version is not ?').pluck().get(METRIC_VERSION)).toBe(0);
  });

  it('recomputes scores of an older version in chunks, and the table never mixes versions meanwhile', () => {
    const before = scoresById();
    const table = JSON.stringify(benchmarkTable(db));
    // Older code: version 1 (null) with other scores.
    db.$client.exec(`update responses set metric_version = null, scores = '{"valid":false,"correct":0,"iou2d":0,"nce":"inf","success":0,"dist":"inf","recall":0,"precision":0}'`);
    expect(countStaleScores(db)).toBe(Object.keys(before).length);
    expect(JSON.stringify(benchmarkTable(db))).toBe(table);
    const progress: [number, number][] = [];
    const r = rescoreStale(db, (done, total) => progress.push([done, total]));
    expect(r).toEqual({ rescored: Object.keys(before).length, total: Object.keys(before).length });
    expect(progress.at(-1)).toEqual([r.total, r.total]);
    expect(scoresById()).toEqual(before);
    expect(countStaleScores(db)).toBe(0);
    expect(JSON.stringify(benchmarkTable(db))).toBe(table);
    expect(rescoreStale(db)).toEqual({ rescored: 0, total: 0 });
  });

  it('a table computed while some rows are stale equals the table after the rescore', () => {
    const table = JSON.stringify(benchmarkTable(db));
    db.$client.exec(`update responses set metric_version = 1, scores = '{"valid":true,"correct":1,"iou2d":1,"nce":0,"success":1,"dist":0,"recall":1,"precision":1}' where rowid % 2 = 0`);
    expect(JSON.stringify(benchmarkTable(db))).toBe(table);
    const lines: string[] = [];
    rescoreStaleReporting(db, (l) => lines.push(l));
    expect(lines[0]).toMatch(/^rescoring \d+ stored score\(s\) with metric version/);
    expect(lines.at(-1)).toMatch(/^rescored \d+ stored score\(s\) in/);
    expect(JSON.stringify(benchmarkTable(db))).toBe(table);
  });

  it('rescores a crowd answer from its parsed answer and an imported output from its raw text', () => {
    db.$client.exec(`update responses set metric_version = null, scores = '{"valid":false}'`);
    rescoreStale(db);
    const get = db.$client.prepare('select scores from responses where id = ?').pluck();
    expect(get.get('crowd-1')).toBe('{"valid":true,"success":1,"dist":0}');
    const spatial = db.$client.prepare(`select scores from responses where question_id = 'spatial-0' and source = 'Model'`).pluck().get();
    expect(spatial).toBe('{"valid":true,"correct":1}'); // full-width 'Ｙｅｓ', read after NFKC
  });
});

describe('the parsed-question cache', () => {
  const question = (i: number, answer = 'Yes') => ({
    id: `lru-${i}`,
    width: 640,
    height: 480,
    item: { id: `lru-${i}`, task: 'spatial', image: 'img/a.png', question: 'Is it left?', answer },
  });

  it('keeps the most recently used questions and drops the oldest past its size', () => {
    const first = scorableItem(question(0));
    const kept = scorableItem(question(1));
    for (let i = 2; i < SCORABLE_CACHE_SIZE + 10; i++) {
      scorableItem(question(i));
      // Used again and again: never the oldest, so never dropped.
      if (i % 1000 === 0) expect(scorableItem(question(1))).toBe(kept);
    }
    expect(scorableCacheSize()).toBe(SCORABLE_CACHE_SIZE);
    expect(scorableItem(question(1))).toBe(kept);
    const again = scorableItem(question(0));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('never serves an old truth for a changed label', () => {
    expect(scorableItem(question(5, 'Yes')).gt).toEqual({ task: 'spatial', value: true });
    expect(scorableItem(question(5, 'No')).gt).toEqual({ task: 'spatial', value: false });
  });
});

/**
 * "Redundancy where it matters" on a real SQLite file: off by default and then the paper's random
 * share; on, the second answers go to the questions whose first answer agreed least with the label,
 * then at random; the per-task counts follow every change by trigger; every statement is an index walk.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../db/client';
import { fixtureAnswer } from '../testing/answers';
import { fixtureItem, writeFixtureDataset } from '../testing/fixtureDataset';
import { fillOlderDatabase, journalLength, openOlderDatabase } from '../testing/olderDatabase';
import { queryPlan, recordStatements, scansIn } from '../testing/queryPlans';
import { getBatch, startOrResume, submitResponse } from './annotate';
import { OPEN_HOLD_MS } from './assignment';
import { importDataset } from './importDataset';
import { rescoreStale } from './scoring';
import { fillFirstAnswerScores, firstAnswerScore, NO_FIRST_ANSWER } from './secondOpinion';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from './settings';

const N = 10;
const ids = Array.from({ length: N }, (_, i) => `grasp-${i}`);

/**
 * Ten grasp questions on a real database file. Every contributor answers with grasp-0's label, so the
 * first answer to grasp-i lies i/2 px off its label (NCE i/60): its score falls as i grows (grasp-9 lowest).
 */
async function setup(): Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-second-'));
  writeFixtureDataset(0, '', dir); // the image
  const dataset = path.join(dir, 'grasp.jsonl');
  const item = (i: number) => {
    const base = fixtureItem('grasp', 0) as { answer: [number, number][] };
    return { ...base, id: ids[i], question: `Grasp question ${i}?`, answer: base.answer.map(([x, y]) => [x, y + i / 2]) };
  };
  fs.writeFileSync(dataset, ids.map((_, i) => JSON.stringify(item(i))).join('\n') + '\n');
  const db = openDb(path.join(dir, 'db.sqlite'), { log: () => {} });
  await importDataset(db, { datasetPath: dataset, imagesDir: path.join(dir, 'images') });
  updateSettings(db, { verifyPerBatch: 0, redundancyShare: 0.3 });
  return db;
}

/** One contributor's whole batch of ten, answered in order; returns the questions in the order bound. */
async function contributor(db: Db, name: string, now = Date.now(), answers = N): Promise<string[]> {
  const { token } = await startOrResume(db, { batchSize: N, externalId: name });
  for (let n = 0; n < answers; n++) {
    const item = getBatch(db, token, now).items.find((x) => x.status === 'open');
    if (!item) break;
    submitResponse(db, { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 5, kind: 'answer', answer: fixtureAnswer('grasp') }, now);
  }
  return boundOf(db, token);
}

function boundOf(db: Db, token: string): string[] {
  return db.$client
    .prepare(`select a.question_id from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.question_id is not null order by a.position`)
    .pluck()
    .all(token) as string[];
}

const scoreOf = (db: Db, id: string) => db.$client.prepare('select first_answer_score from questions where id = ?').pluck().get(id) as number;
const counts = (db: Db) => db.$client.prepare(`select questions, doubled from redundancy_counts where task = 'grasp'`).get() as { questions: number; doubled: number };
const byRank = (db: Db, where: string) => db.$client.prepare(`select id from questions where ${where} order by hash_rank`).pluck().all() as string[];

afterEach(() => vi.restoreAllMocks());

describe('the first-answer score', () => {
  it('follows the rule per task, 0 (disagrees) to 1', () => {
    expect(firstAnswerScore('pose', { valid: true, iou3d: 0.42, iou2d: 0.9 }, 640, 480)).toBe(0.42);
    expect(firstAnswerScore('pose', { valid: true, iou3d: null, iou2d: 0.3 }, 640, 480)).toBe(0.3);
    expect(firstAnswerScore('grasp', { valid: true, nce: 0.05 }, 640, 480)).toBeCloseTo(0.75);
    expect(firstAnswerScore('grasp', { valid: true, nce: 0.5 }, 640, 480)).toBe(0);
    expect(firstAnswerScore('grasp', { valid: false, nce: Infinity }, 640, 480)).toBe(0);
    expect(firstAnswerScore('spatial', { valid: true, correct: 0 }, 640, 480)).toBe(0);
    expect(firstAnswerScore('depth', { valid: true, correct: 1 }, 640, 480)).toBe(1);
    expect(firstAnswerScore('rearrangement', { valid: true, recall: 1, precision: 0.5 }, 640, 480)).toBe(0.75);
    // Trajectory: a success is 0.5 plus the path's closeness (1 − dist / diagonal 800) over two.
    expect(firstAnswerScore('trajectory', { valid: true, success: 1, dist: 0 }, 640, 480)).toBe(1);
    expect(firstAnswerScore('trajectory', { valid: true, success: 1, dist: 400 }, 640, 480)).toBe(0.75);
    expect(firstAnswerScore('trajectory', { valid: true, success: 0, dist: 200 }, 640, 480)).toBe(0.375);
    expect(firstAnswerScore('trajectory', { valid: false, success: 0, dist: Infinity }, 640, 480)).toBe(0);
  });
});

describe('second answers', () => {
  it('are off by default: the stable random share (hash rank below share · 2^32), as before', async () => {
    const db = await setup();
    expect(DEFAULT_SETTINGS.redundancyByDisagreement).toBe(0);
    expect(getSettings(db).redundancyByDisagreement).toBe(0);
    expect(new Set(await contributor(db, 'a'))).toEqual(new Set(ids));
    // The first answers' scores are stored in the submit transaction, falling as the offset grows.
    const scores = ids.map((id) => scoreOf(db, id));
    expect(scores[0]).toBe(1);
    for (let i = 1; i < N; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    const randomShare = byRank(db, `hash_rank < ${Math.floor(0.3 * 2 ** 32)}`);
    expect(randomShare.length).toBeGreaterThan(0);
    // The test tells the rules apart only if the random share is not the three lowest scores.
    expect(new Set(randomShare)).not.toEqual(new Set(['grasp-9', 'grasp-8', 'grasp-7']));
    const b = await contributor(db, 'b');
    expect(new Set(b.slice(0, randomShare.length))).toEqual(new Set(randomShare));
    // A second answer never replaces the first answer's score.
    expect(ids.map((id) => scoreOf(db, id))).toEqual(scores);
  });

  it('on: go to the lowest first-answer scores first, as many as the share, then at random', async () => {
    const db = await setup();
    updateSettings(db, { redundancyByDisagreement: 1 });
    await contributor(db, 'a');
    expect(counts(db)).toEqual({ questions: N, doubled: 0 });
    // Math.random 0: each random walk starts at the lowest hash rank, so "at random" is predictable here.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const b = await contributor(db, 'b');
    expect(b.slice(0, 3)).toEqual(['grasp-9', 'grasp-8', 'grasp-7']);
    // round(0.3 · 10) = 3 second answers by score; the fourth is the random order's (hash rank) first.
    const rest = byRank(db, `id not in ('grasp-9', 'grasp-8', 'grasp-7')`);
    expect(b[3]).toBe(rest[0]);
    expect(new Set(b.slice(3))).toEqual(new Set(rest));
    expect(counts(db)).toEqual({ questions: N, doubled: N });
  });

  it('on: a rejected question or one the person had is never given; the budget follows rejections', async () => {
    const db = await setup();
    updateSettings(db, { redundancyByDisagreement: 1 });
    await contributor(db, 'a');
    db.$client.prepare(`update questions set review_status = 'rejected' where id = 'grasp-9'`).run();
    expect(counts(db)).toEqual({ questions: N - 1, doubled: 0 });
    const b = await contributor(db, 'b');
    expect(b).not.toContain('grasp-9');
    // round(0.3 · 9) = 3 by score, from the next lowest.
    expect(b.slice(0, 3)).toEqual(['grasp-8', 'grasp-7', 'grasp-6']);
    // 'a' answered every question once already: a second batch of the same platform id gets nothing.
    expect(await contributor(db, 'a')).toEqual([]);
    db.$client.prepare(`update questions set review_status = 'accepted' where id = 'grasp-9'`).run();
    expect(counts(db)).toEqual({ questions: N, doubled: N - 1 });
  });

  it('on: a second answer left open past its hold gives its place back to the next contributor', async () => {
    const db = await setup();
    updateSettings(db, { redundancyByDisagreement: 1 });
    await contributor(db, 'a');
    const now = Date.now();
    const { token } = await startOrResume(db, { batchSize: N, externalId: 'b' });
    getBatch(db, token, now); // binds grasp-9 and grasp-8, then leaves
    expect(boundOf(db, token)).toEqual(['grasp-9', 'grasp-8']);
    expect(counts(db).doubled).toBe(2);
    const c = await contributor(db, 'c', now + OPEN_HOLD_MS + 1);
    expect(c.slice(0, 3)).toEqual(['grasp-9', 'grasp-8', 'grasp-7']);
  });

  it('on: reads only through indexes (EXPLAIN QUERY PLAN), the score walk by questions_second_opinion_idx', async () => {
    const db = await setup();
    // Every question wants a second answer; 'a' answers five and leaves two bound (no score yet), so
    // 'b' walks all three levels: load 0, the scored ones lowest first, then the unscored at random.
    updateSettings(db, { redundancyByDisagreement: 1, redundancyShare: 1 });
    await contributor(db, 'a', Date.now(), 5);
    const seen = await recordStatements(db, async () => {
      expect((await contributor(db, 'b')).length).toBe(N);
    });
    expect(scansIn(db, seen)).toEqual([]);
    const walk = [...seen].find((s) => /order by "questions"\."first_answer_score"/.test(s));
    expect(walk).toBeDefined();
    const plan = queryPlan(db, walk!);
    expect(plan.join('\n')).toMatch(/^SEARCH questions USING INDEX questions_second_opinion_idx \(pool=\? AND task=\? AND load=\? AND first_answer_score<\?\)$/m);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    const budget = [...seen].find((s) => /from "redundancy_counts"/.test(s));
    expect(queryPlan(db, budget!).join('\n')).toMatch(/SEARCH redundancy_counts USING INDEX sqlite_autoindex_redundancy_counts_1 \(task=\?\)/);
    const unscored = [...seen].find((s) => /indexed by questions_second_opinion_idx/.test(s));
    expect(queryPlan(db, unscored!).join('\n')).toMatch(/questions_second_opinion_idx \(pool=\? AND task=\? AND load=\? AND first_answer_score=\? AND hash_rank>\? AND hash_rank<\?\)/);
  });

  it('keeps its triggers and counts on a migrated database', async () => {
    const db = await setup();
    const triggers = db.$client.prepare(`select name from sqlite_master where type = 'trigger' and tbl_name = 'questions' and name like 'redundancy%' order by name`).pluck().all();
    expect(triggers).toEqual(['redundancy_counts_delete', 'redundancy_counts_insert', 'redundancy_counts_update']);
    db.$client.prepare(`update questions set pool = 'practice' where id = 'grasp-0'`).run();
    expect(counts(db)).toEqual({ questions: N - 1, doubled: 0 });
    db.$client.prepare(`delete from questions where id = 'grasp-1'`).run();
    expect(counts(db)).toEqual({ questions: N - 2, doubled: 0 });
    db.$client.prepare(`update questions set load = 3 where id = 'grasp-2'`).run();
    db.$client.prepare(`update questions set load = 2 where id = 'grasp-2'`).run();
    expect(counts(db)).toEqual({ questions: N - 2, doubled: 1 });
  });

  it('fills counts and first-answer scores of a database from before them (migration, then once at start)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-second-old-')), 'db.sqlite');
    const first = openOlderDatabase(file, 1);
    fillOlderDatabase(first, 25, 20); // q-0 … q-19 answered once, q-20 … q-24 never
    first.$client.close();
    const before = openOlderDatabase(file, journalLength() - 2); // the app just before these migrations
    before.$client.prepare(`update responses set output = '{"task":"spatial","value":false}' where id = 'r-3'`).run();
    before.$client.prepare(`update questions set load = 2 where id = 'q-0'`).run(); // as if held by a second contributor
    before.$client.close();
    const db = openDb(file, { log: () => {} });
    expect(db.$client.prepare(`select questions, doubled from redundancy_counts where task = 'spatial'`).get()).toEqual({ questions: 25, doubled: 1 });
    rescoreStale(db); // as the server does first (these scores are of metric version 1)
    expect(fillFirstAnswerScores(db)).toBe(20);
    expect(scoreOf(db, 'q-0')).toBe(1);
    expect(scoreOf(db, 'q-3')).toBe(0);
    expect(scoreOf(db, 'q-20')).toBe(NO_FIRST_ANSWER);
    expect(fillFirstAnswerScores(db)).toBe(0);
  });
});

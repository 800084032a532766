/**
 * The label-verification campaign is the one place contributors are shown benchmark labels (the leak
 * tests' only exception, tested here): it is off by default, its participants never get answer items
 * of the questions they verified, and its verdicts never enter the Human row.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { benchmarkTable } from '../services/results';
import { refreshCrowdStats } from '../services/review/crowdStats';
import { reviewItem } from '../services/review/view';
import { updateSettings } from '../services/settings';
import { callerWith, reviewDb } from '../testing/reviewFixture';

describe('label-verification campaign', () => {
  let db: Db;
  beforeEach(async () => {
    db = (await reviewDb(4)).db;
    updateSettings(db, { verifyPerBatch: 2 });
  });
  const questionIds = (token: string, mode: string) =>
    (db.$client.prepare(`select a.question_id q from assignments a join participants p on p.id = a.participant_id where p.token = ? and a.mode = ? order by a.position`).all(token, mode) as { q: string }[]).map((r) => r.q);

  it('is closed until an admin opens it', async () => {
    const api = callerWith(db).api;
    await expect(api.annotate.start({ campaign: 'labels' })).rejects.toThrow('the label-verification campaign is not open');
  });

  it('shows labels to verify — by design, the only place a contributor sees one', async () => {
    updateSettings(db, { labelCampaign: 1 });
    const api = callerWith(db).api;
    const { token } = await api.annotate.start({ campaign: 'labels', batchSize: 10, externalId: 'prolific-7' });
    const batch = await api.annotate.batch({ token });
    expect(batch.items).toHaveLength(10);
    for (const item of batch.items) {
      expect(item.mode).toBe('verify');
      const qid = questionIds(token, 'verify')[item.position];
      expect(item.shownAnswer).toEqual(reviewItem(db, qid).label);
    }
    // Votes reach the curators' queue, never the table's Human row.
    await api.annotate.verify({ token, timeMs: 5, assignmentId: batch.items[0].assignmentId, responseId: randomUUID(), isCorrect: false });
    const qid = questionIds(token, 'verify')[0];
    expect(benchmarkTable(db).map((r) => r.source)).not.toContain('Human');
    refreshCrowdStats(db);
    expect(reviewItem(db, qid).votes).toEqual({ correct: 0, wrong: 1 });
  });

  it('never gives its participants, by browser token or platform id, answer items of questions they verified', async () => {
    updateSettings(db, { labelCampaign: 1 });
    const api = callerWith(db).api;
    // 25 questions: a label batch of 20 leaves few to answer, so an overlap would show.
    const byToken = await api.annotate.start({ campaign: 'labels', batchSize: 20 });
    const byPid = await api.annotate.start({ campaign: 'labels', batchSize: 20, externalId: 'prolific-9' });
    const sameBrowser = await api.annotate.start({ batchSize: 10, priorTokens: [byToken.token] });
    const samePerson = await api.annotate.start({ batchSize: 10, externalId: 'prolific-9' });
    for (const [verifier, answerer] of [[byToken, sameBrowser], [byPid, samePerson]]) {
      const verified = new Set(questionIds(verifier.token, 'verify'));
      expect(verified.size).toBe(20);
      const answered = questionIds(answerer.token, 'answer');
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.filter((q) => verified.has(q))).toEqual([]);
    }
  });
});

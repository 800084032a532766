/**
 * Bulk accept by crowd agreement: unreviewed questions whose crowd answers all agree closely with the
 * label (at least `minAnswers` answers, the lowest agreement ≥ `minAgreement`, no "wrong" vote on the
 * label). The page shows the rule and how many it matches before it runs; each accepted question gets
 * a version of its own (action `bulk-accept`, the rule as the reason), written a few hundred at a time
 * so SQLite's write lock is held briefly.
 */
import { and, asc, eq, gt, gte, sql } from 'drizzle-orm';
import type { Task } from '../../../shared/tasks';
import type { Db } from '../../db/client';
import { labelVersions, questions } from '../../db/schema';
import type { SessionUser } from '../auth';
import { refreshCrowdStats } from './crowdStats';
import { flushSums } from '../tableSums';

export interface BulkRule {
  minAnswers: number;
  minAgreement: number;
  task?: Task;
}
const CHUNK = 300;

export function describeRule(r: BulkRule): string {
  return `unreviewed${r.task ? ` ${r.task}` : ''} questions with at least ${r.minAnswers} crowd answer(s), every one agreeing with the label at least ${Math.round(r.minAgreement * 100)}%, and no "wrong" vote`;
}

function matching(r: BulkRule) {
  return and(
    eq(questions.pool, 'benchmark'),
    eq(questions.reviewStatus, 'unreviewed'),
    r.task ? eq(questions.task, r.task) : undefined,
    gte(questions.crowdCount, r.minAnswers),
    gte(questions.crowdMinAgreement, r.minAgreement),
    eq(questions.verifyNo, 0),
  );
}

export function previewBulkAccept(db: Db, r: BulkRule) {
  refreshCrowdStats(db);
  const n = db.select({ n: sql<number>`count(*)` }).from(questions).where(matching(r)).get()!.n;
  return { rule: describeRule(r), count: n };
}

/** Accepts what the rule matches now; returns how many. */
export function runBulkAccept(db: Db, user: SessionUser, r: BulkRule): { rule: string; accepted: number } {
  refreshCrowdStats(db);
  const reason = `bulk accept: ${describeRule(r)}`;
  let accepted = 0;
  let after = '';
  for (;;) {
    const done = db.transaction((tx) => {
      const rows = tx.select().from(questions).where(and(matching(r), gt(questions.id, after))).orderBy(asc(questions.id)).limit(CHUNK).all();
      for (const q of rows) {
        const hasCurrent = tx.select({ id: labelVersions.id }).from(labelVersions).where(and(eq(labelVersions.questionId, q.id), eq(labelVersions.version, q.version))).get();
        if (!hasCurrent) {
          tx.insert(labelVersions).values({ questionId: q.id, version: q.version, action: 'import', status: q.reviewStatus, item: q.item, changed: [], reason: q.reviewReason }).run();
        }
        tx.insert(labelVersions)
          .values({ questionId: q.id, version: q.version + 1, action: 'bulk-accept', status: 'accepted', item: q.item, changed: [], reason, userId: user.id })
          .run();
        tx.update(questions).set({ version: q.version + 1, reviewStatus: 'accepted', reviewReason: reason }).where(eq(questions.id, q.id)).run();
      }
      if (rows.length > 0) after = rows[rows.length - 1].id;
      flushSums(db.$client);
      return rows.length;
    });
    accepted += done;
    if (done < CHUNK) break;
  }
  return { rule: describeRule(r), accepted };
}

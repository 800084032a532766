/**
 * The curated dataset out (FORMAT.md), for `bopask export` and the page's download. Each item carries
 * its review state in `meta.review` ({status, version, reason}) once a curator has touched it; an
 * item never reviewed (version 1, unreviewed) is written exactly as imported, so import-then-export
 * with no edits gives the same lines. `--history` writes every version to a second file (README).
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labelVersions, questions, users } from '../../db/schema';

export interface ExportOptions {
  pool: 'benchmark' | 'practice';
  /** Leave out unreviewed and rejected items. */
  reviewedOnly?: boolean;
}

type Item = Record<string, unknown>;
const BATCH = 1000;

/** The review state as export writes it, or null for an item never reviewed. */
export function reviewMeta(q: { version: number; reviewStatus: string; reviewReason: string | null }) {
  if (q.version === 1 && q.reviewStatus === 'unreviewed') return null;
  return { status: q.reviewStatus, version: q.version, reason: q.reviewReason };
}

function withReview(item: Item, review: ReturnType<typeof reviewMeta>): Item {
  if (!review) return item;
  return { ...item, meta: { ...((item.meta as Item | undefined) ?? {}), review } };
}

/**
 * Dataset lines in import order (rowid), a batch at a time so memory stays flat at any size; each
 * batch is its own short read.
 */
export function* exportLines(db: Db, opts: ExportOptions): Generator<string> {
  let after = 0;
  for (;;) {
    const rows = db
      .select({ rowid: sql<number>`rowid`, item: questions.item, version: questions.version, reviewStatus: questions.reviewStatus, reviewReason: questions.reviewReason })
      .from(questions)
      .where(
        and(
          eq(questions.pool, opts.pool),
          gt(sql`rowid`, after),
          opts.reviewedOnly ? inArray(questions.reviewStatus, ['accepted', 'corrected']) : undefined,
        ),
      )
      .orderBy(sql`rowid`)
      .limit(BATCH)
      .all();
    for (const r of rows) yield JSON.stringify(withReview(r.item, reviewMeta(r)));
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].rowid;
  }
}

/**
 * The history file: one JSON line per stored version of every exported question that has changed,
 * oldest first per question: {id, version, action, status, reason, by, at, changed, item}.
 */
export function* historyLines(db: Db, opts: ExportOptions): Generator<string> {
  let after = 0;
  for (;;) {
    const rows = db
      .select({ v: labelVersions, by: users.username })
      .from(labelVersions)
      .innerJoin(questions, eq(questions.id, labelVersions.questionId))
      .leftJoin(users, eq(users.id, labelVersions.userId))
      .where(
        and(
          eq(questions.pool, opts.pool),
          gt(labelVersions.id, after),
          opts.reviewedOnly ? inArray(questions.reviewStatus, ['accepted', 'corrected']) : undefined,
        ),
      )
      .orderBy(asc(labelVersions.id))
      .limit(BATCH)
      .all();
    for (const { v, by } of rows) {
      yield JSON.stringify({
        id: v.questionId,
        version: v.version,
        action: v.action,
        status: v.status,
        reason: v.reason,
        by: by ?? v.userName,
        at: v.createdAt.toISOString(),
        changed: v.changed,
        item: v.item,
      });
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].v.id;
  }
}

/**
 * Splits an imported line's `meta.review` (written by export) from the item itself: the item is
 * stored without it, and the review state goes to the question's columns.
 */
export function splitReview(item: Item): { item: Item; review: { status: string; version: number; reason: string | null } | null } {
  const meta = item.meta as Item | undefined;
  const review = meta?.review as { status?: unknown; version?: unknown; reason?: unknown } | undefined;
  if (!meta || review === undefined) return { item, review: null };
  const { review: _drop, ...rest } = meta;
  const clean: Item = { ...item };
  if (Object.keys(rest).length > 0) clean.meta = rest;
  else delete clean.meta;
  return {
    item: clean,
    review: {
      status: String(review?.status),
      version: Number(review?.version),
      reason: typeof review?.reason === 'string' ? review.reason : null,
    },
  };
}

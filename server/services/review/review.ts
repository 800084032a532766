/**
 * The curator's actions on a label — accept, correct (and accept), reject, restore — each one a new
 * version in label_versions, guarded by the version number the curator saw (optimistic concurrency:
 * a save based on an older version is refused and the newer label returned). A change of the label
 * rescores every stored response to the question in the same short transaction.
 */
import { and, desc, eq } from 'drizzle-orm';
import { AppError, BadInputError } from '../../../shared/errors';
import type { Db, DbOrTx } from '../../db/client';
import { labelVersions, questions, users } from '../../db/schema';
import type { SessionUser } from '../auth';
import { applyLabel, changedFields, type LabelInput } from './labels';
import { rescoreQuestion } from './rescore';
import { reviewItem, type ReviewItem } from './view';
import { flushSums } from '../tableSums';

export type ReviewStatus = (typeof questions.$inferSelect)['reviewStatus'];
type Action = (typeof labelVersions.$inferSelect)['action'];
type Item = Record<string, unknown>;

export type SaveResult = { ok: true; item: ReviewItem; rescored: number } | { ok: false; conflict: string; item: ReviewItem };

interface Change {
  id: string;
  /** The version the curator's page showed. */
  version: number;
  action: Action;
  status: ReviewStatus;
  reason?: string | null;
  /** The new item, from the current one; null keeps the label as it is (a status change). */
  nextItem: (current: { id: string; task: string; item: Item; width: number; height: number }) => Item | null;
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `no question with id '${id}'`);
}

/** Who last changed the label and when, for the conflict message. */
function lastChange(tx: DbOrTx, id: string): string {
  const row = tx
    .select({ at: labelVersions.createdAt, name: users.username, userName: labelVersions.userName })
    .from(labelVersions)
    .leftJoin(users, eq(users.id, labelVersions.userId))
    .where(eq(labelVersions.questionId, id))
    .orderBy(desc(labelVersions.version))
    .limit(1)
    .get();
  if (!row) return '';
  return ` by ${row.name ?? row.userName ?? 'an import'} at ${row.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function applyChange(db: Db, user: SessionUser, change: Change): SaveResult {
  const outcome = db.transaction((tx): { conflict: string } | { rescored: number } => {
    const q = tx.select().from(questions).where(eq(questions.id, change.id)).get();
    if (!q) throw notFound(change.id);
    if (q.version !== change.version) {
      return {
        conflict:
          `${change.id} was changed${lastChange(tx, change.id)} (now version ${q.version}) after you opened version ` +
          `${change.version}: your change was not saved. The newer label is shown; apply your change to it again if it still holds.`,
      };
    }
    const next = change.nextItem(q) ?? q.item;
    const changed = changedFields(q.item, next);
    const hasCurrent = tx
      .select({ id: labelVersions.id })
      .from(labelVersions)
      .where(and(eq(labelVersions.questionId, q.id), eq(labelVersions.version, q.version)))
      .get();
    // The imported label becomes version 1 of the history the first time it changes.
    if (!hasCurrent) {
      tx.insert(labelVersions)
        .values({ questionId: q.id, version: q.version, action: 'import', status: q.reviewStatus, item: q.item, changed: [], reason: q.reviewReason })
        .run();
    }
    const version = q.version + 1;
    const reason = change.reason?.trim() || null;
    tx.insert(labelVersions)
      .values({ questionId: q.id, version, action: change.action, status: change.status, item: next, changed, reason, userId: user.id })
      .run();
    tx.update(questions).set({ item: next, version, reviewStatus: change.status, reviewReason: reason }).where(eq(questions.id, q.id)).run();
    const rescored = changed.length > 0 ? rescoreQuestion(tx, { ...q, item: next }) : 0;
    flushSums(db.$client);
    return { rescored };
  });
  const item = reviewItem(db, change.id);
  return 'conflict' in outcome ? { ok: false, conflict: outcome.conflict, item } : { ok: true, item, rescored: outcome.rescored };
}

/** The label is right as it is. */
export function acceptLabel(db: Db, user: SessionUser, input: { id: string; version: number; reason?: string }): SaveResult {
  return applyChange(db, user, { ...input, action: 'accept', status: 'accepted', nextItem: () => null });
}

/** The label with the curator's correction, accepted. */
export function correctLabel(db: Db, user: SessionUser, input: { id: string; version: number; label: LabelInput; reason?: string }): SaveResult {
  return applyChange(db, user, {
    ...input,
    action: 'correct',
    status: 'corrected',
    nextItem: (q) => applyLabel(q.id, q.task, q.item, input.label, q),
  });
}

/** The question is wrong beyond correcting: it leaves the benchmark (and its table) until restored. */
export function rejectLabel(db: Db, user: SessionUser, input: { id: string; version: number; reason: string }): SaveResult {
  if (!input.reason.trim()) throw new BadInputError(`rejecting ${input.id} needs a reason`);
  return applyChange(db, user, { ...input, action: 'reject', status: 'rejected', nextItem: () => null });
}

/** Makes an earlier version current again, as a new version (its label and its review status). */
export function restoreVersion(db: Db, user: SessionUser, input: { id: string; version: number; toVersion: number; reason?: string }): SaveResult {
  const target = db
    .select()
    .from(labelVersions)
    .where(and(eq(labelVersions.questionId, input.id), eq(labelVersions.version, input.toVersion)))
    .get();
  if (!target) throw new AppError('NOT_FOUND', `${input.id} has no version ${input.toVersion}`);
  return applyChange(db, user, {
    id: input.id,
    version: input.version,
    action: 'restore',
    status: target.status,
    reason: input.reason?.trim() || `restored version ${input.toVersion}`,
    nextItem: () => target.item,
  });
}

/** What a curator sees of one question: the whole label, its review state, the evidence, its history. */
import { asc, eq } from 'drizzle-orm';
import { formatAnswer } from '../../../shared/tasks';
import type { WorldToCamera } from '../../../shared/geometry/camera';
import type { Mat3 } from '../../../shared/geometry/types';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/client';
import { labelVersions, questions, users } from '../../db/schema';
import { imageUrl } from '../images';
import { scorableItem } from '../scoring';

type Row = typeof questions.$inferSelect;

/** The curator's view of a question row (curators only: it carries the ground truth and regions). */
export function toReviewItem(q: Row) {
  const s = scorableItem(q);
  const camera = (q.item as { camera?: { K?: Mat3; world_to_camera?: WorldToCamera } }).camera;
  const item = q.item as { question_human?: string; meta?: Record<string, unknown> };
  return {
    id: q.id,
    task: q.task,
    pool: q.pool,
    imageUrl: imageUrl(q.imageKey),
    width: q.width,
    height: q.height,
    question: q.question,
    questionHuman: item.question_human ?? null,
    meta: item.meta ?? null,
    label: s.gt,
    answerText: formatAnswer(s.gt),
    regions: s.regions ?? null,
    sourceRegion: s.source_region ?? null,
    targetRegion: s.target_region ?? null,
    box3d: s.box3d ?? null,
    camera: camera?.K ? { K: camera.K, world_to_camera: camera.world_to_camera } : undefined,
    version: q.version,
    status: q.reviewStatus,
    reason: q.reviewReason,
    crowd: { count: q.crowdCount, meanAgreement: q.crowdMeanAgreement, minAgreement: q.crowdMinAgreement },
    votes: { correct: q.verifyYes, wrong: q.verifyNo },
    priority: q.reviewPriority,
  };
}
export type ReviewItem = ReturnType<typeof toReviewItem>;

export function reviewItem(db: Db, id: string): ReviewItem {
  const q = db.select().from(questions).where(eq(questions.id, id)).get();
  if (!q) throw new AppError('NOT_FOUND', `no question with id '${id}'`);
  return toReviewItem(q);
}

/** Every version, oldest first; a label never changed has only its imported version 1. */
export function labelHistory(db: Db, id: string) {
  const q = db.select().from(questions).where(eq(questions.id, id)).get();
  if (!q) throw new AppError('NOT_FOUND', `no question with id '${id}'`);
  const rows = db
    .select({ v: labelVersions, username: users.username })
    .from(labelVersions)
    .leftJoin(users, eq(users.id, labelVersions.userId))
    .where(eq(labelVersions.questionId, id))
    .orderBy(asc(labelVersions.version))
    .all();
  const versions = rows.map(({ v, username }) => ({
    version: v.version,
    action: v.action,
    status: v.status,
    changed: v.changed,
    reason: v.reason,
    by: username ?? v.userName ?? null,
    at: v.createdAt.getTime(),
    answerText: formatAnswer(scorableItem({ ...q, item: v.item }).gt),
  }));
  if (versions.length === 0) {
    versions.push({ version: q.version, action: 'import', status: q.reviewStatus, changed: [], reason: q.reviewReason, by: null, at: q.createdAt.getTime(), answerText: formatAnswer(scorableItem(q).gt) });
  }
  return { id, current: q.version, versions };
}

/** The curators' review of generated labels: one item, its history, and the actions on its label. */
import { z } from 'zod';
import { taskSchema } from '../../shared/tasks';
import { previewBulkAccept, runBulkAccept } from '../services/review/bulkAccept';
import { adoptAnswer } from '../services/review/adopt';
import { crowdAnswers } from '../services/review/crowd';
import { labelInputSchema } from '../services/review/labels';
import { objectRegions } from '../services/review/objectRegions';
import { queueCounts, REVIEW_STATUSES, reviewQueue } from '../services/review/queue';
import { acceptLabel, correctLabel, rejectLabel, restoreVersion } from '../services/review/review';
import { labelHistory, reviewItem } from '../services/review/view';
import { curatorProcedure, router } from '../trpc';

const id = z.string().min(1).max(500);
const version = z.number().int().min(1);
const reason = z.string().max(2000);

const pool = z.enum(['benchmark', 'practice']).default('benchmark');
const bulkRule = z.object({
  minAnswers: z.number().int().min(1).max(100),
  minAgreement: z.number().min(0.5).max(1),
  task: taskSchema.optional(),
});

export const reviewRouter = router({
  /** A page of the queue, most likely wrong first; `cursor` is the previous page's `next`. */
  queue: curatorProcedure
    .input(
      z.object({
        pool,
        task: taskSchema.optional(),
        status: z.enum(REVIEW_STATUSES).optional(),
        dataset: z.string().max(200).optional(),
        scene: z.string().max(200).optional(),
        disagrees: z.boolean().optional(),
        search: z.string().max(200).optional(),
        cursor: z.object({ priority: z.number(), id }).nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input: { cursor, limit, ...filter } }) => reviewQueue(ctx.db, filter, cursor ?? null, limit)),
  /** The rule in words and how many questions it matches now, shown before it runs. */
  bulkAcceptPreview: curatorProcedure.input(bulkRule).query(({ ctx, input }) => previewBulkAccept(ctx.db, input)),
  bulkAccept: curatorProcedure.input(bulkRule).mutation(({ ctx, input }) => runBulkAccept(ctx.db, ctx.user, input)),
  counts: curatorProcedure.input(z.object({ pool })).query(({ ctx, input }) => queueCounts(ctx.db, input.pool)),
  item: curatorProcedure.input(z.object({ id })).query(({ ctx, input }) => reviewItem(ctx.db, input.id)),
  history: curatorProcedure.input(z.object({ id })).query(({ ctx, input }) => labelHistory(ctx.db, input.id)),
  accept: curatorProcedure
    .input(z.object({ id, version, reason: reason.optional() }))
    .mutation(({ ctx, input }) => acceptLabel(ctx.db, ctx.user, input)),
  correct: curatorProcedure
    .input(z.object({ id, version, label: labelInputSchema, reason: reason.optional() }))
    .mutation(({ ctx, input }) => correctLabel(ctx.db, ctx.user, input)),
  reject: curatorProcedure
    .input(z.object({ id, version, reason: reason.min(1, { error: 'a rejection needs a reason' }) }))
    .mutation(({ ctx, input }) => rejectLabel(ctx.db, ctx.user, input)),
  /** The crowd's and the models' answers, each scored against the current label; `cursor` is the previous page's `next`. */
  crowd: curatorProcedure
    .input(z.object({ id, cursor: z.number().int().min(0).nullish(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => crowdAnswers(ctx.db, input)),
  /** One crowd or model answer becomes the new label (a correction whose reason names its source). */
  adopt: curatorProcedure
    .input(z.object({ id, version, responseId: z.string().min(1).max(200), reason: reason.optional() }))
    .mutation(({ ctx, input }) => adoptAnswer(ctx.db, ctx.user, input)),
  /** The regions of the objects in the question's image, for a new marker to take its region from. */
  objectRegions: curatorProcedure.input(z.object({ id })).query(({ ctx, input }) => objectRegions(ctx.db, input.id)),
  restore: curatorProcedure
    .input(z.object({ id, version, toVersion: version, reason: reason.optional() }))
    .mutation(({ ctx, input }) => restoreVersion(ctx.db, ctx.user, input)),
});

/**
 * The crowd contributor's procedures. Every one is keyed by the batch token kept in the contributor's
 * browser; none returns ground truth, regions, other people's answers or (outside verify mode) a
 * generated answer — see services/annotate.ts.
 */
import { z } from 'zod';
import { answerSchema } from '../../shared/answers';
import { getBatch, startOrResume, submitResponse } from '../services/annotate';
import { takeNewBatch } from '../security/guards';
import { clientAddress } from '../security/request';
import { publicProcedure, router } from '../trpc';

const token = z.string().min(16).max(64);
const responseId = z.string().uuid();
/** Time on the question as measured by the page; a day is far beyond any real question. */
const timeMs = z.number().finite().min(0).max(24 * 3600 * 1000);

export const annotateRouter = router({
  /** New batches are limited per client address (security/guards.ts), counted after validation. */
  start: publicProcedure
    .input(
      z.object({
        token: token.optional(),
        externalId: z.string().trim().min(1).max(128).optional(),
        batchSize: z.number().int().min(10).max(25).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      startOrResume(ctx.db, input, () => takeNewBatch(ctx, clientAddress(ctx.req, !!ctx.config.trustProxy))),
    ),
  batch: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => getBatch(ctx.db, input.token)),
  submit: publicProcedure
    .input(z.object({ token, assignmentId: z.number().int(), responseId, timeMs, answer: answerSchema }))
    .mutation(({ ctx, input }) => submitResponse(ctx.db, { ...input, kind: 'answer' })),
  verify: publicProcedure
    .input(
      z.object({
        token,
        assignmentId: z.number().int(),
        responseId,
        timeMs,
        isCorrect: z.boolean(),
        correction: answerSchema.optional(),
      }).refine((v) => !(v.isCorrect && v.correction), { message: 'a correction only goes with isCorrect: false', path: ['correction'] }),
    )
    .mutation(({ ctx, input }) =>
      submitResponse(ctx.db, {
        ...input,
        kind: 'verify',
        isCorrectVerdict: input.isCorrect,
        answer: input.correction,
      }),
    ),
  skip: publicProcedure
    .input(z.object({ token, assignmentId: z.number().int(), responseId, timeMs, reason: z.string().trim().min(1).max(500) }))
    .mutation(({ ctx, input }) => submitResponse(ctx.db, { ...input, kind: 'skip', skipReason: input.reason })),
});

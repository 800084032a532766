/**
 * The crowd contributor's procedures. Every one is keyed by the batch token kept in the contributor's
 * browser; each reply passes its output schema (annotate.types.ts), so none can carry ground truth,
 * regions, other people's answers or (outside verify mode) a generated answer.
 */
import { getBatch, startOrResume } from '../services/annotate';
import { submitGrouped } from '../services/submitGroup';
import { takeNewBatch } from '../security/guards';
import { clientAddress } from '../security/request';
import { publicProcedure, router } from '../trpc';
import { batchInput, batchOutput, skipInput, startInput, startOutput, submitInput, submitOutput, verifyInput } from './annotate.types';

export const annotateRouter = router({
  /** New batches are limited per client address (security/guards.ts), counted after validation. */
  start: publicProcedure
    .input(startInput)
    .output(startOutput)
    .mutation(({ ctx, input }) =>
      startOrResume(ctx.db, input, () => takeNewBatch(ctx, clientAddress(ctx.req, !!ctx.config.trustProxy))),
    ),
  batch: publicProcedure
    .input(batchInput)
    .output(batchOutput)
    .query(({ ctx, input }) => getBatch(ctx.db, input.token)),
  submit: publicProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(({ ctx, input }) => submitGrouped(ctx.db, { ...input, kind: 'answer' })),
  verify: publicProcedure
    .input(verifyInput)
    .output(submitOutput)
    .mutation(({ ctx, input }) =>
      submitGrouped(ctx.db, { ...input, kind: 'verify', isCorrectVerdict: input.isCorrect, answer: input.correction }),
    ),
  skip: publicProcedure
    .input(skipInput)
    .output(submitOutput)
    .mutation(({ ctx, input }) => submitGrouped(ctx.db, { ...input, kind: 'skip', skipReason: input.reason })),
});

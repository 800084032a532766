/** Curators exclude contributors or questions from the table, with a reason, and take it back. */
import { z } from 'zod';
import { excludeContributor, excludeQuestion, includeContributor, includeQuestion, MAX_REASON_LENGTH } from '../../services/baseline/exclusions';
import { curatorProcedure, router } from '../../trpc';

const reason = z.string().max(MAX_REASON_LENGTH);

export const exclusionsRouter = router({
  excludeContributor: curatorProcedure
    .input(z.object({ annotator: z.string().min(1).max(200), reason }))
    .mutation(({ ctx, input }) => excludeContributor(ctx.db, input.annotator, input.reason, ctx.user.id)),
  includeContributor: curatorProcedure
    .input(z.object({ annotator: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => includeContributor(ctx.db, input.annotator)),
  excludeQuestion: curatorProcedure
    .input(z.object({ questionId: z.string().min(1).max(200), reason }))
    .mutation(({ ctx, input }) => excludeQuestion(ctx.db, input.questionId, input.reason, ctx.user.id)),
  includeQuestion: curatorProcedure
    .input(z.object({ questionId: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => includeQuestion(ctx.db, input.questionId)),
});

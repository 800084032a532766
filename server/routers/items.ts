import { z } from 'zod';
import { taskSchema } from '../../shared/tasks';
import { QUESTION_POOLS } from '../db/schema';
import { listQuestions, questionStats } from '../services/questions';
import { questionAnswers } from '../services/questionAnswers';
import { curatorProcedure, publicProcedure, router } from '../trpc';

export const itemsRouter = router({
  /** Question counts per task and pool: what the home page shows. */
  stats: publicProcedure
    .output(z.object({ total: z.number(), byTask: z.array(z.object({ task: taskSchema, pool: z.enum(QUESTION_POOLS), count: z.number() })) }))
    .query(({ ctx }) => questionStats(ctx.db)),
  list: curatorProcedure
    .input(
      z.object({
        task: taskSchema.optional(),
        pool: z.enum(QUESTION_POOLS).default('benchmark'),
        idPrefix: z.string().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(({ ctx, input }) => listQuestions(ctx.db, input)),

  /** One question with its ground truth and every human and model answer with scores (the question page). */
  answers: curatorProcedure
    .input(z.object({ questionId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => questionAnswers(ctx.db, input.questionId)),
});

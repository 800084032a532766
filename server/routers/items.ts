import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { formatAnswer, taskSchema } from '../../shared/answers';
import { questions } from '../db/schema';
import { imageUrl } from '../services/images';
import { scorableItem } from '../services/scoring';
import { curatorProcedure, publicProcedure, router } from '../trpc';

export const itemsRouter = router({
  /** Question counts per task and pool: what the home page shows. Reveals no answer. */
  stats: publicProcedure.query(({ ctx }) => {
    const rows = ctx.db
      .select({ task: questions.task, pool: questions.pool, count: sql<number>`count(*)` })
      .from(questions)
      .groupBy(questions.task, questions.pool)
      .all();
    const total = rows.filter((r) => r.pool === 'benchmark').reduce((s, r) => s + r.count, 0);
    return { total, byTask: rows };
  }),
  /** Curators only: a page of questions with their ground truth in the paper's text form. */
  list: curatorProcedure
    .input(
      z.object({
        task: taskSchema.optional(),
        pool: z.enum(['benchmark', 'practice']).default('benchmark'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(({ ctx, input }) => {
      const where = and(eq(questions.pool, input.pool), input.task ? eq(questions.task, input.task) : undefined);
      const total = ctx.db.select({ n: sql<number>`count(*)` }).from(questions).where(where).get()!.n;
      const rows = ctx.db.select().from(questions).where(where).orderBy(asc(questions.id)).limit(input.limit).offset(input.offset).all();
      return {
        total,
        items: rows.map((q) => ({
          id: q.id,
          task: q.task,
          imageUrl: imageUrl(q.imageKey),
          width: q.width,
          height: q.height,
          question: q.question,
          answer: formatAnswer(scorableItem(q).gt),
        })),
      };
    }),
});

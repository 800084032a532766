import { z } from 'zod';
import { formatTable, TABLE_FORMATS } from '../../shared/metrics/table';
import { benchmarkTable, excludedQuestions } from '../services/results';
import { curatorProcedure, router } from '../trpc';

export const resultsRouter = router({
  /**
   * The benchmark table, for curators and admins only: its per-task means move with each answer, so
   * while collection runs a contributor watching it could read their own score, and so the truth.
   */
  table: curatorProcedure.query(({ ctx }) => ({ rows: benchmarkTable(ctx.db), rejected: excludedQuestions(ctx.db) })),
  /** The same table as Markdown, CSV, LaTeX or JSON text, for download. */
  export: curatorProcedure
    .input(z.object({ format: z.enum(TABLE_FORMATS) }))
    .query(({ ctx, input }) => ({ text: formatTable(benchmarkTable(ctx.db), input.format) })),
});

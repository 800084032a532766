import { z } from 'zod';
import { formatTable } from '../../shared/metrics/table';
import { benchmarkTable } from '../services/results';
import { publicProcedure, router } from '../trpc';

export const resultsRouter = router({
  /** The benchmark table (aggregates only: no per-question answers or ground truth). */
  table: publicProcedure.query(({ ctx }) => ({ rows: benchmarkTable(ctx.db) })),
  /** The same table as Markdown, CSV, LaTeX or JSON text, for download. */
  export: publicProcedure
    .input(z.object({ format: z.enum(['md', 'csv', 'latex', 'json']) }))
    .query(({ ctx, input }) => ({ text: formatTable(benchmarkTable(ctx.db), input.format) })),
});

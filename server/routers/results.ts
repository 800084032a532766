/**
 * The benchmark table and what a researcher needs to defend it: statistics, groups, exclusions and
 * downloads. Curators and admins only: its per-task means move with each answer, so while collection
 * runs a contributor watching it could read their own score, and so the truth.
 */
import { z } from 'zod';
import { TABLE_FORMATS } from '../../shared/metrics/table';
import { excludedQuestions } from '../services/results';
import { exclusionsRouter } from './results/exclusions';
import { benchmarkQuestionCounts, statisticsState } from '../services/baseline/statistics';
import { moveGroup, setSourceGroup, MAX_GROUP_LENGTH } from '../services/baseline/groups';
import { tableText, tableView } from '../services/baseline/report';
import { currentStatistics } from '../services/baseline/current';
import { contributorStatsState } from '../services/baseline/contributors';
import { bootstrapSettings, getSettings } from '../services/settings';
import { curatorProcedure, router } from '../trpc';

const format = z.enum(TABLE_FORMATS);

export const resultsRouter = router({
  /** Rows in the table's order, groups, what is left out and the notes; never stale. */
  table: curatorProcedure.query(({ ctx }) => ({
    ...tableView(ctx.db),
    benchmarkQuestions: benchmarkQuestionCounts(ctx.db),
    /** Questions rejected in review: they have left the benchmark (and so the table). */
    rejected: excludedQuestions(ctx.db),
  })),
  /** The last computed intervals, coverage and agreement, with their age (recomputed in the background). */
  statistics: curatorProcedure.query(({ ctx }) => ({
    ...statisticsState(ctx.db, bootstrapSettings(getSettings(ctx.db))),
    now: Date.now(),
  })),
  /**
   * The table as text. With `ci`, the statistics of the current data (computed now if the data changed
   * since the last background run, so a download always matches `bopask table --ci`).
   */
  export: curatorProcedure
    .input(z.object({ format, ci: z.boolean().default(false), ciStyle: z.enum(['brackets', 'pm']).default('brackets') }))
    .query(({ ctx, input }) => ({
      text: tableText(tableView(ctx.db), input.format, input.ci ? currentStatistics(ctx.db) : null, input.ciStyle),
    })),
  setGroup: curatorProcedure
    .input(z.object({ sources: z.array(z.string().min(1).max(100)).min(1).max(100), group: z.string().max(MAX_GROUP_LENGTH).nullable() }))
    .mutation(({ ctx, input }) => setSourceGroup(ctx.db, input.sources, input.group)),
  moveGroup: curatorProcedure
    .input(z.object({ group: z.string().min(1).max(MAX_GROUP_LENGTH), by: z.union([z.literal(-1), z.literal(1)]) }))
    .mutation(({ ctx, input }) => moveGroup(ctx.db, input.group, input.by)),
  /** Per-contributor figures and flags, for screening before the baseline is published. */
  contributors: curatorProcedure.query(({ ctx }) => contributorStatsState(ctx.db)),
  exclusions: exclusionsRouter,
});

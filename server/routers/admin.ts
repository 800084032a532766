import { sql } from 'drizzle-orm';
import { assignments, participants, responses } from '../db/schema';
import { getSettings, settingsSchema, updateSettings } from '../services/settings';
import { adminProcedure, curatorProcedure, router } from '../trpc';

export const adminRouter = router({
  settings: curatorProcedure.query(({ ctx }) => getSettings(ctx.db)),
  updateSettings: adminProcedure
    .input(settingsSchema.partial())
    .mutation(({ ctx, input }) => updateSettings(ctx.db, input)),
  /** Crowd progress: contributors, responses by kind and source, open assignments. */
  progress: curatorProcedure.query(({ ctx }) => {
    const count = (t: typeof participants | typeof assignments) =>
      ctx.db.select({ n: sql<number>`count(*)` }).from(t).get()!.n;
    const bySource = ctx.db
      .select({ source: responses.source, kind: responses.kind, n: sql<number>`count(*)` })
      .from(responses)
      .groupBy(responses.source, responses.kind)
      .all();
    const open = ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .where(sql`${assignments.status} = 'open'`)
      .get()!.n;
    return { participants: count(participants), assignments: count(assignments), openAssignments: open, bySource };
  }),
});

import { crowdProgress } from '../services/progress';
import { getSettings, settingsSchema, updateSettings } from '../services/settings';
import { adminProcedure, router } from '../trpc';

/** The /admin page's procedures: admins only, as the README's page table says. */
export const adminRouter = router({
  settings: adminProcedure.query(({ ctx }) => getSettings(ctx.db)),
  updateSettings: adminProcedure.input(settingsSchema.partial()).mutation(({ ctx, input }) => updateSettings(ctx.db, input)),
  progress: adminProcedure.query(({ ctx }) => crowdProgress(ctx.db)),
});

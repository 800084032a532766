import { crowdProgress } from '../services/progress';
import { getSettings, settingsSchema, updateSettings } from '../services/settings';
import { adminProcedure, curatorProcedure, router } from '../trpc';

export const adminRouter = router({
  settings: curatorProcedure.query(({ ctx }) => getSettings(ctx.db)),
  updateSettings: adminProcedure.input(settingsSchema.partial()).mutation(({ ctx, input }) => updateSettings(ctx.db, input)),
  progress: curatorProcedure.query(({ ctx }) => crowdProgress(ctx.db)),
});

import { z } from 'zod';
import { listAccounts, resetPassword, updateAccount } from '../services/accounts';
import { createUser } from '../services/auth';
import { deletePredictions, importedSources } from '../services/deletePredictions';
import { crowdProgress } from '../services/progress';
import { getSettings, settingsSchema, updateSettings } from '../services/settings';
import { adminProcedure, router } from '../trpc';

/** The /admin page's procedures: admins only, as the README's page table says. */
export const adminRouter = router({
  settings: adminProcedure.query(({ ctx }) => getSettings(ctx.db)),
  updateSettings: adminProcedure.input(settingsSchema.partial()).mutation(({ ctx, input }) => updateSettings(ctx.db, input)),
  progress: adminProcedure.query(({ ctx }) => crowdProgress(ctx.db)),
  predictionSources: adminProcedure.query(({ ctx }) => importedSources(ctx.db)),
  /** One source's imported predictions go; import its new file to replace them. */
  deletePredictions: adminProcedure
    .input(z.object({ source: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => deletePredictions(ctx.db, input.source)),
  users: adminProcedure.query(({ ctx }) => listAccounts(ctx.db)),
  createUser: adminProcedure
    .input(z.object({ username: z.string().max(64), password: z.string().max(200), role: z.enum(['curator', 'admin']) }))
    .mutation(({ ctx, input }) => createUser(ctx.db, input.username, input.password, input.role)),
  updateUser: adminProcedure
    .input(z.object({ id: z.number().int(), role: z.enum(['curator', 'admin']).optional(), disabled: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateAccount(ctx.db, ctx.user, input)),
  resetPassword: adminProcedure
    .input(z.object({ id: z.number().int(), password: z.string().max(200) }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, input)),
});

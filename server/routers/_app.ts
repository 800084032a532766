/** Merges the domain routers; the client imports only `type AppRouter` from here. */
import { adminRouter } from './admin';
import { annotateRouter } from './annotate';
import { authRouter } from './auth';
import { itemsRouter } from './items';
import { resultsRouter } from './results';
import { reviewRouter } from './review';
import { router } from '../trpc';

export const appRouter = router({
  admin: adminRouter,
  annotate: annotateRouter,
  auth: authRouter,
  items: itemsRouter,
  results: resultsRouter,
  review: reviewRouter,
});

export type AppRouter = typeof appRouter;

import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/_app';

export type Batch = inferRouterOutputs<AppRouter>['annotate']['batch'];
export type BatchItem = Batch['items'][number];

/** The results procedures' outputs, inferred from the router type (the client imports types only). */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/_app';

type Outputs = inferRouterOutputs<AppRouter>['results'];
export type TableData = Outputs['table'];
export type StatisticsData = Outputs['statistics'];
export type Stats = NonNullable<StatisticsData['stats']>;

import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/_app';

export type Batch = inferRouterOutputs<AppRouter>['annotate']['batch'];
export type BatchItem = Batch['items'][number];

/** The canvas's camera prop from a question as the server sends it (null fields become absent). */
export function canvasCamera(q: BatchItem['question']) {
  return q.camera ? { K: q.camera.K, world_to_camera: q.camera.world_to_camera ?? undefined } : undefined;
}

/**
 * Drives a contributor through their batch the way the page does: questions are bound only when
 * reached (services/assignment.ts), so tests move through the batch instead of reading it whole.
 */
import { randomUUID } from 'node:crypto';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../routers/_app';
import { fixtureAnswer } from './answers';

type Batch = inferRouterOutputs<AppRouter>['annotate']['batch'];
export type Item = Batch['items'][number];

interface AnnotateApi {
  annotate: {
    batch(input: { token: string }): Promise<Batch>;
    submit(input: never): Promise<unknown>;
    verify(input: never): Promise<unknown>;
    skip(input: never): Promise<unknown>;
  };
}

/** Closes one item: verify items get a "correct" verdict, others a valid answer (or a skip). */
export async function closeItem(api: AnnotateApi, token: string, item: Item, how: 'answer' | 'skip' = 'answer'): Promise<void> {
  const base = { token, assignmentId: item.assignmentId, responseId: randomUUID(), timeMs: 5 };
  if (how === 'skip') await api.annotate.skip({ ...base, reason: 'cannot see the object' } as never);
  else if (item.mode === 'verify') await api.annotate.verify({ ...base, isCorrect: true } as never);
  else await api.annotate.submit({ ...base, answer: fixtureAnswer(item.question.task) } as never);
}

/** Closes items in order until the current one matches `wanted`; returns it (or null at the end). */
export async function reachItem(api: AnnotateApi, token: string, wanted: (item: Item) => boolean): Promise<Item | null> {
  for (;;) {
    const current = (await api.annotate.batch({ token })).items.find((i) => i.status === 'open');
    if (!current || wanted(current)) return current ?? null;
    await closeItem(api, token, current);
  }
}

/** Closes every item of the batch in order; returns the finished batch (every item then bound). */
export async function walkBatch(api: AnnotateApi, token: string, how: 'answer' | 'skip' = 'answer'): Promise<Batch> {
  for (;;) {
    const batch = await api.annotate.batch({ token });
    const current = batch.items.find((i) => i.status === 'open');
    if (!current) return batch;
    await closeItem(api, token, current, how);
  }
}

/**
 * The queue's filters live in the URL (so a reload or a shared link keeps them), and its pages come
 * from one infinite query by keyset cursor; the item view walks the same loaded list for prev/next.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { TASKS, type Task } from '../../../shared/tasks';
import { trpc } from '../../trpc';

export const STATUSES = ['unreviewed', 'accepted', 'corrected', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export interface Filters {
  task?: Task;
  status?: Status;
  dataset?: string;
  scene?: string;
  disagrees?: boolean;
  search?: string;
}

const PAGE = 50;

function readFilters(p: URLSearchParams): Filters {
  const task = p.get('task');
  const status = p.get('status');
  return {
    task: TASKS.includes(task as Task) ? (task as Task) : undefined,
    status: STATUSES.includes(status as Status) ? (status as Status) : undefined,
    dataset: p.get('dataset') || undefined,
    scene: p.get('scene') || undefined,
    disagrees: p.get('disagrees') === '1' || undefined,
    search: p.get('q') || undefined,
  };
}

export function useQueue() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const openId = params.get('item');
  const setFilter = useCallback(
    (patch: Partial<Record<'task' | 'status' | 'dataset' | 'scene' | 'disagrees' | 'q' | 'item', string | undefined>>) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      }),
    [setParams],
  );
  const open = useCallback((id: string | null) => setFilter({ item: id ?? undefined }), [setFilter]);
  const pages = useInfiniteQuery({
    ...trpc.review.queue.infiniteQueryOptions({ ...filters, limit: PAGE }, { getNextPageParam: (last) => last.next }),
    // The item view walks this list: a save must not reorder it under the curator's feet.
    staleTime: Infinity,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const counts = useQuery(trpc.review.counts.queryOptions({}));
  return { filters, setFilter, openId, open, pages, items, counts };
}
export type QueueState = ReturnType<typeof useQueue>;

/**
 * The contributor's batch: starts one (or resumes the one whose token this browser keeps), keeps it
 * fresh, and submits answers, verifications and skips with a stable response id per question, so a
 * retry after a lost connection stores one response.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Answer } from '../../../shared/tasks';
import { isRetryable } from '../../errors';
import { trpc } from '../../trpc';
import { contributorStorage, type Campaign } from './storage';

export function useContributorBatch(externalId: string | undefined, campaign: Campaign = 'baseline') {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => contributorStorage.token(campaign));
  const start = useMutation(
    trpc.annotate.start.mutationOptions({
      onSuccess: (r) => {
        contributorStorage.setToken(r.token, campaign);
        setToken(r.token);
      },
    }),
  );
  useEffect(() => {
    // Resume by token (or by platform id); a token the server does not know starts a new batch.
    if (!start.isIdle) return;
    // A baseline batch names this browser's label-campaign batch, whose questions it must not answer.
    const labelsToken = campaign === 'baseline' ? contributorStorage.token('labels') : null;
    start.mutate({ token: token ?? undefined, externalId, campaign, priorTokens: labelsToken ? [labelsToken] : undefined });
  }, []); // oxlint-disable-line react-hooks/exhaustive-deps -- once per page load

  const startedToken = start.data?.token ?? null;
  const batch = useQuery({
    ...trpc.annotate.batch.queryOptions({ token: startedToken ?? '' }),
    enabled: startedToken !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.annotate.batch.queryKey() });

  // Retries reuse the same response id, so a request whose reply was lost is stored once.
  // A refusal (say, an item given back after the hold time) reloads the batch so the page moves on;
  // a server that cannot save (503, full storage) is retried and the answer stays on the page.
  const retry = (count: number, err: unknown) => count < 3 && isRetryable(err);
  const onError = (err: unknown) => {
    if (!isRetryable(err)) void refresh();
  };
  const submit = useMutation(trpc.annotate.submit.mutationOptions({ onSuccess: refresh, onError, retry }));
  const verify = useMutation(trpc.annotate.verify.mutationOptions({ onSuccess: refresh, onError, retry }));
  const skip = useMutation(trpc.annotate.skip.mutationOptions({ onSuccess: refresh, onError, retry }));

  const common = (assignmentId: number) => ({
    token: startedToken!,
    assignmentId,
    responseId: contributorStorage.responseId(assignmentId),
    timeMs: contributorStorage.spentMs(assignmentId),
  });

  return {
    start,
    batch,
    isSaving: submit.isPending || verify.isPending || skip.isPending,
    /** A send is waiting for the connection (TanStack pauses mutations offline and resumes them online). */
    isWaitingForNetwork: submit.isPaused || verify.isPaused || skip.isPaused,
    saveError: submit.error ?? verify.error ?? skip.error,
    submitAnswer: (assignmentId: number, answer: Answer) => submit.mutateAsync({ ...common(assignmentId), answer }),
    submitVerdict: (assignmentId: number, isCorrect: boolean, correction?: Answer) =>
      verify.mutateAsync({ ...common(assignmentId), isCorrect, correction }),
    skipQuestion: (assignmentId: number, reason: string) => skip.mutateAsync({ ...common(assignmentId), reason }),
    restart: () => {
      contributorStorage.setToken(null, campaign);
      window.location.reload();
    },
  };
}

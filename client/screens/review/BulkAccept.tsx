import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Task } from '../../../shared/tasks';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

/** Accept in bulk what the crowd agrees with: the rule and its count are shown before it runs. */
export function BulkAccept({ task }: { task?: Task }) {
  const queryClient = useQueryClient();
  const [minAnswers, setMinAnswers] = useState(3);
  const [minPct, setMinPct] = useState(90);
  const rule = { minAnswers, minAgreement: minPct / 100, task };
  const isValid = minAnswers >= 1 && minPct >= 50 && minPct <= 100;
  const preview = useQuery({ ...trpc.review.bulkAcceptPreview.queryOptions(rule), enabled: isValid });
  const run = useMutation(trpc.review.bulkAccept.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <details className="panel" data-testid="bulk-accept" style={{ margin: '10px 0' }}>
      <summary>Bulk accept by crowd agreement</summary>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(rule);
        }}
      >
        <div>
          <label htmlFor="bulk-min-answers">At least … crowd answers</label>
          <input id="bulk-min-answers" type="number" min={1} max={100} value={minAnswers} onChange={(e) => setMinAnswers(Number(e.target.value))} />
        </div>
        <div>
          <label htmlFor="bulk-min-agreement">Each agreeing at least (%)</label>
          <input id="bulk-min-agreement" type="number" min={50} max={100} value={minPct} onChange={(e) => setMinPct(Number(e.target.value))} />
        </div>
        <button type="submit" className="primary" disabled={!isValid || !preview.data?.count || run.isPending}>
          Accept {preview.data?.count ?? '…'} question(s)
        </button>
      </form>
      {preview.data && <p className="muted">Rule: {preview.data.rule}. Matches {preview.data.count} now.</p>}
      {run.data && <p role="status">Accepted {run.data.accepted}.</p>}
      {(preview.error || run.error) && <p className="error">{errorText(preview.error ?? run.error)}</p>}
    </details>
  );
}

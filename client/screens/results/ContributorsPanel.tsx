import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FLAG_TEXT } from '../../../shared/metrics/quality';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** Per contributor: what a researcher screens before publishing, with exclusion (and a reason). */
export function ContributorsPanel() {
  const queryClient = useQueryClient();
  const state = useQuery({ ...trpc.results.contributors.queryOptions(), refetchInterval: (q) => (q.state.data?.isStale ? 1_500 : 15_000) });
  const list = { data: state.data?.list };
  const invalidate = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.results.pathKey() }) };
  const exclude = useMutation(trpc.results.exclusions.excludeContributor.mutationOptions(invalidate));
  const include = useMutation(trpc.results.exclusions.includeContributor.mutationOptions(invalidate));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  if (!list.data || list.data.length === 0) return null;
  // A flagged contributor's reason starts as the flag's text; the curator may rewrite it.
  const reasonOf = (c: (typeof list.data)[number]) => reasons[c.annotator] ?? (c.flags[0] ? FLAG_TEXT[c.flags[0]] : '');
  return (
    <section>
      <h2>Contributors</h2>
      <p className="muted">Flagged first. Agreement with others and with the label: the share of pairings (answers) within half overlap, half a gripper width or the success radius.</p>
      <table className="data" data-testid="contributors">
        <thead>
          <tr>
            <th>Contributor</th><th>Platform id</th><th>Answered</th><th>Skips</th><th>Median time</th><th>Practice</th>
            <th>Agrees with others</th><th>Agrees with label</th><th>Flags</th><th>In the table</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((c) => (
            <tr key={c.annotator} data-annotator={c.annotator}>
              <td title={c.annotator}>{c.annotator.slice(0, 12)}</td>
              <td>{c.externalId ?? '–'}</td>
              <td>{c.answered}</td>
              <td>{c.skips}</td>
              <td>{seconds(c.medianTimeMs)}</td>
              <td>{pct(c.practicePassShare)}</td>
              <td>{pct(c.agreementShare)} ({c.agreementPairs})</td>
              <td>{pct(c.labelPassShare)}</td>
              <td style={{ textAlign: 'left' }}>{c.flags.map((f) => <span key={f} className="flag" title={FLAG_TEXT[f]}>{f}</span>)}</td>
              <td>
                {c.excluded ? (
                  <>excluded ({c.excluded.reason}) <button onClick={() => include.mutate({ annotator: c.annotator })}>Include</button></>
                ) : (
                  <form className="inline" onSubmit={(e) => { e.preventDefault(); exclude.mutate({ annotator: c.annotator, reason: reasonOf(c) }); }}>
                    <input aria-label={`Reason to exclude ${c.annotator}`} placeholder="reason" value={reasonOf(c)} onChange={(e) => setReasons({ ...reasons, [c.annotator]: e.target.value })} />
                    <button type="submit">Exclude</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(exclude.error || include.error) && <p className="error">{errorText(exclude.error ?? include.error)}</p>}
    </section>
  );
}

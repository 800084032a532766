import { useQuery } from '@tanstack/react-query';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

/** The label's versions, newest first, each restorable (as a new version). */
export function HistoryList({ id, current, onRestore, isBusy }: { id: string; current: number; onRestore(version: number): void; isBusy: boolean }) {
  const history = useQuery(trpc.review.history.queryOptions({ id }));
  if (history.error) return <p className="error">{errorText(history.error)}</p>;
  if (!history.data) return <p className="loading">Loading history…</p>;
  return (
    <ol className="history" data-testid="review-history" reversed>
      {[...history.data.versions].reverse().map((v) => (
        <li key={v.version} data-testid="history-version" data-version={v.version}>
          <div>
            <b>v{v.version}</b> {v.action} → <span className="status" data-status={v.status}>{v.status}</span>
            {v.version === current && <span className="muted"> (current)</span>}
          </div>
          <div className="muted">
            {v.by ?? 'imported'} · {new Date(v.at).toLocaleString()}
            {v.changed.length > 0 && ` · changed ${v.changed.join(', ')}`}
          </div>
          {v.reason && <div>“{v.reason}”</div>}
          <code className="muted answer-text">{v.answerText}</code>
          {v.version !== current && (
            <button disabled={isBusy} onClick={() => onRestore(v.version)} data-testid={`restore-${v.version}`}>
              Restore v{v.version}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

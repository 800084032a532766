import { Link } from 'react-router';
import { TASKS } from '../../../shared/tasks';
import { errorText } from '../../errors';
import { BulkAccept } from './BulkAccept';
import { STATUSES, type QueueState } from './useQueue';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** The queue: filters with counts, and the questions most likely wrong first. */
export function QueuePanel({ q }: { q: QueueState }) {
  const { filters, setFilter, pages, items, counts, open } = q;
  const c = counts.data;
  return (
    <div data-testid="review-queue">
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 16, flexWrap: 'wrap' }}>
        <h1>Review queue</h1>
        <Link to="/curate?author=1" data-testid="author-link">
          New question on your own image
        </Link>
        <span className="muted">
          Download: <a href="/files/export.jsonl" download>dataset</a> · <a href="/files/export.jsonl?reviewed-only=1" download>reviewed only</a> ·{' '}
          <a href="/files/history.jsonl" download>history</a>
        </span>
      </div>
      <div className="stats" data-testid="review-counts">
        {STATUSES.map((s) => (
          <button
            key={s}
            className={`stat status-chip${filters.status === s ? ' selected' : ''}`}
            aria-pressed={filters.status === s}
            data-testid={`count-${s}`}
            onClick={() => setFilter({ status: filters.status === s ? undefined : s })}
          >
            <b>{c ? c.byStatus[s] : '…'}</b>
            {s}
          </button>
        ))}
        <button
          className={`stat status-chip${filters.disagrees ? ' selected' : ''}`}
          aria-pressed={!!filters.disagrees}
          data-testid="count-disagrees"
          onClick={() => setFilter({ disagrees: filters.disagrees ? undefined : '1' })}
        >
          <b>{c ? c.disagrees : '…'}</b>
          crowd disagrees
        </button>
      </div>
      <form className="inline" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="review-task">Task</label>
          <select id="review-task" value={filters.task ?? ''} onChange={(e) => setFilter({ task: e.target.value || undefined })}>
            <option value="">all</option>
            {TASKS.map((t) => (
              <option key={t} value={t}>
                {t}
                {c ? ` (${Object.values(c.byTask[t]).reduce((a, b) => a + b, 0)})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="review-status">Status</label>
          <select id="review-status" value={filters.status ?? ''} onChange={(e) => setFilter({ status: e.target.value || undefined })}>
            <option value="">all</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="review-dataset">Dataset</label>
          <select id="review-dataset" value={filters.dataset ?? ''} onChange={(e) => setFilter({ dataset: e.target.value || undefined })}>
            <option value="">all</option>
            {c?.datasets.map((d) => (
              <option key={d.dataset} value={d.dataset}>
                {d.dataset} ({d.n})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="review-scene">Scene</label>
          <input id="review-scene" size={6} value={filters.scene ?? ''} onChange={(e) => setFilter({ scene: e.target.value.trim() || undefined })} />
        </div>
        <div>
          <label htmlFor="review-search">Search id or text</label>
          <input id="review-search" value={filters.search ?? ''} onChange={(e) => setFilter({ q: e.target.value || undefined })} />
        </div>
      </form>
      <BulkAccept task={filters.task} />
      {pages.error && <p className="error">{errorText(pages.error)}</p>}
      <table className="data" style={{ marginTop: 12 }} data-testid="review-list">
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>Question</th>
            <th style={{ textAlign: 'left' }}>Image</th>
            <th>Status</th>
            <th title="Crowd answers and their mean agreement with the label">Crowd</th>
            <th title="Verification votes on the label">Votes</th>
            <th style={{ textAlign: 'left' }}>Text</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-testid="review-row" data-id={r.id}>
              <td style={{ textAlign: 'left' }}>
                <button className="link-button" onClick={() => open(r.id)}>
                  <b>{r.id}</b>
                </button>
                <div className="muted">
                  {r.task}
                  {r.dataset ? ` · ${r.dataset}` : ''}
                  {r.scene ? ` / ${r.scene}` : ''}
                </div>
              </td>
              <td style={{ textAlign: 'left' }}>
                <button className="thumb" onClick={() => open(r.id)} aria-label={`Review ${r.id}`}>
                  <img src={r.imageUrl} alt="" width={120} height={Math.round((120 * r.height) / r.width)} loading="lazy" />
                </button>
              </td>
              <td>
                <span className="status" data-status={r.status}>
                  {r.status}
                </span>
                <div className="muted">v{r.version}</div>
              </td>
              <td className={r.crowdMeanAgreement !== null && r.crowdMeanAgreement < 0.5 ? 'verdict bad' : undefined}>
                {r.crowdCount > 0 ? `${r.crowdCount} · ${pct(r.crowdMeanAgreement)}` : '–'}
              </td>
              <td className={r.verifyNo > r.verifyYes ? 'verdict bad' : undefined}>{r.verifyYes + r.verifyNo > 0 ? `${r.verifyYes}✓ ${r.verifyNo}✗` : '–'}</td>
              <td style={{ textAlign: 'left', maxWidth: 560 }}>{r.question}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && pages.isSuccess && !pages.hasNextPage && <p className="muted">No question matches these filters.</p>}
      {pages.hasNextPage && (
        <button style={{ marginTop: 10 }} disabled={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : filters.search ? 'Search further' : 'More'}
        </button>
      )}
    </div>
  );
}

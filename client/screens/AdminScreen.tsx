import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { trpc } from '../trpc';
import { AccountsPanel } from './admin/AccountsPanel';
import { ImportPanel } from './admin/ImportPanel';

/** A setting stored as 0 or 1, shown as a checkbox with its label. */
function OnOffSetting({ id, value, onChange, children }: { id: string; value: number; onChange: (v: 0 | 1) => void; children: ReactNode }) {
  return (
    <label htmlFor={id}>
      <input id={id} type="checkbox" checked={value === 1} onChange={(e) => onChange(e.target.checked ? 1 : 0)} /> {children}
    </label>
  );
}

function AdminPanel() {
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  const progress = useQuery(trpc.admin.progress.queryOptions());
  const stats = useQuery(trpc.items.stats.queryOptions());
  // The form shows once the stored settings are in, and is not reset by later refetches.
  const [draft, setDraft] = useState<NonNullable<typeof settings.data> | null>(null);
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);
  const save = useMutation(
    trpc.admin.updateSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <div>
      <h1>Admin</h1>
      <h2>Data</h2>
      <div className="stats">
        <div className="stat">
          <b>{stats.data?.total ?? '…'}</b>benchmark questions
        </div>
        <div className="stat">
          <b>{progress.data?.participants ?? '…'}</b>contributors
        </div>
        <div className="stat">
          <b>{progress.data?.assignments ?? '…'}</b>assignments
        </div>
        <div className="stat">
          <b>{progress.data?.openAssignments ?? '…'}</b>open
        </div>
      </div>
      {progress.data && (
        <table className="data" style={{ maxWidth: 520 }}>
          <thead>
            <tr>
              <th>Source</th>
              <th>Kind</th>
              <th>Responses</th>
            </tr>
          </thead>
          <tbody>
            {progress.data.bySource.map((r) => (
              <tr key={r.source + r.kind}>
                <td>{r.source}</td>
                <td>{r.kind}</td>
                <td>{r.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Assignment</h2>
      {!draft && <p className="loading">Loading settings…</p>}
      {draft && (
      <form
        className="inline panel"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <div>
          <label htmlFor="batch-size">Questions per batch (10–25) — the practice questions (one per task) and the checks below come on top; the contributor's progress bar counts the same questions</label>
          <input id="batch-size" type="number" min={10} max={25} value={draft.batchSize} onChange={(e) => setDraft({ ...draft, batchSize: Number(e.target.value) })} />
        </div>
        <div>
          <label htmlFor="redundancy">Answered twice (share)</label>
          <input id="redundancy" type="number" step={0.05} min={0} max={1} value={draft.redundancyShare} onChange={(e) => setDraft({ ...draft, redundancyShare: Number(e.target.value) })} />
        </div>
        <div>
          <OnOffSetting id="redundancy-by-disagreement" value={draft.redundancyByDisagreement} onChange={(v) => setDraft({ ...draft, redundancyByDisagreement: v })}>
            Second answers first where the first answer disagrees with the label, then at random
          </OnOffSetting>
          <div className="muted" style={{ fontSize: 12, maxWidth: 460 }}>
            Off by default: the paper chose at random, and this can lower the Human row. The results page&apos;s notes say which rule was used.
          </div>
        </div>
        <div>
          <label htmlFor="verify">Verifications per batch</label>
          <input id="verify" type="number" min={0} max={10} value={draft.verifyPerBatch} onChange={(e) => setDraft({ ...draft, verifyPerBatch: Number(e.target.value) })} />
        </div>
        <div>
          <OnOffSetting id="label-campaign" value={draft.labelCampaign} onChange={(v) => setDraft({ ...draft, labelCampaign: v })}>
            Label-verification campaign open (<code>/annotate?campaign=labels</code>: shows benchmark labels to verify; its people never answer those questions)
          </OnOffSetting>
        </div>
        <div>
          <label htmlFor="bootstrap-seed">Interval seed</label>
          <input id="bootstrap-seed" type="number" min={0} value={draft.bootstrapSeed} onChange={(e) => setDraft({ ...draft, bootstrapSeed: Number(e.target.value) })} />
        </div>
        <div>
          <label htmlFor="bootstrap-resamples">Bootstrap resamples</label>
          <input id="bootstrap-resamples" type="number" min={100} max={10000} step={100} value={draft.bootstrapResamples} onChange={(e) => setDraft({ ...draft, bootstrapResamples: Number(e.target.value) })} />
        </div>
        <button className="primary" type="submit" disabled={save.isPending}>
          Save
        </button>
        {save.isSuccess && <span className="muted">Saved.</span>}
      </form>
      )}
      {save.error && <p className="error">{errorText(save.error)}</p>}
      <h2>Accounts</h2>
      <AccountsPanel />
      <h2>Import</h2>
      <ImportPanel />
      <p className="muted">
        The same checks as <code>npx bopask import</code> and <code>npx bopask import-predictions</code>. Download the curated dataset:{' '}
        <a href="/files/export.jsonl" download>all</a> · <a href="/files/export.jsonl?reviewed-only=1" download>reviewed only</a> ·{' '}
        <a href="/files/history.jsonl" download>label history</a>.
      </p>
    </div>
  );
}

export default function AdminScreen() {
  return (
    <LoginGate roles={['admin']}>
      <AdminPanel />
    </LoginGate>
  );
}

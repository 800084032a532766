import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';
import type { TableData } from './types';

/** Models' groups (the paper's blocks), set per model; the groups' order is the order of the blocks. */
export function GroupsPanel({ table }: { table: TableData }) {
  const queryClient = useQueryClient();
  const invalidate = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.results.pathKey() }) };
  const setGroup = useMutation(trpc.results.setGroup.mutationOptions(invalidate));
  const moveGroup = useMutation(trpc.results.moveGroup.mutationOptions(invalidate));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const models = table.rows.map((r) => r.source).filter((s) => s !== HUMAN_SOURCE);
  if (models.length === 0) return null;
  return (
    <section>
      <h2>Model groups</h2>
      <p className="muted">Models under the Human row are grouped like the paper's (e.g. proprietary, open-source, trained on BOP-Ask), blocks in this order, then by name.</p>
      <div className="toolbar" data-testid="group-order">
        {table.groups.order.map((g, i) => (
          <span key={g} className="stat" style={{ minWidth: 0 }}>
            {g}{' '}
            <button aria-label={`Move ${g} up`} disabled={i === 0} onClick={() => moveGroup.mutate({ group: g, by: -1 })}>↑</button>
            <button aria-label={`Move ${g} down`} disabled={i === table.groups.order.length - 1} onClick={() => moveGroup.mutate({ group: g, by: 1 })}>↓</button>
          </span>
        ))}
      </div>
      <datalist id="group-names">
        {table.groups.order.map((g) => <option key={g} value={g} />)}
      </datalist>
      <table className="data" style={{ maxWidth: 640 }}>
        <tbody>
          {models.map((m) => {
            const current = table.groups.bySource[m] ?? '';
            const draft = drafts[m] ?? current;
            return (
              <tr key={m}>
                <td>{m}</td>
                <td>
                  <form className="inline" onSubmit={(e) => { e.preventDefault(); setGroup.mutate({ sources: [m], group: draft.trim() === '' ? null : draft }); }}>
                    <input list="group-names" aria-label={`Group of ${m}`} value={draft} placeholder="no group" onChange={(e) => setDrafts({ ...drafts, [m]: e.target.value })} />
                    <button type="submit" disabled={draft === current}>Save</button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(setGroup.error || moveGroup.error) && <p className="error">{errorText(setGroup.error ?? moveGroup.error)}</p>}
    </section>
  );
}

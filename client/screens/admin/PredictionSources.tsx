import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

/** Imported predictions per source, each deletable (to replace it: delete, then import the new file). */
export function PredictionSources() {
  const queryClient = useQueryClient();
  const sources = useQuery(trpc.admin.predictionSources.queryOptions());
  const remove = useMutation(trpc.admin.deletePredictions.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  if (!sources.data || sources.data.length === 0) return null;
  return (
    <div data-testid="prediction-sources" style={{ marginTop: 10 }}>
      <table className="data" style={{ maxWidth: 520 }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>Imported source</th>
            <th>Answers</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sources.data.map((s) => (
            <tr key={s.source}>
              <td style={{ textAlign: 'left' }}>{s.source}</td>
              <td>{s.n}</td>
              <td>
                <button
                  className="danger"
                  disabled={remove.isPending}
                  onClick={() => window.confirm(`Delete all ${s.n} imported answers of ${s.source}? The table moves at once.`) && remove.mutate({ source: s.source })}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.data && <p role="status">Deleted {remove.data.deleted} answers of {remove.data.source}.</p>}
      {remove.error && <p className="error">{errorText(remove.error)}</p>}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PredictionSources } from './PredictionSources';
import { datasetForm, uploadForm, type UploadResult } from './uploadFiles';

type State = { phase: 'idle' } | { phase: 'uploading'; share: number } | { phase: 'importing' } | { phase: 'done'; result: UploadResult } | { phase: 'failed'; message: string };

/** Import a dataset (with its images, or naming images already stored) or predictions from the page. */
export function ImportPanel() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'dataset' | 'predictions'>('dataset');
  const [file, setFile] = useState<File | null>(null);
  const [folder, setFolder] = useState<File[]>([]);
  const [pool, setPool] = useState<'benchmark' | 'practice'>('benchmark');
  const [state, setState] = useState<State>({ phase: 'idle' });
  const isBusy = state.phase === 'uploading' || state.phase === 'importing';

  const start = async () => {
    if (!file) return;
    const form = kind === 'dataset' ? datasetForm(file, folder, pool) : new FormData();
    if (kind === 'predictions') form.append('predictions', file, file.name);
    setState({ phase: 'uploading', share: 0 });
    try {
      const result = await uploadForm(`/files/import/${kind}`, form, (share) =>
        setState(share >= 1 ? { phase: 'importing' } : { phase: 'uploading', share }),
      );
      setState({ phase: 'done', result });
      if (result.ok) await queryClient.invalidateQueries();
    } catch (err) {
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const share = state.phase === 'uploading' ? state.share : state.phase === 'idle' ? 0 : 1;
  return (
    <div className="panel" data-testid="import-panel">
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div>
          <label htmlFor="import-kind">Import</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="dataset">a dataset</option>
            <option value="predictions">predictions or responses</option>
          </select>
        </div>
        <div>
          <label htmlFor="import-file">File (.jsonl)</label>
          <input id="import-file" type="file" accept=".jsonl,.json,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        {kind === 'dataset' && (
          <>
            <div>
              <label htmlFor="import-images">Images folder (optional)</label>
              <input
                id="import-images"
                type="file"
                multiple
                // Not in React's types: the attribute that lets the picker choose a folder.
                {...{ webkitdirectory: '' }}
                onChange={(e) => setFolder(Array.from(e.target.files ?? []))}
              />
            </div>
            <div>
              <label htmlFor="import-pool">Pool</label>
              <select id="import-pool" value={pool} onChange={(e) => setPool(e.target.value as typeof pool)}>
                <option value="benchmark">benchmark</option>
                <option value="practice">practice</option>
              </select>
            </div>
          </>
        )}
        <button className="primary" type="submit" disabled={!file || isBusy} data-testid="import-start">
          Upload and import
        </button>
      </form>
      <p className="muted" style={{ margin: '6px 0' }}>
        Every line and image is checked before anything is written; a file with any bad line imports nothing. Without an images folder, the
        lines must name images already imported.
      </p>
      {state.phase !== 'idle' && (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} data-testid="import-progress">
          <div className="progress-fill" style={{ width: `${share * 100}%` }} />
          <span>{state.phase === 'uploading' ? `Uploading… ${Math.round(share * 100)}%` : state.phase === 'importing' ? 'Checking and importing…' : 'Done'}</span>
        </div>
      )}
      {state.phase === 'done' && state.result.ok && (
        <p role="status" data-testid="import-result">
          {kind === 'dataset'
            ? `Imported ${state.result.body.inserted} new question(s); ${state.result.body.unchanged} already there.`
            : `Imported: ${JSON.stringify(state.result.body)}`}
        </p>
      )}
      {state.phase === 'done' && !state.result.ok && (
        <p className="error" role="alert" data-testid="import-error">
          {state.result.body.error}
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          {state.message}
        </p>
      )}
      <PredictionSources />
    </div>
  );
}

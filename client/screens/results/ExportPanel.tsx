import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TABLE_FORMAT_NAMES, type TableFormat } from '../../../shared/metrics/table';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

type Format = TableFormat;
const EXTENSION: Record<Format, string> = { md: 'md', csv: 'csv', latex: 'tex', json: 'json' };

/** Saves `text` as a file through a temporary object URL. */
function saveText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** The table as LaTeX/Markdown/CSV/JSON, with or without intervals, to download or copy; the raw downloads beside. */
export function ExportPanel() {
  const [format, setFormat] = useState<Format>('latex');
  const [ci, setCi] = useState(true);
  const [ciStyle, setCiStyle] = useState<'brackets' | 'pm'>('brackets');
  const exported = useQuery(trpc.results.export.queryOptions({ format, ci, ciStyle }));
  const text = exported.data?.text;
  return (
    <section>
      <h2>Export</h2>
      <div className="toolbar">
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label="Export format">
          {Object.entries(TABLE_FORMAT_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={ci} onChange={(e) => setCi(e.target.checked)} /> with intervals and statistics
        </label>
        <select value={ciStyle} onChange={(e) => setCiStyle(e.target.value as 'brackets' | 'pm')} aria-label="Interval style" disabled={!ci}>
          <option value="brackets">[lo, hi]</option>
          <option value="pm">± half-width</option>
        </select>
        <button className="primary" disabled={!text} onClick={() => text && saveText(`bopask-table.${EXTENSION[format]}`, text, 'text/plain;charset=utf-8')}>
          Download
        </button>
        <button disabled={!text} onClick={() => text && navigator.clipboard?.writeText(text)}>
          Copy
        </button>
      </div>
      <div className="toolbar">
        <a className="button" href="/download/per-question.jsonl" download>
          Per-question scores (JSONL)
        </a>
        <a className="button" href="/download/human-responses.jsonl" download>
          Human responses (predictions format, anonymised)
        </a>
        <a className="button" href="/download/participants.csv" download>
          Participants (CSV, for payment)
        </a>
      </div>
      {exported.error && <p className="error">{errorText(exported.error)}</p>}
      <pre className="panel" data-testid="results-export" style={{ overflow: 'auto', fontSize: 12, maxHeight: 360 }}>
        {exported.isFetching && !text ? 'Computing…' : text}
      </pre>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../errors';
import { trpc } from '../trpc';

type Row = { source: string } & Record<string, unknown>;

/** The paper's columns: key, header, direction (higher or lower is better) and decimals. */
const COLUMNS: { key: string; label: string; isHigherBetter: boolean; decimals: number }[] = [
  { key: 'pose_iou3d', label: 'Pose IoU 3D ↑', isHigherBetter: true, decimals: 1 },
  { key: 'pose_iou2d', label: 'IoU 2D ↑', isHigherBetter: true, decimals: 1 },
  { key: 'traj_sr', label: 'Traj. SR ↑', isHigherBetter: true, decimals: 1 },
  { key: 'traj_dist', label: 'Dist. Err. ↓', isHigherBetter: false, decimals: 1 },
  { key: 'grasp_nce', label: 'Grasp NCE ↓', isHigherBetter: false, decimals: 2 },
  { key: 'spatial_sr', label: 'Spatial SR ↑', isHigherBetter: true, decimals: 1 },
  { key: 'depth_sr', label: 'Rel. Depth SR ↑', isHigherBetter: true, decimals: 1 },
  { key: 'rearr_recall', label: 'Rearr. Recall ↑', isHigherBetter: true, decimals: 1 },
  { key: 'rearr_precision', label: 'Precision ↑', isHigherBetter: true, decimals: 1 },
];

function asNumber(v: unknown): number | null {
  if (v === 'inf') return Infinity;
  return typeof v === 'number' ? v : null;
}

function cell(v: unknown, decimals: number): string {
  const n = asNumber(v);
  if (n === null) return '–';
  return n === Infinity ? 'inf' : n.toFixed(decimals);
}

/** Ranks a column: the best value is bold, the second underlined, as in the paper's table. */
function rankClass(rows: Row[], key: string, isHigherBetter: boolean, v: unknown): string {
  const values = [...new Set(rows.map((r) => asNumber(r[key])).filter((n): n is number => n !== null))];
  values.sort((a, b) => (isHigherBetter ? b - a : a - b));
  const n = asNumber(v);
  if (n === null || values.length < 2) return '';
  if (n === values[0]) return 'best';
  return n === values[1] ? 'second' : '';
}

export default function ResultsScreen() {
  const table = useQuery(trpc.results.table.queryOptions());
  const [format, setFormat] = useState<'md' | 'csv' | 'latex' | 'json'>('latex');
  const exported = useQuery({ ...trpc.results.export.queryOptions({ format }), enabled: table.isSuccess });
  const rows = (table.data?.rows ?? []) as Row[];
  return (
    <div>
      <h1>Benchmark results</h1>
      <p className="muted">
        Every response is scored with the same metric code as the command line. Several contributors on one question
        are averaged first; a distance column with an unreadable answer is <code>inf</code>, as in the paper.
      </p>
      {table.error && <p className="error">{errorText(table.error)}</p>}
      {table.isSuccess && rows.length === 0 && <p className="panel">No scored answers yet.</p>}
      {rows.length > 0 && (
        <table className="data" data-testid="results-table">
          <thead>
            <tr>
              <th>Source</th>
              {COLUMNS.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.source}>
                <td>{r.source}</td>
                {COLUMNS.map((c) => (
                  <td key={c.key} className={rankClass(rows, c.key, c.isHigherBetter, r[c.key])}>
                    {cell(r[c.key], c.decimals)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && (
        <>
          <h2>Export</h2>
          <form className="inline" onSubmit={(e) => e.preventDefault()}>
            <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)} aria-label="Export format">
              <option value="latex">LaTeX (booktabs)</option>
              <option value="md">Markdown</option>
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
            </select>
            <button onClick={() => exported.data && navigator.clipboard?.writeText(exported.data.text)}>Copy</button>
          </form>
          <pre className="panel" data-testid="results-export" style={{ overflow: 'auto', fontSize: 12 }}>
            {exported.data?.text}
          </pre>
        </>
      )}
    </div>
  );
}

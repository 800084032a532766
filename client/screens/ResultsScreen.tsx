import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { HUMAN_SOURCE, type TableRow } from '../../shared/metrics/aggregate';
import { COLUMNS, columnRanks, formatCell, TABLE_FORMAT_NAMES, type TableFormat } from '../../shared/metrics/table';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { trpc } from '../trpc';

type Row = TableRow;

/** The shared table module's columns, ranking and rounding, so the page and the exports agree. */
function Cell({ rows, index, column }: { rows: Row[]; index: number; column: (typeof COLUMNS)[number] }) {
  const rank = columnRanks(rows, column.key, column.higherIsBetter, column.decimals)[index];
  const text = formatCell(rows[index][column.key], column.decimals) || '–';
  return <td className={rank === 1 ? 'best' : rank === 2 ? 'second' : ''}>{text}</td>;
}

function ResultsTable() {
  const table = useQuery(trpc.results.table.queryOptions());
  const [format, setFormat] = useState<TableFormat>('latex');
  const exported = useQuery({ ...trpc.results.export.queryOptions({ format }), enabled: table.isSuccess });
  const rows = (table.data?.rows ?? []) as Row[];
  const humanNote = rows.some((r) => r.source === HUMAN_SOURCE) ? ' Human is the reference and is not ranked.' : '';
  return (
    <div>
      <h1>Benchmark results</h1>
      <p className="muted">
        Every response is scored with the same metric code as the command line. Several contributors on one question
        are averaged first; a distance column with an unreadable answer is <code>inf</code>, as in the paper. The best
        model per column is bold, the second underlined.{humanNote}
      </p>
      {table.error && <p className="error">{errorText(table.error)}</p>}
      {table.isSuccess && rows.length === 0 && <p className="panel">No scored answers yet.</p>}
      {table.data && table.data.rejected > 0 && (
        <p className="muted" data-testid="results-rejected">
          {table.data.rejected} question(s) rejected by curators are left out of this table.
        </p>
      )}
      {rows.length > 0 && (
        <table className="data" data-testid="results-table">
          <thead>
            <tr>
              <th>Source</th>
              {COLUMNS.map((c) => (
                <th key={c.key}>
                  {c.header} {c.higherIsBetter ? '↑' : '↓'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.source}>
                <td>{r.source}</td>
                {COLUMNS.map((c) => (
                  <Cell key={c.key} rows={rows} index={i} column={c} />
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
              {Object.entries(TABLE_FORMAT_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
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

export default function ResultsScreen() {
  return (
    <LoginGate roles={['curator', 'admin']}>
      <ResultsTable />
    </LoginGate>
  );
}

import type { TableRow } from '../../../shared/metrics/aggregate';
import type { FigureStats } from '../../../shared/metrics/bootstrap';
import { COLUMNS, columnRanks, formatCell } from '../../../shared/metrics/table';
import type { Stats } from './types';

type Column = (typeof COLUMNS)[number];

/** The interval under a figure: of the figure, or for `inf` of the valid-only mean (shown with it). */
function Interval({ row, column, figure }: { row: TableRow; column: Column; figure: FigureStats | undefined }) {
  if (!figure) return null;
  const d = column.decimals;
  if (row[column.key] === 'inf') {
    const valid = row[column.key === 'traj_dist' ? 'traj_dist_valid' : 'grasp_nce_valid'];
    if (valid === null) return <small className="ci">n = {figure.n}, no valid answer</small>;
    const ci = figure.validCi;
    return (
      <small className="ci" title="mean over valid answers and its interval">
        valid {valid.toFixed(d)}
        {ci && ` [${ci.lo.toFixed(d)}, ${ci.hi.toFixed(d)}]`} · n = {figure.validN}
      </small>
    );
  }
  if (figure.n === 0) return null;
  return (
    <small className="ci" title="95% bootstrap interval · questions">
      {figure.ci && `[${figure.ci.lo.toFixed(d)}, ${figure.ci.hi.toFixed(d)}] · `}n = {figure.n}
    </small>
  );
}

/**
 * The Table 3 layout: Human, then the models by group (a group heading row per block), best model
 * value per column bold and the second underlined; each figure with its interval and question count.
 */
export function ResultsTable({ rows, groups, stats }: { rows: TableRow[]; groups: Record<string, string>; stats: Stats | null }) {
  const ranks = COLUMNS.map((c) => columnRanks(rows, c.key, c.higherIsBetter, c.decimals));
  return (
    <div className="table-scroll">
    <table className="data results" data-testid="results-table">
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
        {rows.map((r, i) => {
          const group = groups[r.source];
          const startsGroup = group !== undefined && (i === 0 || groups[rows[i - 1].source] !== group);
          return [
            startsGroup && (
              <tr key={`g-${group}`} className="group-row">
                <td colSpan={COLUMNS.length + 1}>{group}</td>
              </tr>
            ),
            <tr key={r.source} data-source={r.source}>
              <td>{r.source}</td>
              {COLUMNS.map((c, k) => (
                <td key={c.key} data-column={c.key} className={ranks[k][i] === 1 ? 'best' : ranks[k][i] === 2 ? 'second' : ''}>
                  <span className="figure">{formatCell(r[c.key], c.decimals) || '–'}</span>
                  <Interval row={r} column={c} figure={stats?.figures[r.source]?.[c.key]} />
                </td>
              ))}
            </tr>,
          ];
        })}
      </tbody>
    </table>
    </div>
  );
}

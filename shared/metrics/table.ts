/**
 * The benchmark table in Markdown, CSV, LaTeX (booktabs; best value per column bold, second underlined,
 * as in the paper) and FORMAT.md's JSON. Text formats round as the paper does: percentages and distance
 * to one decimal, NCE to two; JSON is unrounded.
 */
import type { TableRow } from './aggregate';
import { HUMAN_SOURCE } from './aggregate';
import { TABLE_COLUMNS, type TableColumnKey } from '../tasks';

/** The formats the table is written in, for every reader of a `--format` or an export request. */
export const TABLE_FORMATS = ['md', 'csv', 'latex', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
/** Each format's name for people (the results page's export menu). */
export const TABLE_FORMAT_NAMES: Readonly<Record<TableFormat, string>> = { latex: 'LaTeX (booktabs)', md: 'Markdown', csv: 'CSV', json: 'JSON' };
type Key = TableColumnKey;

/** The paper's columns in order, with their direction (↑ higher is better) and decimals: the tasks' own. */
export const COLUMNS = TABLE_COLUMNS;

/** A cell as the paper prints it: rounded number, `inf`, or '' for a column with no answered question. */
export function formatCell(v: number | 'inf' | null, decimals: number): string {
  if (v === null) return '';
  return v === 'inf' ? 'inf' : v.toFixed(decimals);
}

/**
 * Rank of each row's cell in its column among the model rows (Human is the reference, not ranked):
 * 1 = best, 2 = second best, 0 = neither. Ranked on the printed (rounded) values, so ties print alike;
 * `inf` is the worst value of a lower-is-better column.
 */
export function columnRanks(rows: readonly TableRow[], key: Key, higherIsBetter: boolean, decimals: number): number[] {
  const value = (r: TableRow): number | null => {
    const v = r[key];
    if (v === null || r.source === HUMAN_SOURCE) return null;
    if (v === 'inf') return higherIsBetter ? -Infinity : Infinity;
    return Number(v.toFixed(decimals));
  };
  const distinct = [...new Set(rows.map(value).filter((v): v is number => v !== null && Number.isFinite(v)))];
  distinct.sort((a, b) => (higherIsBetter ? b - a : a - b));
  return rows.map((r) => {
    const v = value(r);
    if (v === null) return 0;
    const i = distinct.indexOf(v);
    return i === 0 ? 1 : i === 1 ? 2 : 0;
  });
}

function markdown(rows: readonly TableRow[]): string {
  const head = ['Source', ...COLUMNS.map((c) => `${c.header} ${c.higherIsBetter ? '↑' : '↓'}`)];
  const lines = [`| ${head.join(' | ')} |`, `| --- |${' ---: |'.repeat(COLUMNS.length)}`];
  for (const r of rows) {
    const cells = COLUMNS.map((c) => formatCell(r[c.key], c.decimals) || '–');
    lines.push(`| ${r.source.replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`);
  }
  const notes = rows.flatMap((r) => infNotes(r));
  return lines.join('\n') + (notes.length ? `\n\n${notes.join('\n')}` : '') + '\n';
}

/** "inf" cells get the mean over valid answers and the invalid count beside them (METRICS.md step 3). */
function infNotes(r: TableRow): string[] {
  const out: string[] = [];
  const note = (label: string, task: 'trajectory' | 'grasp', v: number | null, d: number) =>
    out.push(`- ${r.source}, ${label}: inf; over valid answers ${v === null ? '–' : v.toFixed(d)}, ${r.counts[task].invalid} invalid`);
  if (r.traj_dist === 'inf') note('Dist. Err.', 'trajectory', r.traj_dist_valid, 1);
  if (r.grasp_nce === 'inf') note('Grasp NCE', 'grasp', r.grasp_nce_valid, 2);
  return out;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: readonly TableRow[]): string {
  const lines = [['source', ...COLUMNS.map((c) => c.key)].join(',')];
  for (const r of rows) lines.push([csvField(r.source), ...COLUMNS.map((c) => formatCell(r[c.key], c.decimals))].join(','));
  return lines.join('\n') + '\n';
}

function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^]/g, (ch) =>
    ch === '\\' ? '\\textbackslash{}' : ch === '~' ? '\\textasciitilde{}' : ch === '^' ? '\\textasciicircum{}' : `\\${ch}`,
  );
}

function latex(rows: readonly TableRow[]): string {
  const ranks = COLUMNS.map((c) => columnRanks(rows, c.key, c.higherIsBetter, c.decimals));
  const head = COLUMNS.map((c) => `${c.header} ${c.higherIsBetter ? '$\\uparrow$' : '$\\downarrow$'}`);
  const lines = [
    `\\begin{tabular}{l${'r'.repeat(COLUMNS.length)}}`,
    '\\toprule',
    `Method & ${head.join(' & ')} \\\\`,
    '\\midrule',
  ];
  rows.forEach((r, i) => {
    const cells = COLUMNS.map((c, k) => {
      const text = formatCell(r[c.key], c.decimals) || '--';
      return ranks[k][i] === 1 ? `\\textbf{${text}}` : ranks[k][i] === 2 ? `\\underline{${text}}` : text;
    });
    lines.push(`${latexEscape(r.source)} & ${cells.join(' & ')} \\\\`);
    if (r.source === HUMAN_SOURCE && i < rows.length - 1) lines.push('\\midrule');
  });
  lines.push('\\bottomrule', '\\end{tabular}');
  return lines.join('\n') + '\n';
}

function json(rows: readonly TableRow[]): string {
  // Exactly FORMAT.md's fields: the valid-only means stay out of the JSON contract.
  const out = rows.map((r) => ({
    source: r.source,
    ...Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key]])),
    counts: r.counts,
  }));
  return JSON.stringify({ rows: out }, null, 2) + '\n';
}

/** The table in the given format, one row per source in the order given (Human first by convention). */
export function formatTable(rows: TableRow[], format: TableFormat): string {
  switch (format) {
    case 'md':
      return markdown(rows);
    case 'csv':
      return csv(rows);
    case 'latex':
      return latex(rows);
    case 'json':
      return json(rows);
    default: {
      const never: never = format;
      return String(never);
    }
  }
}

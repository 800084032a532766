/**
 * The benchmark table with its statistics, for a paper: every figure with its 95% bootstrap interval
 * (as brackets or as ± half its width) and the questions it rests on, the human baseline's coverage and
 * agreement per task, and notes (bootstrap settings, agreement measures, `inf` figures' valid-only means,
 * what was left out). Same columns, rounding and best/second marks as `formatTable`.
 */
import { TASKS } from '../tasks';
import { HUMAN_SOURCE, type TableRow } from './aggregate';
import { AGREEMENT_MEASURES } from './agreementMeasures';
import { FIGURES, type FigureStats, type Interval } from './bootstrap';
import { COLUMNS, columnRanks, formatCell, type TableFormat } from './table';
import type { TableStatistics } from './tableStats';

export type CiStyle = 'brackets' | 'pm';

export interface TableReport {
  rows: TableRow[];
  stats: TableStatistics;
  /** Sentences for the notes: what the table leaves out and why, how questions got a second answer. */
  notes: string[];
  /** Source → group, for the JSON (rows are already in the table's order). */
  groups?: Record<string, string | null>;
}

type Column = (typeof COLUMNS)[number];

function interval(ci: Interval | null, decimals: number, style: CiStyle): string {
  if (!ci) return '';
  return style === 'pm' ? `± ${((ci.hi - ci.lo) / 2).toFixed(decimals)}` : `[${ci.lo.toFixed(decimals)}, ${ci.hi.toFixed(decimals)}]`;
}

function figure(report: TableReport, row: TableRow, c: Column): FigureStats | undefined {
  return report.stats.figures[row.source]?.[c.key];
}

/** The cell's value, with the interval of the figure (or, for `inf`, of the valid-only mean beside it). */
function cellParts(report: TableReport, row: TableRow, c: Column, style: CiStyle): { value: string; ci: string } {
  const value = formatCell(row[c.key], c.decimals);
  const f = figure(report, row, c);
  if (!f) return { value, ci: '' };
  if (row[c.key] === 'inf') {
    const valid = row[c.key === 'traj_dist' ? 'traj_dist_valid' : 'grasp_nce_valid'];
    if (valid === null) return { value, ci: '' };
    const ci = interval(f.validCi, c.decimals, style);
    return { value, ci: `(valid ${valid.toFixed(c.decimals)}${ci ? ` ${ci}` : ''})` };
  }
  return { value, ci: interval(f.ci, c.decimals, style) };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function agreementText(report: TableReport, task: (typeof TASKS)[number]): string {
  const a = report.stats.humanTasks[task].agreement;
  if (a.value === null) return '–';
  const m = AGREEMENT_MEASURES[task];
  return m.scale === 100 ? `${a.value.toFixed(1)}%` : a.value.toFixed(task === 'grasp' || m.unit === '' ? 2 : 1);
}

/** "inf" figures get the mean over valid answers and the invalid count (METRICS.md step 3). */
function infNotes(r: TableRow): string[] {
  const out: string[] = [];
  const note = (label: string, task: 'trajectory' | 'grasp', v: number | null, d: number) =>
    out.push(`${r.source}, ${label}: inf; over valid answers ${v === null ? '–' : v.toFixed(d)}, ${r.counts[task].invalid} invalid.`);
  if (r.traj_dist === 'inf') note('Dist. Err.', 'trajectory', r.traj_dist_valid, 1);
  if (r.grasp_nce === 'inf') note('Grasp NCE', 'grasp', r.grasp_nce_valid, 2);
  return out;
}

/** Notes every format carries: bootstrap settings, measures of agreement, then the caller's. */
export function reportNotes(report: TableReport): string[] {
  const b = report.stats.bootstrap;
  const measures = TASKS.map((t) => `${t}: ${AGREEMENT_MEASURES[t].name}`).join('; ');
  return [
    `Intervals: ${Math.round(b.level * 100)}% percentile bootstrap over questions, ${b.resamples} resamples, seed ${b.seed}; ` +
      'for an inf figure, the interval of the mean over valid answers beside it.',
    `Agreement between contributors on questions with two or more of them (${measures}).`,
    ...report.rows.flatMap(infNotes),
    ...report.notes,
  ];
}

function markdown(report: TableReport, style: CiStyle): string {
  const head = ['Source', ...COLUMNS.map((c) => `${c.header} ${c.higherIsBetter ? '↑' : '↓'}`)];
  const lines = [`| ${head.join(' | ')} |`, `| --- |${' ---: |'.repeat(COLUMNS.length)}`];
  for (const r of report.rows) {
    const cells = COLUMNS.map((c) => {
      const p = cellParts(report, r, c, style);
      return p.value ? `${p.value}${p.ci ? ` ${p.ci}` : ''}` : '–';
    });
    lines.push(`| ${r.source.replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`);
  }
  lines.push('', '| Questions per figure | ' + COLUMNS.map((c) => c.header).join(' | ') + ' |', `| --- |${' ---: |'.repeat(COLUMNS.length)}`);
  for (const r of report.rows) lines.push(`| ${r.source.replace(/\|/g, '\\|')} | ${COLUMNS.map((c) => String(figure(report, r, c)?.n ?? 0)).join(' | ')} |`);
  lines.push('', '| Human baseline | questions | coverage | responses | contributors | ≥2 contributors | agreement |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const t of TASKS) {
    const s = report.stats.humanTasks[t];
    lines.push(`| ${t} | ${s.questions} | ${pct(s.coverage)} | ${s.responses} | ${s.contributors} | ${pct(s.multiShare)} | ${agreementText(report, t)} |`);
  }
  return lines.join('\n') + '\n\n' + reportNotes(report).map((n) => `- ${n}`).join('\n') + '\n';
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per source: each figure, then its interval bounds and question count (unrounded bounds). */
function csv(report: TableReport): string {
  const head = ['source', 'group', ...COLUMNS.flatMap((c) => [c.key, `${c.key}_lo`, `${c.key}_hi`, `${c.key}_n`])];
  const lines = [head.join(',')];
  for (const r of report.rows) {
    const cells = COLUMNS.flatMap((c) => {
      const f = figure(report, r, c);
      const ci = r[c.key] === 'inf' ? f?.validCi : f?.ci;
      return [formatCell(r[c.key], c.decimals), ci ? String(ci.lo) : '', ci ? String(ci.hi) : '', String(f?.n ?? 0)];
    });
    lines.push([csvField(r.source), csvField(report.groups?.[r.source] ?? ''), ...cells].join(','));
  }
  return lines.join('\n') + '\n';
}

function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^]/g, (ch) =>
    ch === '\\' ? '\\textbackslash{}' : ch === '~' ? '\\textasciitilde{}' : ch === '^' ? '\\textasciicircum{}' : `\\${ch}`,
  );
}

function latex(report: TableReport, style: CiStyle): string {
  const rows = report.rows;
  const ranks = COLUMNS.map((c) => columnRanks(rows, c.key, c.higherIsBetter, c.decimals));
  const head = COLUMNS.map((c) => `${c.header} ${c.higherIsBetter ? '$\\uparrow$' : '$\\downarrow$'}`);
  const lines = [
    '% \\usepackage{booktabs}',
    `\\begin{tabular}{l${'r'.repeat(COLUMNS.length)}}`,
    '\\toprule',
    `Method & ${head.join(' & ')} \\\\`,
    '\\midrule',
  ];
  rows.forEach((r, i) => {
    const cells = COLUMNS.map((c, k) => {
      const p = cellParts(report, r, c, style);
      const text = p.value || '--';
      const marked = ranks[k][i] === 1 ? `\\textbf{${text}}` : ranks[k][i] === 2 ? `\\underline{${text}}` : text;
      return p.ci ? `${marked} {\\scriptsize ${p.ci.replace(/±/g, '$\\pm$')}}` : marked;
    });
    lines.push(`${latexEscape(r.source)} & ${cells.join(' & ')} \\\\`);
    const next = rows[i + 1];
    const group = (s: string) => report.groups?.[s] ?? null;
    if (next && (r.source === HUMAN_SOURCE || group(next.source) !== group(r.source))) lines.push('\\midrule');
  });
  lines.push('\\bottomrule', '\\end{tabular}', ...reportNotes(report).map((n) => `% ${n}`));
  return lines.join('\n') + '\n';
}

/** FORMAT.md's JSON rows, each with `group` and `ci` (per figure: n, lo, hi, valid_n, valid_lo, valid_hi), and `statistics`. */
function json(report: TableReport): string {
  const rows = report.rows.map((r) => ({
    source: r.source,
    ...Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key]])),
    counts: r.counts,
    group: report.groups?.[r.source] ?? null,
    ci: Object.fromEntries(
      FIGURES.map((f) => {
        const s = report.stats.figures[r.source]?.[f.key];
        return [f.key, { n: s?.n ?? 0, lo: s?.ci?.lo ?? null, hi: s?.ci?.hi ?? null, valid_n: s?.validN ?? null, valid_lo: s?.validCi?.lo ?? null, valid_hi: s?.validCi?.hi ?? null }];
      }),
    ),
  }));
  const statistics = { bootstrap: report.stats.bootstrap, human_tasks: report.stats.humanTasks, notes: reportNotes(report) };
  return JSON.stringify({ rows, statistics }, null, 2) + '\n';
}

/** The table with its statistics in the given format. */
export function formatReport(report: TableReport, format: TableFormat, style: CiStyle = 'brackets'): string {
  switch (format) {
    case 'md':
      return markdown(report, style);
    case 'csv':
      return csv(report);
    case 'latex':
      return latex(report, style);
    case 'json':
      return json(report);
    default: {
      const never: never = format;
      return String(never);
    }
  }
}

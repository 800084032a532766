/**
 * The table as the results page, the downloads and `bopask table` show it: rows in the table's order
 * (groups), what it leaves out, how its multi-annotated questions were chosen, and, when computed, the
 * statistics. Page, CLI and `bopask score` run the same formatters over the same rows.
 */
import type { TableRow } from '../../../shared/metrics/aggregate';
import { formatTable, type TableFormat } from '../../../shared/metrics/table';
import { formatReport, type CiStyle, type TableReport } from '../../../shared/metrics/tableReport';
import type { TableStatistics } from '../../../shared/metrics/tableStats';
import type { Db } from '../../db/client';
import { benchmarkTable } from '../results';
import { secondOpinionRule } from '../secondOpinion';
import { getSettings, type Settings } from '../settings';
import { exclusionNotes, exclusionSummary, type ExclusionSummary } from './exclusions';
import { listGroups, orderRows, type Groups } from './groups';
import { tableStamp } from '../tableSums';

export interface TableView {
  rows: TableRow[];
  groups: Groups;
  exclusions: ExclusionSummary;
  notes: string[];
}

/** How the questions answered twice were chosen, as the table's notes say it. */
export function redundancyNote(s: Settings): string {
  return secondOpinionRule(s.redundancyByDisagreement === 1, s.redundancyShare);
}

const viewCache = new WeakMap<Db, { stamp: string; view: TableView }>();

/** The table's rows in order with its notes; cached until the table's inputs or settings change. */
export function tableView(db: Db): TableView {
  const settings = getSettings(db);
  const stamp = `${tableStamp(db)}:${settings.redundancyShare}:${settings.redundancyByDisagreement}`;
  const hit = viewCache.get(db);
  if (hit?.stamp === stamp) return hit.view;
  const groups = listGroups(db);
  const exclusions = exclusionSummary(db);
  const view: TableView = {
    rows: orderRows(benchmarkTable(db), groups),
    groups,
    exclusions,
    notes: [...exclusionNotes(exclusions), redundancyNote(settings)],
  };
  viewCache.set(db, { stamp, view });
  return view;
}

export function reportOf(view: TableView, stats: TableStatistics): TableReport {
  const groups = Object.fromEntries(view.rows.map((r) => [r.source, view.groups.bySource[r.source] ?? null]));
  return { rows: view.rows, stats, notes: view.notes, groups };
}

/** The table as text: with statistics when given (and their settings), else the plain table and its notes. */
export function tableText(view: TableView, format: TableFormat, stats: TableStatistics | null, style: CiStyle = 'brackets'): string {
  if (stats) return formatReport(reportOf(view, stats), format, style);
  const plain = formatTable(view.rows, format);
  if (format === 'json' || format === 'csv' || view.notes.length === 0) return plain;
  const comment = format === 'latex' ? '% ' : '- ';
  return plain + (format === 'md' ? '\n' : '') + view.notes.map((n) => comment + n).join('\n') + '\n';
}


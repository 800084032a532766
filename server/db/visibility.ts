/**
 * Which responses readers see. A large import stages its rows in `responses` in many short
 * transactions, each row marked with its `pending_imports` id, and publishes them all at once by
 * deleting that one row (services/stagedImports.ts). Until then they must stay invisible to every
 * reader — the table and its sums, exports, question pages, counts, assignment — so that the import
 * stays all-or-nothing. Every query that reads `responses` carries this condition (or says why it
 * need not: the marker SEES_STAGED); server/db/visibility.test.ts checks it of every file.
 *
 * `not in (select …)` is evaluated once per statement into a small ephemeral table, and pending
 * imports are few (one at a time): the cost is one lookup per row with an import id, none otherwise.
 * Import ids are AUTOINCREMENT, never reused, so a published row never becomes pending again.
 */
import { sql, type SQL } from 'drizzle-orm';

/** SQL condition: the response aliased `alias` is visible (not staged by an import still pending). */
export function visible(alias: string): string {
  return `(${alias}.import_id is null or ${alias}.import_id not in (select id from pending_imports))`;
}

/** The same condition for drizzle queries on the `responses` table (unaliased). */
export const visibleResponses: SQL = sql.raw(visible('"responses"'));

/**
 * The first rowid any pending import staged, or null: rows below it are all visible. The query reads
 * one entry of responses_import_idx per pending import ((import_id, rowid) order).
 */
export const FIRST_STAGED_ROWID_SQL = `select min((select rowid from responses s where s.import_id = p.id order by s.rowid limit 1)) r from pending_imports p`;

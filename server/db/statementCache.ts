/**
 * Prepared statements kept per connection, by their SQL text. drizzle prepares every query it runs
 * anew (`client.prepare(sql)` on each call), and preparing costs more than running the small indexed
 * statements of a submit: a fifth of the server's time under load went to `prepare` (bench/load.ts).
 * SQLite re-prepares a kept statement by itself when the schema changes, so reuse is safe.
 *
 * A kept statement is handed back in its default state (objects, not raw rows or plucked values),
 * whatever mode its last user left it in; one still busy (an `iterate()` in progress) is never handed
 * out again: that caller gets a fresh statement. The least recently used are dropped past `max`.
 */
import type Database from 'better-sqlite3';

export const MAX_CACHED_STATEMENTS = 1000;

export function cacheStatements(sqlite: Database.Database, max = MAX_CACHED_STATEMENTS): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  const cached = (source: string): Database.Statement => {
    const hit = kept.get(source);
    if (hit && !hit.busy) {
      kept.delete(source);
      kept.set(source, hit);
      // Each toggle only leaves its own mode: together they restore the default (object rows).
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      kept.set(source, stmt);
      if (kept.size > max) kept.delete(kept.keys().next().value!);
    }
    return stmt;
  };
  sqlite.prepare = cached as typeof sqlite.prepare;
}

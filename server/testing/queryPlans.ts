/**
 * Records every statement a piece of code prepares, and finds those whose query plan reads a whole
 * table (SCAN) or a whole pool, task or source without a LIMIT: what "cheap at 100,000 questions and
 * 1,000,000 responses" forbids. (No ANALYZE: on a test's few rows its statistics would rightly prefer
 * scans; a real database is large.)
 */
import type { Db } from '../db/client';

/** Runs `run` and returns the SQL of every statement it prepared. */
export async function recordStatements(db: Db, run: () => Promise<void> | void): Promise<Set<string>> {
  const seen = new Set<string>();
  const prepare = db.$client.prepare.bind(db.$client);
  db.$client.prepare = ((source: string) => {
    seen.add(source);
    return prepare(source);
  }) as typeof db.$client.prepare;
  try {
    await run();
  } finally {
    db.$client.prepare = prepare;
  }
  return seen;
}

/** The plan's lines of `source` (parameters bound to null). */
export function queryPlan(db: Db, source: string): string[] {
  const params = Array<null>((source.match(/\?/g) ?? []).length).fill(null);
  return (db.$client.prepare(`explain query plan ${source}`).all(...params) as { detail: string }[]).map((p) => p.detail);
}

/** "plan line: statement" for each statement of `seen` that reads more than an index range. */
export function scansIn(db: Db, seen: Set<string>): string[] {
  const scans: string[] = [];
  for (const source of seen) {
    if (!/^\s*(select|update|delete|with|insert)/i.test(source)) continue;
    // The practice pool is small by design (one per task and a few spares): withPractice reads it
    // whole, in random order, on purpose. It is the one statement with `order by random()`.
    const isPracticePool = /order by random\(\)/.test(source);
    for (const detail of queryPlan(db, source)) {
      const isScan = /^SCAN (questions|responses|assignments|participants)\b/.test(detail);
      // An index search on a whole pool, task or source is a scan in disguise, unless a LIMIT stops it.
      const isBroad = /^SEARCH (questions|responses|assignments) USING (COVERING )?INDEX \w+ \((pool=\?|task=\?|pool=\? AND task=\?|source=\?)\)$/.test(detail) && !/\blimit\b/i.test(source);
      // Every open item of every batch: a LIMIT does not make it cheap when another condition (this
      // participant's) filters the rows, as in "any open item of mine?" by the hold index.
      const isEveryStatus = /^SEARCH assignments USING (COVERING )?INDEX \w+ \(status=\?\)$/.test(detail);
      // One contributor's items are found by their batch, a few rows, never among everyone's by status.
      const isNotByParticipant = /\bparticipant_id = \?/.test(source) && /^SEARCH assignments USING (COVERING )?INDEX assignments_hold_idx\b/.test(detail);
      if ((isScan || isBroad || isEveryStatus || isNotByParticipant) && !isPracticePool) scans.push(`${detail}: ${source}`);
    }
  }
  return scans;
}

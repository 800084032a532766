/**
 * Model groups (the paper's proprietary / open-source / trained on BOP-Ask blocks) and the table's row
 * order (METRICS.md step 5): Human first, then grouped sources by group in the order the groups were
 * declared, then by name; ungrouped sources last, by name.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { BadInputError } from '../../../shared/errors';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { compareCodeUnits } from '../../../shared/metrics/questionScores';
import type { DbOrTx } from '../../db/client';
import { modelGroups, sourceGroups } from '../../db/schema';
import { bumpTableVersion } from './included';

export const MAX_GROUP_LENGTH = 60;

export interface Groups {
  /** Group names in declared order. */
  order: string[];
  /** Source → its group. */
  bySource: Record<string, string>;
}

export function listGroups(db: DbOrTx): Groups {
  const order = db.select().from(modelGroups).orderBy(asc(modelGroups.position)).all().map((g) => g.name);
  const bySource = Object.fromEntries(db.select().from(sourceGroups).all().map((r) => [r.source, r.groupName]));
  return { order, bySource };
}

/** The trimmed group name, or a BadInputError for a blank or too long one. */
export function checkGroupName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new BadInputError('a group name cannot be blank');
  if (trimmed.length > MAX_GROUP_LENGTH) throw new BadInputError(`a group name has at most ${MAX_GROUP_LENGTH} characters, got ${trimmed.length}`);
  return trimmed;
}

/**
 * Puts `sources` in `group` (declared now, after the others, if new), or takes them out of any group
 * with `group` null. The human baseline is not a model and has no group.
 */
export function setSourceGroup(db: DbOrTx, sources: string[], group: string | null): void {
  if (sources.includes(HUMAN_SOURCE)) throw new BadInputError(`${HUMAN_SOURCE} is the reference row and takes no group`);
  const name = group === null ? null : checkGroupName(group);
  db.transaction((tx) => {
    if (name !== null) {
      const next = tx.select({ p: sql<number>`coalesce(max(${modelGroups.position}), 0) + 1` }).from(modelGroups).get()!.p;
      tx.insert(modelGroups).values({ name, position: next }).onConflictDoNothing().run();
    }
    for (const source of sources) {
      if (name === null) tx.delete(sourceGroups).where(eq(sourceGroups.source, source)).run();
      else tx.insert(sourceGroups).values({ source, groupName: name }).onConflictDoUpdate({ target: sourceGroups.source, set: { groupName: name } }).run();
    }
    // Groups no source uses any more are forgotten, so a later declaration puts them at the end.
    tx.run(sql`delete from model_groups where name not in (select group_name from source_groups)`);
    bumpTableVersion(tx);
  });
}

/** Moves `group` one place earlier (-1) or later (+1) in the declared order. */
export function moveGroup(db: DbOrTx, group: string, by: -1 | 1): void {
  db.transaction((tx) => {
    const all = tx.select().from(modelGroups).orderBy(asc(modelGroups.position)).all();
    const i = all.findIndex((g) => g.name === group);
    if (i < 0) throw new BadInputError(`no group '${group}'`);
    const j = i + by;
    if (j < 0 || j >= all.length) return;
    tx.update(modelGroups).set({ position: all[j].position }).where(eq(modelGroups.name, all[i].name)).run();
    tx.update(modelGroups).set({ position: all[i].position }).where(eq(modelGroups.name, all[j].name)).run();
    bumpTableVersion(tx);
  });
}

/** Sorts rows (anything with a `source`) into the table's order. */
export function orderRows<R extends { source: string }>(rows: readonly R[], groups: Groups): R[] {
  const rank = new Map(groups.order.map((g, i) => [g, i]));
  const key = (s: string): number => (s === HUMAN_SOURCE ? -1 : rank.get(groups.bySource[s] ?? '') ?? groups.order.length);
  return [...rows].sort((a, b) => key(a.source) - key(b.source) || compareCodeUnits(a.source, b.source));
}

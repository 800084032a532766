/** Crowd progress for the admin page: contributors, assignments and responses by source and kind. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assignments, participants, responses } from '../db/schema';
import { visibleResponses } from '../db/visibility';

export function crowdProgress(db: Db) {
  const count = (t: typeof participants | typeof assignments) => db.select({ n: sql<number>`count(*)` }).from(t).get()!.n;
  const bySource = db
    .select({ source: responses.source, kind: responses.kind, n: sql<number>`count(*)` })
    .from(responses)
    .where(visibleResponses)
    .groupBy(responses.source, responses.kind)
    .all();
  const open = db.select({ n: sql<number>`count(*)` }).from(assignments).where(eq(assignments.status, 'open')).get()!.n;
  return { participants: count(participants), assignments: count(assignments), openAssignments: open, bySource };
}

/**
 * Which stored responses count in the table, and the version stamp of the table's inputs. A response
 * counts when it is a drawn answer (not a verification or skip) to a benchmark question that no
 * curator excluded, and, for the human source, from a contributor no curator excluded.
 */
import { sql } from 'drizzle-orm';
import { answerSchema, parseAnswer, type Answer, type Task } from '../../../shared/tasks';
import type { DbOrTx } from '../../db/client';
import { visible } from '../../db/visibility';

/** SQL condition over `responses r` joined with `questions q` (a response staged by a pending import never counts). */
export const COUNTS_IN_TABLE = `q.pool = 'benchmark' and q.review_status <> 'rejected' and r.kind = 'answer' and r.scores is not null
  and ${visible('r')}
  and not exists (select 1 from question_exclusions qe where qe.question_id = r.question_id)
  and not (r.source = 'Human' and r.annotator is not null
    and exists (select 1 from contributor_exclusions ce where ce.annotator = r.annotator))`;

/** Settings key of a counter bumped by every change to the table's inputs (services/tableSums.ts, exclusions, groups). */
export const TABLE_VERSION_KEY = 'table_inputs_version';

/** Call inside the transaction that changes an exclusion or a group. */
export function bumpTableVersion(db: DbOrTx): void {
  db.run(sql`insert into settings (key, value) values (${TABLE_VERSION_KEY}, 1) on conflict(key) do update set value = value + 1`);
}

/**
 * A stored output as an answer: crowd answers are stored as answer objects (`{task, points}` or
 * `{task, value}`), imported ones as the raw output of the predictions file. Null when unreadable.
 */
export function storedAnswer(task: Task, output: unknown): Answer | null {
  const asObject = answerSchema.safeParse(output);
  if (asObject.success) return asObject.data.task === task ? asObject.data : null;
  const parsed = parseAnswer(task, output);
  return parsed.ok ? parsed.answer : null;
}

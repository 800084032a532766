/**
 * Which stored responses count in the table, and the version stamp of the table's inputs. A response
 * counts when it is a drawn answer (not a verification or skip) to a benchmark question that no
 * curator excluded, and, for the human source, from a contributor no curator excluded.
 */
import { METRIC_VERSION } from '../../../shared/metrics/scores';
import { sql } from 'drizzle-orm';
import { answerSchema, parseAnswer, type Answer, type Task } from '../../../shared/tasks';
import type { Db, DbOrTx } from '../../db/client';

/** SQL condition over `responses r` joined with `questions q`. */
export const COUNTS_IN_TABLE = `q.pool = 'benchmark' and q.review_status <> 'rejected' and r.kind = 'answer' and r.scores is not null
  and not exists (select 1 from question_exclusions qe where qe.question_id = r.question_id)
  and not (r.source = 'Human' and r.annotator is not null
    and exists (select 1 from contributor_exclusions ce where ce.annotator = r.annotator))`;

const VERSION_KEY = 'table_inputs_version';

/**
 * Identifies the table's inputs: responses are only ever added (count and last rowid) and otherwise
 * change by a rescore (current-version count) or a label change (label versions), and every exclusion
 * or group change bumps a counter, so equal stamps mean equal tables.
 */
export function tableStamp(db: Db): string {
  const client = db.$client;
  // A rescore moves responses to the current metric version; a label change writes a label version.
  const r = client
    .prepare(`select count(*) n, max(rowid) last, count(case when metric_version = ${METRIC_VERSION} then 1 end) cur,
      (select max(rowid) from label_versions) labels from responses`)
    .get() as { n: number; last: number | null; cur: number; labels: number | null };
  const v = client.prepare('select value from settings where key = ?').pluck().get(VERSION_KEY) as number | undefined;
  return `${r.n}:${r.last}:${r.cur}:${r.labels}:${v ?? 0}`;
}

/** Call inside the transaction that changes an exclusion or a group. */
export function bumpTableVersion(db: DbOrTx): void {
  db.run(sql`insert into settings (key, value) values (${VERSION_KEY}, 1) on conflict(key) do update set value = value + 1`);
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

/**
 * The triggers that keep the table's running sums honest (services/tableSums.ts): every write that can
 * change which responses count, or their scores, notes the (source, question) pairs it touches in
 * `sums_dirty`, whoever writes (the server, the CLI, a script in the sqlite3 shell).
 *
 * They are made here, at every open, rather than in a migration: drizzle-kit changes a table's shape by
 * copying, dropping and renaming it, and dropping a table drops its triggers. When any is missing, all
 * are made again and every pair is marked dirty, so the next flush brings the sums back to the truth.
 */
import type Database from 'better-sqlite3';
import { visible } from './visibility';

// Staged rows are left out (visible): publishing an import notes its pairs itself.
const PAIRS_OF_QUESTION = (q: string) => `
  insert or ignore into sums_dirty (source, question_id) select source, question_id from question_sums where question_id = ${q};
  insert or ignore into sums_dirty (source, question_id) select distinct source, question_id from responses r where question_id = ${q} and ${visible('r')};`;

const PAIRS_OF_ANNOTATOR = (a: string) => `
  insert or ignore into sums_dirty (source, question_id)
    select distinct source, question_id from responses r where source = 'Human' and annotator = ${a} and ${visible('r')};`;

/** Name → body; made as `CREATE TRIGGER <name> <body>`, the text SQLite keeps in sqlite_master. */
const TRIGGERS: Record<string, string> = {
  // Only drawn, scored answers can count (verifications and skips never do): their pairs alone are noted.
  // A row staged by an import (import_id set) counts only once published: publishing notes its pairs.
  sums_response_insert: `after insert on responses when new.kind = 'answer' and new.scores is not null and new.import_id is null begin
    insert or ignore into sums_dirty (source, question_id) values (new.source, new.question_id); end`,
  sums_response_update: `after update of source, question_id, annotator, kind, scores, metric_version on responses begin
    insert or ignore into sums_dirty (source, question_id) values (old.source, old.question_id);
    insert or ignore into sums_dirty (source, question_id) values (new.source, new.question_id); end`,
  // Removing a still-pending staged row (a failed import) changes no sum.
  sums_response_delete: `after delete on responses when old.kind = 'answer'
    and (old.import_id is null or old.import_id not in (select id from pending_imports)) begin
    insert or ignore into sums_dirty (source, question_id) values (old.source, old.question_id); end`,
  sums_question_update: `after update of pool, review_status, task on questions
    when old.pool is not new.pool or old.review_status is not new.review_status or old.task is not new.task
    begin ${PAIRS_OF_QUESTION('new.id')} end`,
  sums_question_exclusion_insert: `after insert on question_exclusions begin ${PAIRS_OF_QUESTION('new.question_id')} end`,
  sums_question_exclusion_delete: `after delete on question_exclusions begin ${PAIRS_OF_QUESTION('old.question_id')} end`,
  sums_contributor_exclusion_insert: `after insert on contributor_exclusions begin ${PAIRS_OF_ANNOTATOR('new.annotator')} end`,
  sums_contributor_exclusion_delete: `after delete on contributor_exclusions begin ${PAIRS_OF_ANNOTATOR('old.annotator')} end`,
};

/** Makes the triggers when any is missing or differs from this code's, marking every pair dirty; returns whether it did. */
export function ensureSumTriggers(sqlite: Database.Database): boolean {
  const tables = sqlite.prepare("select count(*) from sqlite_master where type = 'table' and name in ('sums_dirty', 'question_sums', 'table_totals', 'pending_imports')").pluck().get() as number;
  if (tables < 4) return false; // a partly migrated copy (tests of older databases)
  const stored = new Map(
    (sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'sums\\_%' escape '\\'").all() as { name: string; sql: string }[])
      .map((t) => [t.name, t.sql]),
  );
  const wanted = Object.entries(TRIGGERS).map(([name, body]) => [name, `CREATE TRIGGER ${name} ${body}`] as const);
  if (stored.size === wanted.length && wanted.every(([name, sql]) => stored.get(name) === sql)) return false;
  sqlite.transaction(() => {
    for (const name of stored.keys()) sqlite.exec(`drop trigger ${name}`);
    for (const [, sql] of wanted) sqlite.exec(sql);
    sqlite.exec(`insert or ignore into sums_dirty (source, question_id) select source, question_id from question_sums;
      insert or ignore into sums_dirty (source, question_id) select distinct source, question_id from responses r where ${visible('r')};`);
  }).immediate();
  return true;
}

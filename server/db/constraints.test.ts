import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDb } from './client';

/** Rows good enough for every table, written in raw SQL as a script or the sqlite3 shell would. */
function seed(db: Database.Database, imageKey: string | null = 'k1'): void {
  db.prepare(`insert into questions (id, task, pool, image, image_key, width, height, question, item) values ('q1', 'pose', 'benchmark', 'a.png', ?, 10, 10, '?', '{}')`).run(imageKey);
  db.prepare(`insert into questions (id, task, pool, image, image_key, width, height, question, item) values ('q2', 'depth', 'benchmark', 'a.png', ?, 10, 10, '?', '{}')`).run(imageKey);
  db.exec(`insert into participants (id, token, batch_size) values ('p1', 't1', 10)`);
  db.exec(`insert into assignments (id, participant_id, question_id, position, mode) values (1, 'p1', 'q1', 0, 'answer')`);
  db.exec(`insert into responses (id, question_id, source, kind, assignment_id) values ('r1', 'q1', 'Human', 'answer', 1)`);
}

describe('SQL constraints protect the data from raw-SQL writes', () => {
  const raw = () => {
    const db = openDb(':memory:');
    seed(db.$client);
    return db.$client;
  };
  it.each([
    ['an unknown task', `insert into questions (id, task, image, image_key, width, height, question, item) values ('x', 'bogus', 'b.png', 'k', 1, 1, '?', '{}')`, /CHECK constraint failed: questions_task_check/],
    ['an unknown pool', `insert into questions (id, task, pool, image, image_key, width, height, question, item) values ('x', 'pose', 'other', 'b.png', 'k', 1, 1, '?', '{}')`, /CHECK constraint failed: questions_pool_check/],
    ['a question without image key', `insert into questions (id, task, image, width, height, question, item) values ('x', 'pose', 'b.png', 1, 1, '?', '{}')`, /NOT NULL constraint failed: questions.image_key/],
    ['an unknown mode', `insert into assignments (participant_id, question_id, position, mode) values ('p1', 'q2', 1, 'grade')`, /CHECK constraint failed: assignments_mode_check/],
    ['an unknown status', `update assignments set status = 'lost' where id = 1`, /CHECK constraint failed: assignments_status_check/],
    ['an unknown response kind', `insert into responses (id, question_id, source, kind) values ('r9', 'q1', 'M', 'guess')`, /CHECK constraint failed: responses_kind_check/],
    ['a second response to one assignment', `insert into responses (id, question_id, source, kind, assignment_id) values ('r2', 'q1', 'Human', 'answer', 1)`, /UNIQUE constraint failed: responses.assignment_id/],
    ['a verify item showing a response that does not exist', `insert into assignments (participant_id, question_id, position, mode, verify_response_id) values ('p1', 'q2', 1, 'verify', 'nope')`, /FOREIGN KEY constraint failed/],
    ['an unknown role', `insert into users (username, password_hash, role) values ('u', 'h', 'root')`, /CHECK constraint failed: users_role_check/],
  ])('refuses %s', (_, statement, error) => {
    expect(() => raw().exec(statement)).toThrow(error);
  });

  it('still takes many responses without an assignment (imported predictions)', () => {
    const db = raw();
    db.exec(`insert into responses (id, question_id, source, kind) values ('m1', 'q1', 'M', 'answer'), ('m2', 'q1', 'N', 'answer')`);
    expect(db.prepare('select count(*) n from responses').get()).toEqual({ n: 3 });
  });

  it('upgrades a database of the first two migrations with its rows, giving each image one key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-upgrade-'));
    // The migrations folder as it was at 0001: its SQL files and a journal cut after them.
    const old = path.join(dir, 'migrations');
    fs.mkdirSync(path.join(old, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 2);
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(old, `${e.tag}.sql`));
    fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const file = path.join(dir, 'old.sqlite');
    const before = new Database(file);
    before.pragma('foreign_keys = ON');
    migrate(drizzle(before), { migrationsFolder: old });
    seed(before, null);
    before.close();

    const db = openDb(file).$client;
    const keys = db.prepare('select image_key k from questions').all() as { k: string }[];
    expect(keys).toHaveLength(2);
    expect(keys[0].k).toMatch(/^[0-9a-f]{24}$/);
    expect(keys[1].k).toBe(keys[0].k);
    expect(db.prepare('select id, assignment_id a from responses').all()).toEqual([{ id: 'r1', a: 1 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

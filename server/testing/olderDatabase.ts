/**
 * Builds a database as an older version of the app left it: only the first `keep` migrations applied
 * (from a copy of migrations/ with a shortened journal). Used to test and measure upgrades in place
 * without naming any particular migration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR, openDb, type Db } from '../db/client';

export function journalLength(): number {
  return (JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

export function openOlderDatabase(file: string, keep = 1): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-old-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, keep);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return openDb(file, { migrationsFolder: dir, log: () => {} });
}

/**
 * Fills a database at the first migration's schema with `nQuestions` questions and `nResponses` crowd
 * responses (plain SQL against the columns the first migration has, so it keeps working when later
 * migrations change the schema).
 */
export function fillOlderDatabase(db: Db, nQuestions: number, nResponses: number): void {
  const c = db.$client;
  const insertQ = c.prepare("insert into questions (id, task, pool, image, width, height, question, item) values (?, 'spatial', 'benchmark', 'img/a.png', 640, 480, 'Is it left?', ?)");
  const insertP = c.prepare('insert into participants (id, token, batch_size) values (?, ?, 25)');
  const insertA = c.prepare("insert into assignments (participant_id, question_id, position, mode, status) values (?, ?, ?, 'answer', 'answered')");
  const insertR = c.prepare("insert into responses (id, question_id, source, annotator, kind, assignment_id, output, time_ms, scores) values (?, ?, 'Human', ?, 'answer', ?, ?, 1000, ?)");
  const output = JSON.stringify({ task: 'spatial', value: true });
  const scores = JSON.stringify({ valid: true, accuracy: 1 });
  // Consecutive questions per participant, never one twice (the unique (participant, question) index).
  const perParticipant = Math.min(25, nQuestions);
  c.transaction(() => {
    for (let i = 0; i < nQuestions; i++) insertQ.run(`q-${i}`, JSON.stringify({ id: `q-${i}`, task: 'spatial', image: 'img/a.png', question: 'Is it left?', answer: 'Yes' }));
    for (let r = 0; r < nResponses; r++) {
      const participant = `p-${Math.floor(r / perParticipant)}`;
      if (r % perParticipant === 0) insertP.run(participant, `token-${participant}`);
      const a = insertA.run(participant, `q-${r % nQuestions}`, r % perParticipant).lastInsertRowid;
      insertR.run(`r-${r}`, `q-${r % nQuestions}`, participant, a, output, scores);
    }
  })();
}

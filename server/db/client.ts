import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { cacheStatements } from './statementCache';
import { ensureSumTriggers } from './triggers';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface OpenDbOptions {
  /** Where the migrations are (tests point it at a partial copy to build an older database). */
  migrationsFolder?: string;
  /** Progress lines (the backup before migrating, its timing); standard error by default. */
  log?: (line: string) => void;
}

/**
 * Opens (creating its folder when missing) the SQLite file at `file`, or an in-memory database for
 * ':memory:', turns on WAL and foreign keys, and applies the committed migrations. A file that holds
 * data and has migrations pending is first copied to `<file>.before-migration-<time>.sqlite`
 * (VACUUM INTO: consistent, compact), so an upgrade that goes wrong can be undone by hand.
 *
 * Durability: `synchronous = FULL`, so a commit (an acknowledged answer) is on disk before the reply
 * is sent, power loss included. WAL's default NORMAL can lose the last commits on power loss (never
 * on a process crash); the cost of FULL is one fsync per commit, measured in the README.
 */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_DIR;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ':memory:') {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  const pending = pendingMigrations(sqlite, migrationsFolder);
  if (file !== ':memory:' && pending > 0) {
    const backup = `${file}.before-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`;
    const t0 = performance.now();
    sqlite.prepare('VACUUM INTO ?').run(backup);
    const t1 = performance.now();
    migrateChecked(db);
    const t2 = performance.now();
    log(`database ${file}: backed up to ${backup} in ${((t1 - t0) / 1000).toFixed(1)} s, ${pending} migration(s) applied in ${((t2 - t1) / 1000).toFixed(1)} s`);
  } else {
    migrateChecked(db);
  }
  fillHashRanks(sqlite);
  ensureSumTriggers(sqlite);
  return db;

  /**
   * SQLite's way to change a table's shape (drizzle-kit's copy, drop, rename) needs foreign keys off
   * while it runs, and `PRAGMA foreign_keys` has no effect inside the migration's transaction: so they
   * are off around it, and every reference is checked before they go back on.
   */
  function migrateChecked(d: Db): void {
    sqlite.pragma('foreign_keys = OFF');
    migrate(d, { migrationsFolder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`after migrating, ${broken.length} row(s) break a foreign key: ${JSON.stringify(broken.slice(0, 5))}`);
    sqlite.pragma('foreign_keys = ON');
  }
}

/** SHA-1 of a question id as a uniform number in [0, 2^32): see questions.hashRank. */
export function hashRank(id: string): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0);
}

/** Questions from before hash_rank existed get theirs (SQLite has no SHA-1 for the migration to use). */
function fillHashRanks(sqlite: Database.Database): void {
  const columns = sqlite.pragma('table_info(questions)') as { name: string }[];
  if (!columns.some((c) => c.name === 'hash_rank')) return; // a partly migrated copy (tests)
  const ids = sqlite.prepare('select id from questions where hash_rank is null').pluck().all() as string[];
  if (ids.length === 0) return;
  const set = sqlite.prepare('update questions set hash_rank = ? where id = ?');
  sqlite.transaction(() => {
    for (const id of ids) set.run(hashRank(id), id);
  })();
}

/**
 * Migrations not yet applied to an existing database: drizzle applies those whose journal time is
 * after the last applied one. 0 for a new (empty) database, which needs no backup.
 */
function pendingMigrations(sqlite: Database.Database, migrationsFolder: string): number {
  const hasLog = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!hasLog) return 0;
  const last = sqlite.prepare('select max(created_at) t from __drizzle_migrations').get() as { t: number | null };
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.filter((e) => e.when > (last.t ?? 0)).length;
}

/** A database handle or an open transaction on it: services that run inside transactions take this. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

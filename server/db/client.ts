import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

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
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  const pending = pendingMigrations(sqlite, migrationsFolder);
  if (file !== ':memory:' && pending > 0) {
    const backup = `${file}.before-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`;
    const t0 = performance.now();
    sqlite.prepare('VACUUM INTO ?').run(backup);
    const t1 = performance.now();
    migrate(db, { migrationsFolder });
    const t2 = performance.now();
    log(`database ${file}: backed up to ${backup} in ${((t1 - t0) / 1000).toFixed(1)} s, ${pending} migration(s) applied in ${((t2 - t1) / 1000).toFixed(1)} s`);
  } else {
    migrate(db, { migrationsFolder });
  }
  return db;
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

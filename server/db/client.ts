import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens (creating its folder when missing) the SQLite file at `file`, or an in-memory database for
 * ':memory:', turns on WAL and foreign keys, and applies the committed migrations.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  // SQLite changes a constraint by copying the table (drizzle-kit's __new_ tables), and dropping a table
  // that others reference fails while foreign keys are on; the migrator runs in one transaction, where
  // the migration's own `PRAGMA foreign_keys=OFF` has no effect. So: off while migrating, then check.
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const broken = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (broken.length > 0) {
    const where = broken.slice(0, 5).map((b) => `${b.table} row ${b.rowid} → ${b.parent}`).join(', ');
    throw new Error(`${file}: ${broken.length} row(s) reference rows that do not exist after migrating (${where})`);
  }
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/** A database handle or an open transaction on it: services that run inside transactions take this. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

import { loadConfig } from '../config';
import { openDb, type Db } from '../db/client';

/** The database the CLI works on: --db, else DATABASE_PATH, else the server's default. */
export function cliDatabase(dbOption: string | undefined): { db: Db; imagesDir: string; databasePath: string } {
  const config = loadConfig(dbOption ? { ...process.env, DATABASE_PATH: dbOption } : process.env);
  return { db: openDb(config.databasePath), imagesDir: config.imagesDir, databasePath: config.databasePath };
}

export const DB_OPTION_HELP =
  '  --db FILE           the SQLite database (default: $DATABASE_PATH or ./data/bopask.sqlite)';

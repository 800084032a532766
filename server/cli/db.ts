import fs from 'node:fs';
import { BadInputError } from '../../shared/errors';
import { loadConfig } from '../config';
import { openDb, type Db } from '../db/client';

export interface CliDatabaseOptions {
  /**
   * Only the commands that fill a database (import, create-user) may create one: for the others a
   * missing file is a mistyped --db or DATABASE_PATH, which must not turn into a new, empty database.
   */
  mayCreate: boolean;
}

/** The database the CLI works on: --db, else DATABASE_PATH, else the server's default. */
export function cliDatabase(
  dbOption: string | undefined,
  { mayCreate }: CliDatabaseOptions,
): { db: Db; imagesDir: string; databasePath: string } {
  const config = loadConfig(dbOption ? { ...process.env, DATABASE_PATH: dbOption } : process.env);
  const file = config.databasePath;
  if (!mayCreate && !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new BadInputError(`no database at ${file}; import a dataset first or pass --db`);
  }
  return { db: openDb(file), imagesDir: config.imagesDir, databasePath: file };
}

export const DB_OPTION_HELP =
  '  --db FILE           the SQLite database (default: $DATABASE_PATH or ./data/bopask.sqlite)';

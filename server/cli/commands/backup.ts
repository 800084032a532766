import { backupDatabase } from '../../services/backup';
import { parseCommandArgs } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';
import { BadInputError } from '../../../shared/errors';

export const usage = `usage: bopask backup OUT [--db FILE]
Writes a consistent copy of the database to OUT (a new file) while the server keeps running and
contributors keep submitting (SQLite's online backup API). To restore, stop the server and put the
copy in place of DATABASE_PATH (or point DATABASE_PATH at it).
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, { db: { type: 'string' } }, usage, true);
  if (positionals.length !== 1) throw new BadInputError(`expected one output file, got ${positionals.length}\n${usage}`);
  const { db, databasePath } = cliDatabase(values.db, { mayCreate: false });
  const report = await backupDatabase(db, positionals[0]);
  db.$client.close();
  process.stdout.write(`backed up ${databasePath} to ${report.file} (${report.pages} pages, ${report.bytes} bytes)\n`);
}

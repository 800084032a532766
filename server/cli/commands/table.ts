import { z } from 'zod';
import { BadInputError } from '../../../shared/errors';
import { formatTable, TABLE_FORMATS } from '../../../shared/metrics/table';
import { benchmarkTable } from '../../services/results';
import { parseCommandArgs } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask table [--format md|csv|latex|json] [--db FILE]
Prints the benchmark table (Human, then each model) from the responses stored in the database.
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { format: { type: 'string', default: 'md' }, db: { type: 'string' } }, usage);
  const format = z.enum(TABLE_FORMATS).safeParse(values.format);
  if (!format.success) throw new BadInputError(`--format: expected md, csv, latex or json, got '${values.format}'`);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  process.stdout.write(formatTable(benchmarkTable(db), format.data) + '\n');
}

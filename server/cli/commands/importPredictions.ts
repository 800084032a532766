import { importPredictions } from '../../services/importPredictions';
import { parseCommandArgs, requireOption } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask import-predictions --predictions FILE.jsonl [--db FILE]
Imports model predictions or human responses (FORMAT.md, one answer a line) into an existing database
and scores them with the shared metric code. All-or-nothing: bad lines (up to 20 are listed), a repeated
(id, source, annotator), unknown or practice-pool ids refuse the whole file. Unreadable outputs are kept
and scored as invalid.
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { predictions: { type: 'string' }, db: { type: 'string' } }, usage);
  const file = requireOption(values.predictions, 'predictions', usage);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  let hasProgress = false;
  const progress = (n: number) => {
    hasProgress = true;
    process.stderr.write(`\r${n} lines…`);
  };
  try {
    const r = await importPredictions(db, file, progress);
    process.stdout.write(
      `imported ${r.inserted} answer(s) from ${r.sources.join(', ') || 'no source'} ` +
        `(${r.unchanged} unchanged, ${r.invalid} unreadable and scored invalid)\n`,
    );
  } finally {
    if (hasProgress) process.stderr.write('\n');
    db.$client.close();
  }
}

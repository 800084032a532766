import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { checkGroupName, setSourceGroup } from '../../services/baseline/groups';
import { importPredictions } from '../../services/importPredictions';
import { parseCommandArgs, requireOption } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask import-predictions --predictions FILE.jsonl [--group NAME] [--db FILE]
Imports model predictions or human responses (FORMAT.md, one answer a line) into an existing database
and scores them with the shared metric code. All-or-nothing: bad lines (up to 20 are listed), a repeated
(id, source, annotator), unknown or practice-pool ids refuse the whole file. Unreadable outputs are kept
and scored as invalid. Rows are written in short transactions and appear all at once, so a running
server's writers wait milliseconds, not the whole import; a second import while one runs is refused.
--group puts the file's models in a group of the table (e.g. "Proprietary",
"Open-source", "Trained on BOP-Ask"); groups are listed in the order they are first declared.
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { predictions: { type: 'string' }, group: { type: 'string' }, db: { type: 'string' } }, usage);
  const file = requireOption(values.predictions, 'predictions', usage);
  const group = values.group === undefined ? null : checkGroupName(values.group);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  let hasProgress = false;
  const progress = (n: number) => {
    hasProgress = true;
    process.stderr.write(`\r${n} lines…`);
  };
  // The longest write-lock hold of a staging transaction: what the server's writers may wait at most.
  let longest = 0;
  let chunks = 0;
  const onStaged = (_rows: number, holdMs: number) => {
    longest = Math.max(longest, holdMs);
    chunks++;
  };
  try {
    const r = await importPredictions(db, file, progress, { onStaged });
    process.stdout.write(
      `imported ${r.inserted} answer(s) from ${r.sources.join(', ') || 'no source'} ` +
        `(${r.unchanged} unchanged, ${r.invalid} unreadable and scored invalid)\n`,
    );
    if (chunks > 0) process.stderr.write(`staged in ${chunks} transaction(s), the longest holding the write lock ${longest.toFixed(1)} ms\n`);
    const models = r.sources.filter((s) => s !== HUMAN_SOURCE);
    if (group !== null && models.length > 0) {
      setSourceGroup(db, models, group);
      process.stdout.write(`${models.join(', ')} in group ${group}\n`);
    } else if (group !== null) process.stderr.write(`--group ${group}: the file has no model answers, nothing was grouped\n`);
  } finally {
    if (hasProgress) process.stderr.write('\n');
    db.$client.close();
  }
}

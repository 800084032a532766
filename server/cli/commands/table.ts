import fs from 'node:fs';
import { z } from 'zod';
import { AppError, BadInputError } from '../../../shared/errors';
import { TABLE_FORMATS } from '../../../shared/metrics/table';
import { tableText, tableView } from '../../services/baseline/report';
import { bootstrapSettings, getSettings } from '../../services/settings';
import { parseCommandArgs } from '../args';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask table [--format md|csv|latex|json] [--ci [--seed S] [--resamples B] [--ci-style brackets|pm]]
                    [--per-question OUT.jsonl] [--human-responses OUT.jsonl] [--verify] [--db FILE]
Prints the benchmark table (Human, then each model by group and name) from the responses stored in the
database, leaving out excluded contributors and rejected questions (the notes say how many).
${BOOTSTRAP_USAGE.replace(/\(default 1\)/, "(default: the app's setting)").replace(/\(default 1000\)/, "(default: the app's setting)")}
--per-question writes each source's mean scores per question (JSON Lines, as bopask score does);
--human-responses writes the human answers the Human row counts in FORMAT.md's predictions format,
with anonymised annotators: bopask score on them and bopask export's dataset gives the same Human row.
--verify also recomputes the table from the stored per-question sums and from every stored response, and
exits 1 if either differs in any bit from the running totals the app maintains on write (for audits; the
recomputation from every response takes tens of seconds at a million).
${DB_OPTION_HELP}`;

function writeLines(file: string, lines: Iterable<string>): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  try {
    for (const line of lines) {
      fs.writeSync(fd, line);
      n++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(
    argv,
    { format: { type: 'string', default: 'md' }, db: { type: 'string' }, 'per-question': { type: 'string' }, 'human-responses': { type: 'string' }, verify: { type: 'boolean', default: false }, ...BOOTSTRAP_OPTIONS },
    usage,
  );
  const format = z.enum(TABLE_FORMATS).safeParse(values.format);
  if (!format.success) throw new BadInputError(`--format: expected md, csv, latex or json, got '${values.format}'`);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  try {
    const stored = bootstrapSettings(getSettings(db));
    const ci = bootstrapOptions({ ...values, seed: values.seed ?? (values.ci ? String(stored.seed) : undefined), resamples: values.resamples ?? (values.ci ? String(stored.resamples) : undefined) });
    // Loaded only when asked for: the plain table should start fast.
    const stats = ci ? (await import('../../services/baseline/statistics')).refreshStatistics(db, ci.settings) : null;
    const { humanResponseLines, perQuestionLines } = await import('../../services/baseline/downloads');
    if (values['per-question']) process.stderr.write(`wrote ${writeLines(values['per-question'], perQuestionLines(db))} line(s) to ${values['per-question']}\n`);
    if (values['human-responses']) process.stderr.write(`wrote ${writeLines(values['human-responses'], humanResponseLines(db))} response(s) to ${values['human-responses']}\n`);
    if (values.verify) {
      const { benchmarkTable, tableFromQuestionSums, tableFromResponses } = await import('../../services/results');
      const running = JSON.stringify(benchmarkTable(db));
      if (running !== JSON.stringify(tableFromQuestionSums(db)) || running !== JSON.stringify(tableFromResponses(db))) {
        throw new AppError('CONFLICT', 'the table from the running sums differs from the table recomputed from every response; restart the server (or open the database with this version) to rebuild the sums');
      }
      process.stderr.write('verified: the running sums give the same table as every stored response\n');
    }
    process.stdout.write(tableText(tableView(db), format.data, stats, ci?.style));
  } finally {
    db.$client.close();
  }
}

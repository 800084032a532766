import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { questions } from '../../db/schema';
import { parseCommandArgs } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask export [--out FILE.jsonl] [--practice] [--db FILE]
Writes the dataset from the database in FORMAT.md's format (one question a line, as imported and
curated), to FILE or standard output. Re-importing it changes nothing.
  --practice          export the practice pool instead of the benchmark
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' }, practice: { type: 'boolean' }, db: { type: 'string' } }, usage);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  const rows = db
    .select({ item: questions.item })
    .from(questions)
    .where(eq(questions.pool, values.practice ? 'practice' : 'benchmark'))
    // rowid is insertion order: the export lists questions in the order they were imported.
    .orderBy(sql`rowid`)
    .all();
  const text = rows.map((r) => JSON.stringify(r.item)).join('\n') + (rows.length ? '\n' : '');
  if (values.out) {
    fs.writeFileSync(values.out, text);
    process.stderr.write(`wrote ${rows.length} question(s) to ${values.out}\n`);
  } else process.stdout.write(text);
}

import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseCommandArgs } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';
import { exportLines, historyLines } from '../../services/review/exportDataset';

export const usage = `usage: bopask export [--out FILE.jsonl] [--practice] [--reviewed-only] [--history FILE.jsonl] [--db FILE]
Writes the dataset from the database in FORMAT.md's format (one question a line, as imported and
curated), to FILE or standard output; a reviewed item carries meta.review {status, version, reason}.
Re-importing it changes nothing; importing it into a new database restores the review states.
  --practice          export the practice pool instead of the benchmark
  --reviewed-only     only accepted and corrected items (no unreviewed, no rejected)
  --history FILE      also write every version of every changed label to FILE (format: README)
${DB_OPTION_HELP}`;

/** Writes lines with backpressure, so a large export keeps flat memory. */
async function writeAll(out: Writable, lines: Iterable<string>): Promise<number> {
  let n = 0;
  for (const line of lines) {
    n++;
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  return n;
}

async function toFile(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  const n = await writeAll(out, lines);
  out.end();
  await once(out, 'finish');
  return n;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, practice: { type: 'boolean' }, 'reviewed-only': { type: 'boolean' }, history: { type: 'string' }, db: { type: 'string' } },
    usage,
  );
  const { db } = cliDatabase(values.db, { mayCreate: false });
  const opts = { pool: values.practice ? ('practice' as const) : ('benchmark' as const), reviewedOnly: values['reviewed-only'] };
  if (values.out) {
    const n = await toFile(values.out, exportLines(db, opts));
    process.stderr.write(`wrote ${n} question(s) to ${values.out}\n`);
  } else await writeAll(process.stdout, exportLines(db, opts));
  if (values.history) {
    const n = await toFile(values.history, historyLines(db, opts));
    process.stderr.write(`wrote ${n} label version(s) to ${values.history}\n`);
  }
}

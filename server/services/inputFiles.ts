/** Checks on the files a user names (a dataset, predictions), shared by the services and the CLI. */
import fs from 'node:fs';
import { BadInputError } from '../../shared/errors';

/** Throws a clear BadInputError unless `file` is a regular file that can be read (not a folder). */
export function assertInputFile(file: string, what: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new BadInputError(`${what} not found: ${file}`);
  if (stat.isDirectory()) throw new BadInputError(`${what} ${file} is a folder: give the .jsonl file inside it`);
  if (!stat.isFile()) throw new BadInputError(`${what} ${file} is not a regular file`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    throw new BadInputError(`${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** A UTF-8 byte order mark, which some editors put at the start of a file: not part of line 1's JSON. */
export function withoutBom(line: string, lineNo: number): string {
  return lineNo === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

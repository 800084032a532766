import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../../shared/errors';

/** node:util parseArgs with errors turned into BadInputError (exit 2) that show the command's usage. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new BadInputError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  }
}

/** Reads a required string option or fails with the usage text. */
export function requireOption(value: string | undefined, name: string, usage: string): string {
  if (!value) throw new BadInputError(`missing --${name}\n${usage}`);
  return value;
}

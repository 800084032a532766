import { BadInputError } from '../../../shared/errors';
import { createUser } from '../../services/auth';
import { parseCommandArgs, requireOption } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask create-user --username NAME [--role curator|admin] [--db FILE]
Creates a curator (default) or admin account. The password is read from $BOPASK_PASSWORD or, when
unset, from the first line of standard input (at least 8 characters).
${DB_OPTION_HELP}`;

async function readPassword(): Promise<string> {
  if (process.env.BOPASK_PASSWORD) return process.env.BOPASK_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(
    argv,
    { username: { type: 'string' }, role: { type: 'string', default: 'curator' }, db: { type: 'string' } },
    usage,
  );
  const username = requireOption(values.username, 'username', usage);
  const role = values.role;
  if (role !== 'curator' && role !== 'admin') throw new BadInputError(`--role: expected curator or admin, got '${role}'`);
  const password = await readPassword();
  const { db } = cliDatabase(values.db, { mayCreate: true });
  const user = createUser(db, username, password, role);
  process.stdout.write(`created ${user.role} '${user.username}'\n`);
}

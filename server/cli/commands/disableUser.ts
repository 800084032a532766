import { setUserDisabled } from '../../services/auth';
import { parseCommandArgs, requireOption } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask disable-user --username NAME [--enable] [--db FILE]
Disables an account: it can no longer sign in and its open sessions stop working at once.
--enable turns it back on.
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { username: { type: 'string' }, enable: { type: 'boolean' }, db: { type: 'string' } }, usage);
  const username = requireOption(values.username, 'username', usage);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  const user = setUserDisabled(db, username, !values.enable);
  process.stdout.write(`${values.enable ? 'enabled' : 'disabled'} ${user.role} '${user.username}'\n`);
}

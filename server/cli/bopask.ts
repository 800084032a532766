/**
 * `bopask` entry: picks the command module and runs it. Each command lives in commands/<name>.ts and
 * exports `run(argv: string[]): Promise<void>` and `usage: string`. Standard output carries only results;
 * errors go to standard error with exit 2 for bad input (BadInputError) and 1 for anything else.
 */
import { AppError } from '../../shared/errors';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  score: { summary: 'score predictions against a dataset (no database)', load: () => import('./commands/score') },
  ask: { summary: 'ask a model endpoint the questions, writing its predictions', load: () => import('./commands/ask') },
  synth: { summary: 'write synthetic tabletop scenes in the BOP layout', load: () => import('./commands/synth') },
  generate: { summary: 'turn a BOP-format dataset into BOP-Ask questions', load: () => import('./commands/generate') },
  merge: { summary: 'join the shards of generate --shard into one output', load: () => import('./commands/merge') },
  import: { summary: 'import a dataset file and its images into the database', load: () => import('./commands/import') },
  'import-predictions': {
    summary: 'import model predictions into the database',
    load: () => import('./commands/importPredictions'),
  },
  export: { summary: 'export the curated dataset (FORMAT.md, round-trip exact)', load: () => import('./commands/export') },
  table: { summary: 'print the benchmark table from the database', load: () => import('./commands/table') },
  rescore: { summary: 'recompute stored scores of an older metric version', load: () => import('./commands/rescore') },
  backup: { summary: 'write a consistent copy of the live database', load: () => import('./commands/backup') },
  'create-user': { summary: 'create a curator or admin account', load: () => import('./commands/createUser') },
  'disable-user': { summary: 'disable (or --enable) an account', load: () => import('./commands/disableUser') },
};

export interface CommandModule {
  usage: string;
  run(argv: string[]): Promise<void>;
}

function printHelp(): void {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(20)} ${c.summary}`);
  process.stderr.write(`usage: bopask <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n` +
    `Run 'bopask <command> --help' for a command's options.\n`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`bopask: unknown command '${name}'\n`);
    printHelp();
    return 2;
  }
  const mod = await command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stderr.write(mod.usage + '\n');
    return 0;
  }
  await mod.run(rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof AppError) {
      process.stderr.write(`bopask: ${err.code}: ${err.message}\n`);
      process.exitCode = err.code === 'BAD_INPUT' ? 2 : 1;
    } else {
      process.stderr.write(`bopask: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);

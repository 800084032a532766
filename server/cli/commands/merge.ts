/** `bopask merge OUT SHARD_DIR…`: joins the outputs of `generate --shard` (see server/pipeline/merge.ts). */
import { parseArgs } from 'node:util';
import { BadInputError } from '../../../shared/errors';
import { mergeShards } from '../../pipeline/merge';

export const usage = `usage: bopask merge OUT SHARD_DIR [SHARD_DIR …]

Joins the outputs of 'bopask generate --shard I/N' (each a folder with dataset.jsonl, shard.json and
images) into OUT, byte-identical to what one 'bopask generate' over the whole input writes. Checks that
every shard 0..N-1 of one run is there exactly once; nothing is written otherwise. OUT must be new,
empty, or a previous output of generate or merge (replaced).`;

export async function run(argv: string[]): Promise<void> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true }));
  } catch (err) {
    throw new BadInputError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  }
  const [out, ...dirs] = positionals;
  if (!out || dirs.length === 0) throw new BadInputError(`expected OUT and at least one SHARD_DIR\n${usage}`);
  const started = Date.now();
  const r = mergeShards(out, dirs);
  process.stderr.write(`merge: ${r.questions} questions from ${r.shards} shard(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${r.datasetPath}\n`);
}

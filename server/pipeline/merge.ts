/**
 * `bopask merge OUT SHARD_DIR…`: the outputs of `generate --shard I/N` joined into the output a single
 * run would have written (byte-identical): each shard's dataset.jsonl appended in shard order, its images
 * linked (or copied) into OUT. Refuses, before writing anything, a shard that is missing or given twice,
 * shards of different runs (input, seed or options), and two shards that wrote the same image.
 */
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { BadInputError } from '../../shared/errors';
import { commitDir, discardDir, prepareTempDir } from './atomicDir';
import { SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest } from './shard';

const manifestSchema = z.object({
  format: z.literal(SHARD_FORMAT),
  index: z.number().int().min(0),
  count: z.number().int().min(1),
  scenes: z.tuple([z.number().int(), z.number().int()]),
  run: z.string(),
  questions: z.number().int().min(0),
});

export interface MergeResult {
  datasetPath: string;
  shards: number;
  questions: number;
}

function readManifest(dir: string): ShardManifest {
  const file = join(dir, SHARD_MANIFEST);
  if (!existsSync(join(dir, 'dataset.jsonl')) || !existsSync(file)) {
    throw new BadInputError(`${dir}: not the output of 'bopask generate --shard' (expected dataset.jsonl and ${SHARD_MANIFEST})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BadInputError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const r = manifestSchema.safeParse(raw);
  if (!r.success) throw new BadInputError(`${file}: ${r.error.issues.map((i) => `field ${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Every file under `dir` except the shard's own dataset.jsonl and manifest, as paths relative to `dir`. */
function shardFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (d !== dir || (name !== 'dataset.jsonl' && name !== SHARD_MANIFEST)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Checks the shards against each other and returns them in shard order; throws BadInputError naming the problem. */
export function checkShards(dirs: string[]): { dir: string; manifest: ShardManifest }[] {
  if (dirs.length === 0) throw new BadInputError('merge: no shard folders given');
  const shards = dirs.map((dir) => ({ dir, manifest: readManifest(dir) }));
  const first = shards[0];
  for (const s of shards) {
    if (s.manifest.run !== first.manifest.run || s.manifest.count !== first.manifest.count) {
      throw new BadInputError(`${s.dir}: shard ${s.manifest.index}/${s.manifest.count} of run ${s.manifest.run}, but ${first.dir} is ` +
        `shard ${first.manifest.index}/${first.manifest.count} of run ${first.manifest.run}: these are not shards of one run ` +
        '(same input, split, seed, --max-per-image and shard count)');
    }
  }
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const seen = byIndex.get(s.manifest.index);
    if (seen !== undefined) throw new BadInputError(`shard ${s.manifest.index}/${s.manifest.count} given twice: ${seen} and ${s.dir}`);
    byIndex.set(s.manifest.index, s.dir);
  }
  const count = first.manifest.count;
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new BadInputError(`missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} (${shards.length} of ${count} given)`);
  }
  return shards.sort((a, b) => a.manifest.index - b.manifest.index);
}

function linkOrCopy(src: string, dest: string): void {
  mkdirSync(dirname(dest), { recursive: true });
  try {
    linkSync(src, dest);
  } catch {
    copyFileSync(src, dest);
  }
}

/**
 * Appends `file` to `fd` in 1 MiB chunks (a shard of the whole of BOP is hundreds of MB), counting its
 * lines; `isWhole` is false when the last line has no newline (a shard cut short).
 */
function appendCounting(file: string, fd: number): { lines: number; isWhole: boolean } {
  const src = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let [lines, last, n] = [0, 0x0a, 0];
  try {
    while ((n = readSync(src, chunk, 0, chunk.length, null)) > 0) {
      for (let at = chunk.indexOf(0x0a); at >= 0 && at < n; at = chunk.indexOf(0x0a, at + 1)) lines++;
      last = chunk[n - 1];
      writeSync(fd, chunk, 0, n);
    }
  } finally {
    closeSync(src);
  }
  return { lines, isWhole: last === 0x0a };
}

export function mergeShards(out: string, dirs: string[]): MergeResult {
  const shards = checkShards(dirs);
  for (const s of shards) {
    const [o, d] = [resolve(out), resolve(s.dir)];
    if (o === d || o.startsWith(d + sep) || d.startsWith(o + sep)) {
      throw new BadInputError(`merge: the output ${out} must be outside the shard folders (it overlaps ${s.dir})`);
    }
  }
  const owner = new Map<string, string>();
  const files = shards.map((s) => {
    const list = shardFiles(s.dir);
    for (const f of list) {
      const other = owner.get(f);
      if (other !== undefined) throw new BadInputError(`${f} is in two shards, ${other} and ${s.dir}: shards must not share scenes`);
      owner.set(f, s.dir);
    }
    return list;
  });
  const tmp = prepareTempDir(out, 'dataset.jsonl');
  let questions = 0;
  try {
    const fd = openSync(join(tmp, 'dataset.jsonl'), 'w');
    try {
      shards.forEach((s, i) => {
        const file = join(s.dir, 'dataset.jsonl');
        const { lines, isWhole } = appendCounting(file, fd);
        if (lines !== s.manifest.questions || !isWhole) {
          throw new BadInputError(`${file}: ${lines} line(s), but ${SHARD_MANIFEST} says ${s.manifest.questions}: the shard is incomplete or was edited`);
        }
        questions += lines;
        for (const f of files[i]) linkOrCopy(join(s.dir, f), join(tmp, f));
      });
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    discardDir(tmp);
    throw err;
  }
  commitDir(tmp, out);
  return { datasetPath: join(out, 'dataset.jsonl'), shards: shards.length, questions };
}

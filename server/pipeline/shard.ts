/**
 * Sharding `generate` over a cluster: which shard this process is (`--shard I/N`, or `--shard auto` from
 * a Slurm array or a Kubernetes Indexed Job), which scenes it owns, and the manifest each shard writes
 * beside its dataset.jsonl so that `bopask merge` can check that none is missing or repeated.
 *
 * Shards own contiguous runs of scenes (in the reader's sorted scene order), so concatenating the shards'
 * dataset.jsonl files in shard order gives the lines of a single run in the same order. Every scene's
 * questions depend only on that scene (per-frame seeds, per-scene task mix), never on another shard.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { BadInputError } from '../../shared/errors';

export interface ShardSpec {
  /** 0-based. */
  index: number;
  count: number;
}

export const SHARD_MANIFEST = 'shard.json';
export const SHARD_FORMAT = 'bopask-shard/1';

export interface ShardManifest {
  format: typeof SHARD_FORMAT;
  index: number;
  count: number;
  /** The scenes this shard generated: [first, end) positions in the input's sorted scene list. */
  scenes: [number, number];
  /** Identifies the input and the options, so shards of different runs are never merged. */
  run: string;
  questions: number;
}

const isNonNegInt = (s: string): boolean => /^\d+$/.test(s);

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (!isNonNegInt(v)) throw new BadInputError(`--shard auto: $${name} is '${v}', expected a non-negative integer`);
  return Number(v);
}

function checked(spec: ShardSpec, what: string): ShardSpec {
  if (spec.count < 1) throw new BadInputError(`${what}: the number of shards must be at least 1, got ${spec.count}`);
  if (spec.index >= spec.count) {
    throw new BadInputError(`${what}: shard index ${spec.index} is out of range: indices are 0-based, 0 to ${spec.count - 1}`);
  }
  return spec;
}

/**
 * Reads `--shard I/N` (0-based I) or `--shard auto`. Auto takes Slurm's array variables
 * (SLURM_ARRAY_TASK_ID, minus SLURM_ARRAY_TASK_MIN and divided by SLURM_ARRAY_TASK_STEP when set, out of
 * SLURM_ARRAY_TASK_COUNT), else Kubernetes' JOB_COMPLETION_INDEX with `shards` (--shards N) as the count.
 */
export function parseShard(spec: string, shards: string | undefined, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  let shardsN: number | undefined;
  if (shards !== undefined) {
    if (!isNonNegInt(shards) || Number(shards) < 1) throw new BadInputError(`--shards: expected an integer >= 1, got '${shards}'`);
    shardsN = Number(shards);
  }
  if (spec !== 'auto') {
    const m = /^(\d+)\/(\d+)$/.exec(spec);
    if (!m) throw new BadInputError(`--shard: expected I/N (0-based shard I of N, e.g. 0/4) or 'auto', got '${spec}'`);
    if (shardsN !== undefined) throw new BadInputError(`--shards goes with --shard auto only; '--shard ${spec}' already says the count`);
    return checked({ index: Number(m[1]), count: Number(m[2]) }, `--shard ${spec}`);
  }
  const slurmId = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) {
    const count = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
    if (count === undefined) throw new BadInputError('--shard auto: $SLURM_ARRAY_TASK_ID is set but $SLURM_ARRAY_TASK_COUNT is not');
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
    if (step < 1 || slurmId < min || (slurmId - min) % step !== 0) {
      throw new BadInputError(`--shard auto: $SLURM_ARRAY_TASK_ID ${slurmId} is not on the array's range (min ${min}, step ${step})`);
    }
    if (shardsN !== undefined && shardsN !== count) {
      throw new BadInputError(`--shards ${shardsN} disagrees with $SLURM_ARRAY_TASK_COUNT ${count}`);
    }
    return checked({ index: (slurmId - min) / step, count }, `--shard auto ($SLURM_ARRAY_TASK_ID ${slurmId})`);
  }
  const k8sIndex = envInt(env, 'JOB_COMPLETION_INDEX');
  if (k8sIndex !== undefined) {
    if (shardsN === undefined) {
      throw new BadInputError('--shard auto: $JOB_COMPLETION_INDEX is set; give the job\'s completions as --shards N');
    }
    return checked({ index: k8sIndex, count: shardsN }, `--shard auto ($JOB_COMPLETION_INDEX ${k8sIndex})`);
  }
  throw new BadInputError('--shard auto: neither $SLURM_ARRAY_TASK_ID (Slurm array) nor $JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set');
}

/** The [first, end) scene positions of shard `index` out of `count` over `scenes` scenes (balanced blocks). */
export function shardRange(scenes: number, spec: ShardSpec): [number, number] {
  return [Math.floor((spec.index * scenes) / spec.count), Math.floor(((spec.index + 1) * scenes) / spec.count)];
}

/** A digest of everything that decides the output, minus the shard itself. */
export function runId(parts: { dataset: string; split: string; seed: number; maxPerImage: number; sceneDirs: string[]; objects: unknown }): string {
  // Scene folder names and object descriptions, not paths: nodes of a cluster may mount the input elsewhere.
  const key = JSON.stringify([parts.dataset, parts.split, parts.seed, parts.maxPerImage, parts.sceneDirs.map((d) => basename(d)), parts.objects]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

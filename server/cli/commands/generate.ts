/** `bopask generate`: BOP-format dataset → BOP-Ask questions (see server/pipeline/generate.ts). */
import { BadInputError } from '../../../shared/errors';
import { DEFAULT_MAX_PER_IMAGE, generateDataset } from '../../pipeline/generate';
import { defaultJobs } from '../../pipeline/parallel/pool';
import { Progress } from '../../pipeline/progress';
import { parseShard } from '../../pipeline/shard';
import { parseCommandArgs, requireOption } from '../args';

export const usage = `usage: bopask generate --bop DIR --out OUT [--split test] [--seed S] [--max-per-image N] [--objects FILE] [--jobs N]
                        [--shard I/N | --shard auto [--shards N]]

Turns a dataset in the BOP layout into BOP-Ask questions (pose, grasp, trajectory, rearrangement,
spatial, depth; mixed like BOP-Ask-core). Reads DIR/models/models_info.json, DIR/<split>/<scene>/
scene_camera.json, scene_gt.json, scene_gt_info.json (optional), rgb/ or gray/, depth/ (optional;
without it the table plane comes from the objects' bottom faces) and mask_visib/ (optional).
Object names and descriptions come from DIR/objects.json, or --objects FILE:
  {"<obj_id>": {"name": "soup can", "description": "a red can of tomato soup", "category": "can"}, ...}
Writes OUT/dataset.jsonl and the images (OUT/<dataset>/<scene>/rgb/...). OUT must be new, empty, or a
previous output of this command (replaced). Nothing is written when an input file is malformed.
  --seed S            random seed (default 1): same input and seed, same output
  --max-per-image N   at most N questions per image (default ${DEFAULT_MAX_PER_IMAGE})
  --jobs N            worker threads (default: one per core, here ${defaultJobs()}); the output is the same for any N
  --shard I/N         generate only shard I (0-based) of N: a contiguous block of the scenes, independent of the
                      others; OUT also gets shard.json, and 'bopask merge OUT SHARD_DIR…' joins the shards into
                      exactly the output of a single run
  --shard auto        the shard from a Slurm array ($SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT) or a
                      Kubernetes Indexed Job ($JOB_COMPLETION_INDEX, with --shards N = the job's completions)`;

function intOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new BadInputError(`--${name}: expected an integer >= ${min}, got '${value}'\n${usage}`);
  return n;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, {
    bop: { type: 'string' },
    out: { type: 'string' },
    split: { type: 'string', default: 'test' },
    seed: { type: 'string' },
    'max-per-image': { type: 'string' },
    objects: { type: 'string' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
  }, usage);
  if (values.shards !== undefined && values.shard === undefined) throw new BadInputError(`--shards goes with --shard auto\n${usage}`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard, values.shards);
  const bop = requireOption(values.bop, 'bop', usage);
  const out = requireOption(values.out, 'out', usage);
  const progress = new Progress('generate');
  const started = Date.now();
  const result = await generateDataset({
    bop, out, split: values.split, objects: values.objects,
    seed: intOption(values.seed, 'seed', 1, 0),
    maxPerImage: intOption(values['max-per-image'], 'max-per-image', DEFAULT_MAX_PER_IMAGE, 1),
    jobs: intOption(values.jobs, 'jobs', defaultJobs(), 1),
    shard,
    onProgress: (d, t, q) => progress.update(d, t, `${q} questions`),
    warn: (m) => process.stderr.write(`generate: ${m}\n`),
  });
  const secs = (Date.now() - started) / 1000;
  const mix = Object.entries(result.byTask).map(([t, n]) => `${t} ${n}`).join(', ');
  const of = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  progress.finish(`generate${of}: ${result.count} questions from ${result.frames} frame(s) in ${secs.toFixed(1)} s (${mix})`);
  process.stdout.write(`${result.datasetPath}\n`);
}

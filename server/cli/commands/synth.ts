/** `bopask synth`: deterministic synthetic tabletop scenes in the BOP layout (see server/pipeline/synth). */
import { BadInputError } from '../../../shared/errors';
import { Progress } from '../../pipeline/progress';
import { defaultJobs } from '../../pipeline/parallel/pool';
import { synthesize } from '../../pipeline/synth';
import { parseCommandArgs, requireOption } from '../args';

export const usage = `usage: bopask synth --scenes N --seed S --out DIR [--jobs N]

Writes N synthetic tabletop scenes (1280x720, one frame each) in the BOP layout:
  DIR/test/<scene>/{scene_camera,scene_gt,scene_gt_info}.json, rgb/, depth/ (16-bit, depth_scale 0.1),
  mask_visib/, plus DIR/models/models_info.json and DIR/objects.json (names and descriptions).
scene_camera.json also holds the true world frame (cam_R_w2c, cam_t_w2c: world z up, table at z = 0).
The same --scenes and --seed always give the same files, whatever --jobs is.
  --jobs N   worker threads (default: one per core, here ${defaultJobs()})
Then: bopask generate --bop DIR --out OUT`;

function positiveInt(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new BadInputError(`--${name}: expected an integer from 0 to ${max}, got '${value}'\n${usage}`);
  return n;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, {
    scenes: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    jobs: { type: 'string' },
  }, usage);
  const scenes = positiveInt(requireOption(values.scenes, 'scenes', usage), 'scenes', 100_000);
  const seed = positiveInt(values.seed ?? '1', 'seed', 2 ** 31);
  const out = requireOption(values.out, 'out', usage);
  const jobs = values.jobs === undefined ? defaultJobs() : positiveInt(values.jobs, 'jobs', 256);
  if (jobs < 1) throw new BadInputError(`--jobs: expected at least 1\n${usage}`);
  if (scenes < 1) throw new BadInputError(`--scenes: expected at least 1\n${usage}`);
  const progress = new Progress('synth');
  const started = Date.now();
  await synthesize(out, { scenes, seed, jobs, onScene: (d, t) => progress.update(d, t) });
  progress.finish(`synth: wrote ${scenes} scene(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`${out}\n`);
}

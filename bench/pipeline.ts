/**
 * Pipeline throughput: synthesises scenes, generates questions from them, and reports scenes/s and
 * questions/s for each half plus the projected time for a 100,000-question set.
 *   npm run bench:pipeline                      # 40 scenes (the demo's size)
 *   npm run bench:pipeline -- --questions 100000  # the full benchmark-scale set
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from '../server/pipeline/generate';
import { Progress } from '../server/pipeline/progress';
import { synthesizeInto } from '../server/pipeline/synth';

const { values } = parseArgs({ options: {
  scenes: { type: 'string' }, questions: { type: 'string' }, 'max-per-image': { type: 'string', default: '40' }, keep: { type: 'boolean' },
} });
const maxPerImage = Number(values['max-per-image']);
// Frames give about 30 questions each at --max-per-image 40 (fewer when a frame has few objects).
const scenes = values.questions ? Math.ceil(Number(values.questions) / 30) : Number(values.scenes ?? 40);
const root = mkdtempSync(join(tmpdir(), 'bopask-bench-'));
try {
  let t = performance.now();
  const synthProgress = new Progress('synth');
  synthesizeInto(join(root, 'bop'), { scenes, seed: 1, onScene: (d, n) => synthProgress.update(d, n) });
  const synthS = (performance.now() - t) / 1000;
  synthProgress.finish(`synth: ${scenes} scenes in ${synthS.toFixed(1)} s`);
  t = performance.now();
  const genProgress = new Progress('generate');
  const r = generateDataset({ bop: join(root, 'bop'), out: join(root, 'out'), seed: 1, maxPerImage, onProgress: (d, n, q) => genProgress.update(d, n, `${q} questions`) });
  const genS = (performance.now() - t) / 1000;
  genProgress.finish(`generate: ${r.count} questions in ${genS.toFixed(1)} s`);
  const qps = r.count / (synthS + genS);
  console.log(JSON.stringify({
    scenes, questions: r.count, byTask: r.byTask,
    synth_scenes_per_s: +(scenes / synthS).toFixed(2),
    generate_questions_per_s: +(r.count / genS).toFixed(1),
    end_to_end_questions_per_s: +qps.toFixed(1),
    projected_minutes_for_100k: +(100_000 / qps / 60).toFixed(1),
  }, null, 1));
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

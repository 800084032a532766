/** CPU time of the two demo stages on one thread: `npx tsx bench/synthTime.ts [scenes]`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../server/pipeline/generate';
import { synthesizeInto } from '../server/pipeline/synth';

const scenes = Number(process.argv[2] ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'bopask-synthtime-'));
const cpu = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1e6).toFixed(1);
let c0 = process.cpuUsage();
await synthesizeInto(join(dir, 'bop'), { scenes, seed: 7, jobs: 1 });
process.stdout.write(`synth ${scenes} scenes: ${cpu(process.cpuUsage(c0))} s CPU\n`);
c0 = process.cpuUsage();
await generateDataset({ bop: join(dir, 'bop'), out: join(dir, 'out'), seed: 7, maxPerImage: 18, jobs: 1 });
process.stdout.write(`generate: ${cpu(process.cpuUsage(c0))} s CPU\n`);
rmSync(dir, { recursive: true, force: true });

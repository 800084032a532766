/**
 * Time (wall and CPU) to make the demo dataset on one thread, as the server does at first start:
 * `npx tsx bench/demoTime.ts [scenes]`. CPU time is the figure to compare on a shared machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../server/pipeline/demo';

const scenes = Number(process.argv[2] ?? 40);
const out = mkdtempSync(join(tmpdir(), 'bopask-demotime-'));
const [t0, c0] = [performance.now(), process.cpuUsage()];
const r = await generateDemo(join(out, 'demo'), { scenes, jobs: 1 });
const c = process.cpuUsage(c0);
process.stdout.write(`${scenes} scenes, ${r.count} questions: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU\n`);
rmSync(out, { recursive: true, force: true });

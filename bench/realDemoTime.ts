/** CPU time of the demo's real-photo part: `npx tsx bench/realDemoTime.ts [jobs]`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRealDemo } from '../server/pipeline/realDemo';

const jobs = process.argv[2] ? Number(process.argv[2]) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'bopask-realdemo-'));
const [t0, c0] = [performance.now(), process.cpuUsage()];
const parts = await generateRealDemo(dir, { jobs });
const c = process.cpuUsage(c0);
process.stdout.write(`${parts.reduce((s, p) => s + p.count, 0)} questions on real photos (jobs ${jobs ?? 'default'}): ` +
  `${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU\n`);
rmSync(dir, { recursive: true, force: true });

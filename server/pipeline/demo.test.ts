import { readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from './demo';
import { TASK_MIX } from './mix';

const root = mkdtempSync(join(tmpdir(), 'bopask-demo-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Generous: 40 textured scenes on 2 cores that other jobs share take 20 s to over a minute.
describe('the demo dataset', () => {
  it('has the size and the task mix of BOP-Ask-core, every task within 1 point (on worker threads)', async () => {
    const demo = await generateDemo(join(root, 'demo'), { jobs: 2 });
    const lines = readFileSync(demo.datasetPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { task: string });
    expect(lines).toHaveLength(demo.count);
    expect(demo.count).toBeGreaterThanOrEqual(650);
    expect(demo.count).toBeLessThanOrEqual(750);
    for (const [task, share] of Object.entries(TASK_MIX)) {
      const got = lines.filter((l) => l.task === task).length / lines.length;
      expect(Math.abs(got - share), `${task}: ${(100 * got).toFixed(1)}%`).toBeLessThan(0.01);
    }
  }, 180_000);
});

/** CLI input errors: a folder given as a file, bad lines as FILE:LINE: field: reason, a UTF-8 BOM. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureDataset } from '../../testing/fixtureDataset';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('bopask input errors', () => {
  let dir: string;
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'db.sqlite'), IMAGES_DIR: path.join(dir, 'images'), ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-cli-input-'));
  });

  it('a folder given as --dataset or --predictions exits 2 with a clear message, not a raw EISDIR', () => {
    for (const args of [['import', '--dataset', dir], ['score', '--dataset', dir, '--predictions', dir]]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is a folder: give the \.jsonl file inside it/);
      expect(r.stderr).not.toMatch(/EISDIR|\n\s+at /);
    }
  });

  it('import reports bad lines as FILE:LINE: field: reason and writes nothing', () => {
    const dataset = writeFixtureDataset(1);
    const lines = fs.readFileSync(dataset, 'utf8').trim().split('\n');
    lines[1] = JSON.stringify({ ...JSON.parse(lines[1]), camera: { K: [[1, 0]] } });
    lines[3] = '{"id": "x", ';
    fs.writeFileSync(dataset, lines.join('\n') + '\n');
    const r = run(['import', '--dataset', dataset]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dataset}:2: field camera.K: expected 3×3 matrix`);
    expect(r.stderr).toContain(`${dataset}:4: not valid JSON`);
    // Nothing was imported: the export is empty.
    expect(run(['export']).stdout).toBe('');
  });

  it('accepts a dataset and a predictions file that start with a UTF-8 BOM', () => {
    const dataset = writeFixtureDataset(1);
    fs.writeFileSync(dataset, '\uFEFF' + fs.readFileSync(dataset, 'utf8'));
    const imported = run(['import', '--dataset', dataset]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/imported 6 new question/);
    const predictions = path.join(dir, 'p.jsonl');
    fs.writeFileSync(predictions, '\uFEFF' + JSON.stringify({ id: 'spatial-0', source: 'M', output: 'Yes' }) + '\n');
    expect(run(['import-predictions', '--predictions', predictions]).code).toBe(0);
    expect(run(['score', '--dataset', dataset, '--predictions', predictions, '--images', path.dirname(dataset), '--format', 'csv']).stdout).toMatch(/^M,/m);
  });
});

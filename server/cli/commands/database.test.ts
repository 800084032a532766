/**
 * The database commands end to end, as a researcher runs them: import, export (round trip),
 * import-predictions (all-or-nothing), table (scored by the shared metrics) and create-user.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureDataset } from '../../testing/fixtureDataset';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('bopask import / export / import-predictions / table / create-user', () => {
  let dir: string;
  let dataset: string;
  const run = (args: string[], env: Record<string, string> = {}, input?: string) => {
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), ...args], {
      cwd: repo,
      encoding: 'utf8',
      input,
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'db.sqlite'), IMAGES_DIR: path.join(dir, 'images'), ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const writePredictions = (name: string, lines: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return file;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-cli-db-'));
    dataset = writeFixtureDataset(1);
  });

  it('imports a dataset, exports it unchanged, and re-importing the export changes nothing', () => {
    const first = run(['import', '--dataset', dataset]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('imported 6 new question(s), 0 unchanged, 6 in the file\n');
    const exported = run(['export']);
    expect(exported.code).toBe(0);
    const original = fs.readFileSync(dataset, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(exported.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(original);
    const out = path.join(dir, 'export.jsonl');
    fs.writeFileSync(out, exported.stdout);
    fs.cpSync(path.join(path.dirname(dataset), 'img'), path.join(dir, 'img'), { recursive: true });
    expect(run(['import', '--dataset', out]).stdout).toBe('imported 0 new question(s), 6 unchanged, 6 in the file\n');
  });

  it('refuses a predictions file with a bad line (exit 2, line number) and imports nothing', () => {
    const bad = writePredictions('bad.jsonl', [
      { id: 'spatial-0', source: 'M', output: 'Yes' },
      { id: 'nope', source: 'M', output: 'Yes' },
    ]);
    const r = run(['import-predictions', '--predictions', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2: field id: no question 'nope'`);
    expect(r.stdout).toBe('');
    expect(JSON.parse(run(['table', '--format', 'json']).stdout).rows).toEqual([]);
  });

  it('refuses answers to practice questions and a repeated (id, source, annotator)', () => {
    const practice = writeFixtureDataset(1, 'practice-');
    expect(run(['import', '--dataset', practice, '--practice']).code).toBe(0);
    const bad = writePredictions('practice.jsonl', [
      { id: 'practice-spatial-0', source: 'M', output: 'Yes' },
      { id: 'spatial-0', source: 'H', annotator: 'a', output: 'Yes' },
      { id: 'spatial-0', source: 'H', annotator: 'a', output: 'No' },
    ]);
    const r = run(['import-predictions', '--predictions', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:1: field id: 'practice-spatial-0' is a practice question`);
    expect(r.stderr).toContain(`${bad}:3: a second answer to 'spatial-0' from H (annotator a) (the first is at line 2)`);
  });

  it('table, export and import-predictions refuse a missing database (exit 2) and do not create it', () => {
    const missing = path.join(dir, 'typo', 'db.sqlite');
    const preds = writePredictions('one.jsonl', [{ id: 'spatial-0', source: 'M', output: 'Yes' }]);
    for (const args of [['table'], ['export'], ['import-predictions', '--predictions', preds]]) {
      const r = run([...args, '--db', missing]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`bopask: BAD_INPUT: no database at ${missing}; import a dataset first or pass --db\n`);
    }
    expect(run(['table'], { DATABASE_PATH: missing }).code).toBe(2);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('scores imported predictions with the shared metrics and prints the table', () => {
    const preds = writePredictions('m.jsonl', [
      { id: 'spatial-0', source: 'Model', output: 'Yes, it is.' },
      { id: 'depth-0', source: 'Model', output: 'No' },
      { id: 'spatial-0', source: 'Human', annotator: 'a', output: 'Yes' },
      { id: 'spatial-0', source: 'Human', annotator: 'b', output: 'No' },
      { id: 'grasp-0', source: 'Model', output: 'I cannot tell' },
    ]);
    const r = run(['import-predictions', '--predictions', preds]);
    expect(r.stdout).toBe('imported 5 answer(s) from Model, Human (0 unchanged, 1 unreadable and scored invalid)\n');
    const rows = JSON.parse(run(['table', '--format', 'json']).stdout).rows;
    expect(rows.map((row: { source: string }) => row.source)).toEqual(['Human', 'Model']);
    expect(rows[0].spatial_sr).toBe(50); // two annotators averaged on one question
    expect(rows[1].spatial_sr).toBe(100);
    expect(rows[1].depth_sr).toBe(0);
    expect(rows[1].grasp_nce).toBe('inf');
    // The same file again changes nothing.
    expect(run(['import-predictions', '--predictions', preds]).stdout).toContain('imported 0 answer(s)');
  });

  it('creates accounts, refusing a short password and a taken name', () => {
    expect(run(['create-user', '--username', 'ada'], {}, 'short\n').code).toBe(2);
    const ok = run(['create-user', '--username', 'ada', '--role', 'admin'], {}, 'long enough password\n');
    expect(ok.stdout).toBe("created admin 'ada'\n");
    const again = run(['create-user', '--username', 'ada'], { BOPASK_PASSWORD: 'another password' });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("username 'ada' is already taken");
  });
});

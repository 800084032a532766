/**
 * The bundled CLI (vite.cli.config.ts) behaves as the source does, and bin/bopask.js runs it only while
 * it is fresh. The bundle is built into a folder of its own beside dist/cli (at the same depth, where
 * node_modules resolves), so the checkout's dist/cli is left alone for the other tests running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleState } from '../../bin/cliBundle.js';
import { writeFixtureDataset } from '../testing/fixtureDataset';

const repo = path.join(import.meta.dirname, '..', '..');
const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'score', name);

describe('the bundled CLI', () => {
  let out: string;
  beforeAll(() => {
    out = path.join(repo, 'dist', `cli-test-${process.pid}`);
    execFileSync(process.execPath, [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.cli.config.ts'], {
      cwd: repo,
      env: { ...process.env, BOPASK_CLI_OUT_DIR: out },
      stdio: 'pipe',
    });
  }, 120_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  const run = (entry: string[], args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [...entry, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });

  it('scores exactly as the source does, and leaves the native better-sqlite3 out of the bundle', () => {
    const args = ['score', '--dataset', fixture('dataset.jsonl'), '--predictions', fixture('predictions.jsonl'), '--format', 'json'];
    const bundled = run([path.join(out, 'bopask.mjs')], args);
    const source = run([path.join(repo, 'bin', 'bopask.js')], args, { BOPASK_CLI: 'source' });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    const code = fs.readdirSync(out).filter((f) => f.endsWith('.mjs')).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(code).toMatch(/from "better-sqlite3"/);
    expect(code).not.toMatch(/import\.meta\.dirname/);
  });

  it('finds the migrations from its own folder: a database command works', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-cli-bundle-db-')), 'db.sqlite');
    const r = run([path.join(out, 'bopask.mjs')], ['import', '--dataset', writeFixtureDataset(1), '--db', db], { IMAGES_DIR: path.join(path.dirname(db), 'images') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported/);
  });

  it('is fresh as built, and stale once any file it was built from changes or goes', () => {
    expect(bundleState(repo, out)).toMatchObject({ fresh: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'inputs.json'), 'utf8')) as { inputs: [string, number, number][] };
    const changed = structuredClone(manifest);
    changed.inputs[0][2] -= 1000;
    fs.writeFileSync(path.join(out, 'inputs.json'), JSON.stringify(changed));
    expect(bundleState(repo, out)).toEqual({ fresh: false, reason: `${manifest.inputs[0][0]} changed since the CLI was built` });
    const gone = structuredClone(manifest);
    gone.inputs.push(['server/cli/no-such-file.ts', 1, 1]);
    fs.writeFileSync(path.join(out, 'inputs.json'), JSON.stringify(gone));
    expect(bundleState(repo, out)).toMatchObject({ fresh: false });
    fs.rmSync(path.join(out, 'inputs.json'));
    expect(bundleState(repo, out)).toMatchObject({ fresh: false, reason: expect.stringMatching(/no built CLI/) });
  });
});

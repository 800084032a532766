/**
 * The constructed set through the CLI and the database file: `bopask table` shows the hand-computed
 * figures and leaves excluded answers out; its human-responses download, scored by `bopask score` against
 * `bopask export`'s dataset, gives the same Human row and the same intervals for the same seed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { excludeContributor, excludeQuestion } from '../../services/baseline/exclusions';
import { writeBaselineFixture, type BaselineFixture } from '../../testing/baselineFixture';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

// Each test starts two or three CLI processes: on a loaded 2-core machine that takes a while.
describe('bopask table on the constructed set', { timeout: 90_000 }, () => {
  let fx: BaselineFixture;
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: path.join(fx.dir, 'db.sqlite'), IMAGES_DIR: path.join(fx.dir, 'images') },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    fx = writeBaselineFixture();
    expect(run(['import', '--dataset', fx.dataset]).code).toBe(0);
    expect(run(['import-predictions', '--predictions', fx.humans]).code).toBe(0);
    expect(run(['import-predictions', '--predictions', fx.model]).code).toBe(0);
  }, 90_000);

  it('prints the hand-computed table; an exclusion and a rejection move it and are named', () => {
    const before = JSON.parse(run(['table', '--format', 'json']).stdout).rows;
    expect(before[0].pose_iou3d).toBeCloseTo(40, 4);
    expect(before[0].spatial_sr).toBeCloseTo(50, 10);
    expect(before[1]).toMatchObject({ source: fx.modelSource, traj_dist: 'inf' });
    const db = openDb(path.join(fx.dir, 'db.sqlite'));
    excludeContributor(db, 'hb-x', 'same answer every time', null);
    excludeQuestion(db, fx.ids.spatial[4], 'label is ambiguous', null);
    db.$client.close();
    const after = JSON.parse(run(['table', '--format', 'json']).stdout).rows;
    expect(after[0].spatial_sr).toBeCloseTo(75, 10);
    const md = run(['table']).stdout;
    expect(md).toContain('Human row excludes 1 contributor(s) and their 1 response(s), by curator decision: 1 × "same answer every time".');
    expect(md).toContain('Every row excludes 1 question(s) rejected by a curator (1 response(s))');
    expect(md).toContain(`| ${fx.modelSource} | – | – | 50.0 | inf |`);
  });

  it('the human-responses download reproduces the Human row and its intervals with bopask score', () => {
    const humans = path.join(fx.dir, 'human-out.jsonl');
    const table = run(['table', '--ci', '--seed', '5', '--resamples', '200', '--format', 'json', '--human-responses', humans]);
    expect(table.code).toBe(0);
    const lines = fs.readFileSync(humans, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // x and the rejected question are left out; annotators are renamed, never the stored ids.
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => l.annotator))).toEqual(new Set(['annotator-1', 'annotator-2', 'annotator-3']));
    expect(fs.readFileSync(humans, 'utf8')).not.toMatch(/hb-[abcx]"/);
    const dataset = path.join(fx.dir, 'export.jsonl');
    fs.writeFileSync(dataset, run(['export']).stdout);
    const score = run(['score', '--dataset', dataset, '--predictions', humans, '--predictions', fx.model, '--ci', '--seed', '5', '--resamples', '200', '--format', 'json']);
    expect(score.stderr).toBe('');
    const fromDb = JSON.parse(table.stdout);
    const fromFiles = JSON.parse(score.stdout);
    expect(fromFiles.rows).toEqual(fromDb.rows);
    expect(fromFiles.statistics.human_tasks.pose).toEqual(fromDb.statistics.human_tasks.pose);
  });

  it('writes per-question scores as bopask score does', () => {
    const out = path.join(fx.dir, 'pq.jsonl');
    expect(run(['table', '--per-question', out]).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const pose = lines.find((l) => l.id === fx.ids.pose && l.source === 'Human');
    expect(pose).toMatchObject({ task: 'pose', responses: 2, invalid: 0 });
    expect(pose.iou3d).toBeCloseTo(0.4, 6);
    expect(lines.find((l) => l.id === fx.ids.traj[0])).toMatchObject({ source: fx.modelSource, invalid: 1, dist: 'inf' });
  });

  it('import-predictions --group puts models in groups, listed in the order declared, then by name', () => {
    const zeta = path.join(fx.dir, 'zeta.jsonl');
    fs.writeFileSync(zeta, JSON.stringify({ id: fx.ids.traj[1], source: 'hb-Zeta', output: 'no idea' }) + '\n');
    expect(run(['import-predictions', '--predictions', zeta, '--group', '  ']).code).toBe(2);
    const r = run(['import-predictions', '--predictions', zeta, '--group', 'Proprietary']);
    expect(r.stdout).toContain('hb-Zeta in group Proprietary');
    expect(run(['import-predictions', '--predictions', fx.model, '--group', 'Open-source']).code).toBe(0);
    const rows = JSON.parse(run(['table', '--ci', '--resamples', '100', '--format', 'json']).stdout).rows;
    expect(rows.map((x: { source: string; group: string | null }) => [x.source, x.group])).toEqual([
      ['Human', null], ['hb-Zeta', 'Proprietary'], [fx.modelSource, 'Open-source'],
    ]);
    expect(run(['table', '--ci', '--resamples', '100', '--format', 'latex']).stdout).toMatch(/hb-Zeta[^\n]*\n\\midrule\nhb-Broken/);
  });
});

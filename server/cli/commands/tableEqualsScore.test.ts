/**
 * The app's table equals `bopask score` on the same data (issue 10): a dataset and prediction files are
 * imported into a database through the CLI, and `bopask table --format json` must equal
 * `bopask score --format json` on the same files exactly — the same rows in the same order, every
 * number bit-identical (compared as shortest round-trip text after parsing).
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectBox } from '../../../shared/geometry/box3d';
import { rotationFromEuler } from '../../../shared/geometry/rotation';
import type { Box3d, Mat3, Vec2 } from '../../../shared/geometry/types';
import { fixtureItem, writeFixtureDataset } from '../../testing/fixtureDataset';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const K: Mat3 = [[600, 0, 320], [0, 600, 240], [0, 0, 1]];

describe('bopask table equals bopask score', () => {
  it('on a dataset with models, crowd responses and invalid answers, imported in another order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-table-score-'));
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: path.join(dir, 'db.sqlite'), IMAGES_DIR: path.join(dir, 'images') },
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const perTask = 6;
    const dataset = writeFixtureDataset(perTask, '', dir);
    // Pose questions with a camera and a 3D box, so IoU 3D goes through the PnP lift.
    const boxes: Box3d[] = [];
    const poseLines = Array.from({ length: perTask }, (_, i) => {
      const box: Box3d = { center: [rnd() * 60 - 30, rnd() * 40 - 20, 500 + rnd() * 300], size: [60 + rnd() * 60, 50 + rnd() * 60, 70 + rnd() * 60], rotation: rotationFromEuler(rnd() * 6, rnd() * 6, rnd() * 6) };
      boxes.push(box);
      return JSON.stringify({ ...fixtureItem('pose', i, '3d-'), answer: projectBox(K, box), camera: { K }, box3d: box });
    });
    fs.appendFileSync(dataset, poseLines.join('\n') + '\n');
    const items = fs.readFileSync(dataset, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; task: string; answer: unknown });
    const noisy = (pts: Vec2[], px: number) => pts.map(([x, y]) => [x + (rnd() - 0.5) * 2 * px, y + (rnd() - 0.5) * 2 * px]);
    const output = (item: { task: string; answer: unknown }): unknown => {
      if (rnd() < 0.08) return 'I cannot tell.';
      if (item.task === 'spatial' || item.task === 'depth') return rnd() < 0.7 ? item.answer : item.answer === 'Yes' ? 'No' : 'Yes';
      const pts = noisy(item.answer as Vec2[], 2 + rnd() * 20);
      return rnd() < 0.5 ? pts : JSON.stringify(pts);
    };
    const lines: object[] = [];
    for (const item of items) {
      for (const source of ['zeta-VL', 'Alpha 7B', 'beta']) lines.push({ id: item.id, source, output: output(item) });
      for (const annotator of ['p-1', 'p-2', 'p-3']) if (rnd() < 0.8) lines.push({ id: item.id, source: 'Human', annotator, output: output(item) });
    }
    const shuffle = <T,>(xs: T[]) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    };
    const write = (name: string, ls: object[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, ls.map((l) => JSON.stringify(l)).join('\n') + '\n');
      return file;
    };
    // The database gets the lines in two files in one order; score reads them in another.
    const order = shuffle(lines);
    const half = order.length >> 1;
    const partA = write('a.jsonl', order.slice(0, half)), partB = write('b.jsonl', order.slice(half));
    const all = write('all.jsonl', shuffle(lines));

    run(['import', '--dataset', dataset]);
    run(['import-predictions', '--predictions', partB]);
    run(['import-predictions', '--predictions', partA]);
    const table = JSON.parse(run(['table', '--format', 'json']));
    const score = JSON.parse(run(['score', '--dataset', dataset, '--images', dir, '--predictions', all, '--format', 'json']));
    expect(table.rows.map((r: { source: string }) => r.source)).toEqual(['Human', 'Alpha 7B', 'beta', 'zeta-VL']);
    expect(JSON.stringify(table)).toBe(JSON.stringify(score));
    // Some cells are non-trivial sums (not round numbers) and some are inf: the comparison has teeth.
    expect(table.rows.some((r: { pose_iou3d: unknown }) => typeof r.pose_iou3d === 'number' && !Number.isInteger((r.pose_iou3d as number) * 1e6))).toBe(true);
    expect(table.rows.some((r: { traj_dist: unknown }) => r.traj_dist === 'inf')).toBe(true);

    // Scores of an older metric version: the table recomputes them, and `bopask rescore` stores them again.
    const db = new Database(path.join(dir, 'db.sqlite'));
    db.exec(`update responses set metric_version = null, scores = '{"valid":false,"iou3d":0,"iou2d":0}' where rowid % 3 = 0`);
    db.close();
    expect(JSON.stringify(JSON.parse(run(['table', '--format', 'json'])), null, 2)).toBe(JSON.stringify(table, null, 2));
    expect(run(['rescore'])).toMatch(/^rescored \d+ stored score\(s\) to metric version \d+\n$/);
    expect(run(['rescore'])).toMatch(/nothing to rescore/);
    expect(JSON.stringify(JSON.parse(run(['table', '--format', 'json'])))).toBe(JSON.stringify(score));
  }, 180_000);
});

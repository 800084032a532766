/**
 * A constructed set whose table is known by hand, for the database, CLI and page tests:
 *
 * - one pose question answered by contributors a and b, whose answers are the ground-truth box moved
 *   by a quarter and by two thirds of its width: IoU 3D 75/125 = 0.6 and 33.3/166.7 = 0.2 → Human 40.0;
 * - spatial questions 1–5: a right on 1 and 2, b wrong on 3, c right on 4, x wrong on 1, c wrong on 5;
 *   with contributor x excluded and question 5 rejected the Human spatial SR is (1 + 1 + 0 + 1)/4 = 75.0,
 *   before them (0.5 + 1 + 0 + 1 + 0)/5 = 50.0;
 * - model "<prefix>Broken": unreadable text on trajectory 1 (→ inf) and the exact path on trajectory 2
 *   (valid-only distance 0.0).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { projectBox } from '../../shared/geometry/box3d';
import type { Box3d, Mat3 } from '../../shared/geometry/types';

export const BASELINE_K: Mat3 = [[600, 0, 320], [0, 600, 240], [0, 0, 1]];
const rotation: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const box = (dx: number): Box3d => ({ center: [dx, 0, 800], size: [100, 60, 80], rotation });

export interface BaselineFixture {
  dir: string;
  dataset: string;
  humans: string;
  model: string;
  ids: { pose: string; spatial: string[]; traj: string[] };
  modelSource: string;
}

export function writeBaselineFixture(prefix = 'hb-', dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-baseline-'))): BaselineFixture {
  fs.mkdirSync(path.join(dir, 'img'), { recursive: true });
  const png = new PNG({ width: 640, height: 480 });
  png.data.fill(180);
  fs.writeFileSync(path.join(dir, 'img', 'scene.png'), PNG.sync.write(png));
  const base = { image: 'img/scene.png', width: 640, height: 480 };
  const pose = `${prefix}pose-1`;
  const spatial = [1, 2, 3, 4, 5].map((i) => `${prefix}spatial-${i}`);
  const traj = [1, 2].map((i) => `${prefix}traj-${i}`);
  const path1 = [[60, 60], [300, 200], [560, 400]];
  const items = [
    { ...base, id: pose, task: 'pose', question: 'Locate the cuboid corners of the box.', answer: projectBox(BASELINE_K, box(0)), camera: { K: BASELINE_K }, box3d: box(0) },
    ...spatial.map((id) => ({ ...base, id, task: 'spatial', question: 'Is the mug left of the box?', answer: 'Yes' })),
    ...traj.map((id) => ({ ...base, id, task: 'trajectory', question: 'Move the mug to the box.', answer: path1 })),
  ];
  const humans = [
    { id: pose, annotator: 'a', output: projectBox(BASELINE_K, box(25)) },
    { id: pose, annotator: 'b', output: projectBox(BASELINE_K, box(200 / 3)) },
    { id: spatial[0], annotator: 'a', output: 'Yes' },
    { id: spatial[0], annotator: 'x', output: 'No' },
    { id: spatial[1], annotator: 'a', output: 'Yes' },
    { id: spatial[2], annotator: 'b', output: 'No' },
    { id: spatial[3], annotator: 'c', output: 'Yes' },
    { id: spatial[4], annotator: 'c', output: 'No' },
  ].map((h) => ({ id: h.id, source: 'Human', annotator: `${prefix}${h.annotator}`, output: h.output }));
  const modelSource = `${prefix}Broken`;
  const model = [
    { id: traj[0], source: modelSource, output: 'I cannot tell where the mug should go.' },
    { id: traj[1], source: modelSource, output: path1 },
  ];
  const write = (name: string, lines: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return file;
  };
  return {
    dir,
    dataset: write('dataset.jsonl', items),
    humans: write('humans.jsonl', humans),
    model: write('model.jsonl', model),
    ids: { pose, spatial, traj },
    modelSource,
  };
}

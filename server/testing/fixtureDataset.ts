/**
 * A small hand-made dataset for server tests: `perTask` questions of each task on one blank PNG, with
 * simple known answers. Written to a temporary folder; returns the dataset path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { TASKS, type Task } from '../../shared/tasks';

export const FIXTURE_WIDTH = 640;
export const FIXTURE_HEIGHT = 480;

function blankPng(file: string): void {
  const png = new PNG({ width: FIXTURE_WIDTH, height: FIXTURE_HEIGHT });
  png.data.fill(200);
  fs.writeFileSync(file, PNG.sync.write(png));
}

/** Each task's known answer (and regions) for question `i`, offset by 10·i px so questions differ. */
const FIXTURE_ANSWERS: Record<Task, (o: number, i: number) => Record<string, unknown>> = {
  pose: (o) => ({ answer: [[100 + o, 300], [200 + o, 300], [220 + o, 260], [120 + o, 260], [100 + o, 200], [200 + o, 200], [220 + o, 160], [120 + o, 160]] }),
  grasp: (o) => ({ answer: [[300, 200 + o], [280, 200 + o], [320, 200 + o], [280, 230 + o], [320, 230 + o]] }),
  trajectory: (o) => ({
    answer: [[50, 50 + o], [300, 100 + o], [500, 400]],
    source_region: [[30, 30 + o], [70, 30 + o], [70, 70 + o], [30, 70 + o]],
    target_region: [[480, 380], [520, 380], [520, 420], [480, 420]],
  }),
  rearrangement: (o) => ({ answer: [[100 + o, 100]], regions: [[[80 + o, 80], [120 + o, 80], [120 + o, 120], [80 + o, 120]]] }),
  spatial: (_, i) => ({ answer: i % 2 === 0 ? 'Yes' : 'No' }),
  depth: (_, i) => ({ answer: i % 2 === 0 ? 'Yes' : 'No' }),
};

export function fixtureItem(task: Task, i: number, idPrefix = ''): Record<string, unknown> {
  const base = { id: `${idPrefix}${task}-${i}`, task, image: 'img/blank.png', question: `A ${task} question number ${i}?` };
  return { ...base, ...FIXTURE_ANSWERS[task](10 * i, i) };
}

export function writeFixtureDataset(perTask: number, idPrefix = '', dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-fixture-'))): string {
  fs.mkdirSync(path.join(dir, 'img'), { recursive: true });
  blankPng(path.join(dir, 'img', 'blank.png'));
  const lines: string[] = [];
  for (const task of TASKS) {
    for (let i = 0; i < perTask; i++) lines.push(JSON.stringify(fixtureItem(task, i, idPrefix)));
  }
  const file = path.join(dir, 'dataset.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

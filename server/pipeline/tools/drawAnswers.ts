/** Curator's check: draws a generated dataset's answers over one image. Usage: npx tsx server/pipeline/tools/drawAnswers.ts OUT/dataset.jsonl IMAGE-SUBSTRING out.png [tasks,comma,separated] */
import { PNG } from 'pngjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUBOID_EDGES } from '../../../shared/geometry/box3d';
import { parseAnswer, type Task } from '../../../shared/tasks';

const pointsOf = (task: Task, raw: unknown): number[][] => {
  const r = parseAnswer(task, raw);
  return r.ok && 'points' in r.answer ? r.answer.points : [];
};
const [,, dataset, imageFilter, out, tasksArg] = process.argv;
const dir = dataset.replace(/dataset\.jsonl$/, '');
const items = readFileSync(dataset, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const chosen = items.filter((it) => it.image.includes(imageFilter) && (!tasksArg || tasksArg.split(',').includes(it.task)));
const png = PNG.sync.read(readFileSync(join(dir, chosen[0].image)));
const put = (x: number, y: number, c: number[]) => {
  for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
    const xi = Math.round(x) + dx, yi = Math.round(y) + dy;
    if (xi < 0 || yi < 0 || xi >= png.width || yi >= png.height) continue;
    const i = (yi * png.width + xi) * 4; png.data[i] = c[0]; png.data[i + 1] = c[1]; png.data[i + 2] = c[2];
  }
};
const line = (a: number[], b: number[], c: number[]) => {
  const n = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1])) + 1;
  for (let i = 0; i <= n; i++) put(a[0] + ((b[0] - a[0]) * i) / n, a[1] + ((b[1] - a[1]) * i) / n, c);
};
const polyg = (p: number[][], c: number[]) => p.forEach((q, i) => line(q, p[(i + 1) % p.length], c));
const dot = (p: number[], c: number[], r = 5) => { for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) if (dx * dx + dy * dy <= r * r) put(p[0] + dx, p[1] + dy, c); };
type Line = Record<string, unknown> & { task: Task; question: string; alternatives?: unknown[]; source_region?: number[][]; target_region?: number[][]; regions?: number[][][] };
/** How each task's answer (points `a`) is drawn; yes/no answers are only printed. */
const DRAW: Record<Task, (a: number[][], it: Line) => void> = {
  pose: (a) => { CUBOID_EDGES.forEach(([i, j]) => line(a[i], a[j], [0, 255, 0])); dot(a[0], [255,255,255], 3); },
  grasp: (a, it) => { for (const g of [a, ...(it.alternatives ?? []).map((x) => pointsOf('grasp', x))]) { line(g[1], g[2], [255, 0, 255]); line(g[1], g[3], [255, 0, 255]); line(g[2], g[4], [255, 0, 255]); dot(g[0], [255, 0, 255], 3); } },
  trajectory: (a, it) => { polyg(it.source_region ?? [], [255, 255, 0]); polyg(it.target_region ?? [], [255, 160, 0]); for (let i = 0; i + 1 < a.length; i++) line(a[i], a[i + 1], [0, 255, 255]); a.forEach((p) => dot(p, [0, 200, 255], 4)); },
  rearrangement: (a, it) => { (it.regions ?? []).forEach((r) => polyg(r, [255, 128, 0])); a.forEach((p) => dot(p, [255, 0, 0], 6)); },
  spatial: () => {},
  depth: () => {},
};
for (const it of chosen as Line[]) {
  const a = pointsOf(it.task, it.answer);
  DRAW[it.task](a, it);
  console.log(it.task, '|', it.question.slice(0, 150), '|', a.length ? JSON.stringify(a).slice(0, 80) : String(it.answer));
}
writeFileSync(out, PNG.sync.write(png));

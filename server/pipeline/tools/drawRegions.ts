/**
 * A look at what contributors and the metrics get: draws every object region (outline, in colours)
 * and marker of a generated dataset over its images, one PNG per image, with the names the questions
 * use for those objects listed in the console. Not part of the tests.
 * Usage: npx tsx server/pipeline/tools/drawRegions.ts OUT/dataset.jsonl PNG-DIR [max-images]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

type Item = { image: string; task: string; question_human?: string; question: string; source_region?: number[][]; target_region?: number[][]; regions?: number[][][] };
const [, , dataset, outDir, maxArg] = process.argv;
const items = readFileSync(dataset, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
const byImage = new Map<string, Item[]>();
for (const it of items) byImage.set(it.image, [...(byImage.get(it.image) ?? []), it]);
mkdirSync(outDir, { recursive: true });
const COLORS = [[255, 0, 255], [0, 255, 255], [255, 255, 0], [0, 255, 0], [255, 128, 0], [0, 128, 255]];

function read(file: string): { width: number; height: number; data: Uint8Array } {
  const buf = readFileSync(file);
  if (file.endsWith('.png')) return PNG.sync.read(buf);
  return jpeg.decode(buf, { useTArray: true });
}

for (const [image, list] of [...byImage].slice(0, Number(maxArg ?? 6))) {
  const img = read(join(dirname(dataset), image));
  const put = (x: number, y: number, c: number[]) => {
    const [xi, yi] = [Math.round(x), Math.round(y)];
    if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return;
    const i = (yi * img.width + xi) * 4;
    [img.data[i], img.data[i + 1], img.data[i + 2]] = c;
  };
  const line = (a: number[], b: number[], c: number[]) => {
    const n = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) * 2) + 1;
    for (let k = 0; k <= n; k++) put(a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n, c);
  };
  const polys = new Map<string, number[][]>();
  for (const it of list) for (const p of [it.source_region, it.target_region, ...(it.regions ?? [])]) if (p) polys.set(JSON.stringify(p), p);
  [...polys.values()].forEach((p, k) => p.forEach((a, i) => line(a, p[(i + 1) % p.length], COLORS[k % COLORS.length])));
  const png = new PNG({ width: img.width, height: img.height });
  png.data.set(img.data);
  const out = join(outDir, image.replace(/[\\/]/g, '_').replace(/\.(png|jpg)$/, '.png'));
  writeFileSync(out, PNG.sync.write(png));
  console.log(basename(out), `${polys.size} regions`);
  for (const it of list.slice(0, 8)) console.log(`  ${it.task}: ${it.question_human ?? it.question}`);
}

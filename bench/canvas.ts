/**
 * Canvas smoothness in headless Chromium (issue 6): frame times while dragging a cuboid handle and while
 * panning a 4K image, and the time from opening a question to the image on screen. Runs a production
 * build of the canvas playground (client/dev) so React's dev checks do not skew the figures.
 *   npm run bench:canvas            # prints a table and writes bench/CANVAS.md
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';

const CONFIG = 'client/dev/vite.config.ts';
const MOVES = 150;
const RUNS = 3;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function open(page: Page, query: string) {
  await page.goto(`${baseUrl}/dev/canvas?${query}&fresh=1`);
  await page.getByTestId('annotation-canvas').and(page.locator('[data-image-ready=true]')).waitFor({ timeout: 60_000 });
  // Evaluated as source text: tsx would wrap named functions in a `__name` helper the page lacks.
  return page.evaluate<{ pageToDrawnMs: number; canvasToDrawnMs: number }>(`(() => {
    const drawn = performance.getEntriesByName('canvas:image-drawn')[0].startTime;
    const requested = performance.getEntriesByName('canvas:image-requested')[0].startTime;
    return { pageToDrawnMs: drawn, canvasToDrawnMs: drawn - requested };
  })()`);
}

async function toPage(page: Page, p: [number, number]): Promise<[number, number]> {
  return page.getByTestId('annotation-canvas').evaluate((el, q) => {
    const r = el.getBoundingClientRect();
    const d = (el as HTMLElement).dataset;
    return [r.left + Number(d.offsetX) + q[0] * Number(d.scale), r.top + Number(d.offsetY) + q[1] * Number(d.scale)] as [number, number];
  }, p);
}

/** rAF-to-rAF intervals (ms) while `gesture` runs: what the user sees as frame times. */
async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__rec = true;
    const tick = (t) => { window.__frames.push(t); if (window.__rec) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await gesture();
  const frames = await page.evaluate<number[]>(`(() => { window.__rec = false; return window.__frames; })()`);
  return frames.slice(2).map((t, i) => t - frames[i + 1]);
}

async function sweep(page: Page, from: [number, number], to: [number, number], button: 'left' | 'right') {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down({ button });
  for (let i = 1; i <= MOVES; i++) {
    const t = (i / MOVES) * 2 * Math.PI;
    const k = (1 - Math.cos(t)) / 2; // there and back
    await page.mouse.move(from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k);
  }
  await page.mouse.up({ button });
}

async function cuboidDrag(page: Page, size: 'hd' | '4k') {
  const s = size === '4k' ? 2 : 1;
  await open(page, `task=pose&size=${size}`);
  const foot: [number, number] = [960 * s, 640 * s];
  await page.mouse.click(...(await toPage(page, foot)));
  const pts = JSON.parse((await page.getByTestId('emitted-answer').textContent()) || 'null').points as [number, number][];
  // Height handle = top face centre = where the top face's diagonals cross (perspective-exact).
  const [a, b, c, d] = pts.slice(4, 8);
  const den = (a[0] - c[0]) * (b[1] - d[1]) - (a[1] - c[1]) * (b[0] - d[0]);
  const t = ((a[0] - b[0]) * (b[1] - d[1]) - (a[1] - b[1]) * (b[0] - d[0])) / den;
  const top: [number, number] = [a[0] + t * (c[0] - a[0]), a[1] + t * (c[1] - a[1])];
  const from = await toPage(page, top);
  return frameTimes(page, () => sweep(page, from, [from[0], from[1] - 150], 'left'));
}

async function pan4k(page: Page) {
  await open(page, 'task=pose&size=4k');
  const from = await toPage(page, [1920, 1080]);
  return frameTimes(page, () => sweep(page, from, [from[0] - 500, from[1] - 250], 'right'));
}

const outDir = mkdtempSync(join(tmpdir(), 'bopask-canvas-bench-'));
await build({ configFile: CONFIG, build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
// BENCH_PORT when set (and then only that one); else whatever port the system gives.
const fixedPort = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
const server = await preview({ configFile: CONFIG, build: { outDir }, preview: { port: fixedPort ?? 0, strictPort: fixedPort !== undefined }, logLevel: 'warn' });
const address = server.httpServer.address();
const baseUrl = `http://localhost:${typeof address === 'object' && address ? address.port : fixedPort}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const rows: string[] = [];
  const collect = async (name: string, run: () => Promise<number[]>) => {
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) all.push(...(await run()));
    const row = `| ${name} | ${all.length} | ${pct(all, 50).toFixed(1)} | ${pct(all, 95).toFixed(1)} | ${Math.max(...all).toFixed(1)} |`;
    console.log(row);
    rows.push(row);
  };
  await collect('drag cuboid height handle, 1920×1080', () => cuboidDrag(page, 'hd'));
  await collect('drag cuboid height handle, 3840×2160', () => cuboidDrag(page, '4k'));
  await collect('pan (right-drag), 3840×2160', () => pan4k(page));
  const opens: { pageToDrawnMs: number; canvasToDrawnMs: number }[] = [];
  for (const size of ['hd', '4k', 'hd', '4k', 'hd', '4k']) opens.push({ ...(await open(page, `task=trajectory&size=${size}`)), size } as never);
  const openRows = (['hd', '4k'] as const).map((size, k) => {
    const xs = opens.filter((_, i) => i % 2 === k);
    const med = (f: (o: (typeof xs)[number]) => number) => pct(xs.map(f), 50).toFixed(0);
    return `| ${size === 'hd' ? '1920×1080' : '3840×2160'} | ${med((o) => o.canvasToDrawnMs)} | ${med((o) => o.pageToDrawnMs)} |`;
  });
  console.log(openRows.join('\n'));
  const md = `# Canvas performance

\`npm run bench:canvas\` — production build of the canvas playground, headless Chromium (\`--disable-gpu\`,
software raster), viewport 1366×768, ${cpus().length} CPU cores shared with other work, ${RUNS} runs each of ${MOVES} pointer moves.
Frame time = interval between consecutive animation frames during the gesture (16.7 ms = 60 fps).

| gesture | frames | p50 ms | p95 ms | max ms |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Time to a drawn image (median of 3): *canvas* = from the canvas requesting the image to the first frame
with it on screen (decode, mip levels, first draw); *page* = from navigation start, which in the
playground also includes synthesising and JPEG-encoding the sample image in the browser.

| image | canvas → drawn ms | page open → drawn ms |
| --- | --- | --- |
${openRows.join('\n')}

Measured ${new Date().toISOString().slice(0, 10)}.
`;
  writeFileSync('bench/CANVAS.md', md);
  console.log('wrote bench/CANVAS.md');
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  rmSync(outDir, { recursive: true, force: true });
}

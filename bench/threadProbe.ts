/**
 * bench/threadCost.ts's probe, bundled by it into one plain JavaScript file (no tsx loader, whose own
 * threads and memory would blur the figure) and run as `node probe.mjs MODE ITEMS.json N`:
 *   main    scores N pose answers of ITEMS.json (cycled) in the main thread, as `bopask score` does;
 *   worker  the main thread reads nothing and hands the same N to one worker thread, which reads the
 *           items and scores them: the second V8 isolate's cost (its heap, code and young generation)
 *           beside `main`, with one copy of the items and one thread scoring in both;
 *   idle    starts a worker that reads nothing and scores nothing (the isolate alone);
 *   bare    starts no worker and does nothing (the process alone, beside `idle`).
 * Prints "<answers scored> <sum of their IoU 3D>", so the two ways can be checked against each other.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scoreAnswer, type ScorableItem } from '../shared/tasks';

interface ProbeItem {
  item: ScorableItem;
  pred: unknown;
}

const BATCH = 2048;
/** How long `idle` and `bare` stay up once started, so that the isolate is fully up when measured. */
const SETTLE_MS = 500;

/** IoU 3D of answers `from`, `from + 1`, … (cycling through `items`) into `out`. */
function scoreRange(items: ProbeItem[], from: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const { item, pred } = items[(from + i) % items.length];
    const s = scoreAnswer(item, pred) as { iou3d?: number | null };
    out[i] = s.iou3d ?? 0;
  }
}

const readItems = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ProbeItem[];
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

function runWorker(): void {
  const file = workerData as string | null;
  if (file === null) return; // idle: the isolate alone, until terminated
  const items = readItems(file);
  parentPort!.on('message', (m: { from: number; out: Float64Array<ArrayBuffer> }) => {
    scoreRange(items, m.from, m.out);
    parentPort!.postMessage(m, [m.out.buffer]);
  });
}

/** The worker's scores of answers 0 … n − 1, summed in order, in batches of BATCH. */
async function scoreInWorker(file: string, n: number): Promise<[number, number]> {
  const w = new Worker(new URL(import.meta.url), { workerData: file });
  let scored = 0, sum = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let from = 0;
      const send = (out: Float64Array<ArrayBuffer>) => {
        const size = Math.min(BATCH, n - from);
        const next = out.length === size ? out : new Float64Array(size);
        w.postMessage({ from, out: next }, [next.buffer]);
        from += size;
      };
      w.on('message', (m: { out: Float64Array<ArrayBuffer> }) => {
        for (const v of m.out) sum += v;
        scored += m.out.length;
        if (from < n) send(m.out);
        else resolve();
      });
      w.on('error', reject);
      w.on('exit', (code) => reject(new Error(`the worker exited (code ${code}) before it was done`)));
      send(new Float64Array(Math.min(BATCH, n)));
    });
  } finally {
    await w.terminate();
  }
  return [scored, sum];
}

async function runMain(): Promise<void> {
  const [mode, file, count] = process.argv.slice(2);
  const n = Number(count);
  if (!['main', 'worker', 'idle', 'bare'].includes(mode) || !file || !(Number.isInteger(n) && n > 0)) {
    throw new Error('usage: probe.mjs main|worker|idle|bare ITEMS.json N (N ≥ 1)');
  }
  let scored = 0, sum = 0;
  if (mode === 'main') {
    const items = readItems(file);
    const out = new Float64Array(BATCH);
    for (let from = 0; from < n; from += BATCH) {
      const part = out.subarray(0, Math.min(BATCH, n - from));
      scoreRange(items, from, part);
      for (const v of part) sum += v;
      scored += part.length;
    }
  } else if (mode === 'worker') {
    [scored, sum] = await scoreInWorker(file, n);
  } else if (mode === 'idle') {
    const w = new Worker(new URL(import.meta.url), { workerData: null });
    await new Promise((resolve) => w.once('online', resolve));
    await settle();
    await w.terminate();
  } else {
    await settle();
  }
  process.stdout.write(`${scored} ${sum}\n`);
}

if (isMainThread) {
  runMain().catch((err: unknown) => {
    process.stderr.write(`probe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
} else {
  runWorker();
}

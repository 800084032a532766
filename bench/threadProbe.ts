/**
 * bench/threadCost.ts's probe, bundled by it into one plain JavaScript file (no tsx loader, whose own
 * threads and memory would blur the figure) and run as `node probe.mjs MODE ITEMS.json N`:
 *   main    scores N pose answers of ITEMS.json (cycled) in the main thread, as `bopask score` does;
 *   worker  hands the same N to one worker thread in batches and collects its scores: what moving the
 *           PnP lift to a second thread would cost in memory (a second V8 isolate, its heap and code);
 *   idle    starts that worker and gives it nothing.
 * Prints "N <sum of IoU 3D>" so the two ways can be checked against each other.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scoreAnswer, type ScorableItem } from '../shared/tasks';

interface ProbeItem {
  item: ScorableItem;
  pred: unknown;
}

const BATCH = 2048;

/** IoU 3D of answers `from`, `from + 1`, … (cycling through `items`) into `out`. */
function scoreRange(items: ProbeItem[], from: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const { item, pred } = items[(from + i) % items.length];
    const s = scoreAnswer(item, pred) as { iou3d?: number | null };
    out[i] = s.iou3d ?? 0;
  }
}

function runWorker(): void {
  const items = JSON.parse(readFileSync(workerData as string, 'utf8')) as ProbeItem[];
  parentPort!.on('message', (m: { from: number; out: Float64Array<ArrayBuffer> }) => {
    scoreRange(items, m.from, m.out);
    parentPort!.postMessage(m, [m.out.buffer]);
  });
}

async function runMain(): Promise<void> {
  const [mode, file, count] = process.argv.slice(2);
  const n = Number(count);
  if (!['main', 'worker', 'idle'].includes(mode) || !file || !(n > 0)) throw new Error('usage: probe.mjs main|worker|idle ITEMS.json N');
  const items = JSON.parse(readFileSync(file, 'utf8')) as ProbeItem[];
  let sum = 0;
  if (mode === 'main') {
    const out = new Float64Array(BATCH);
    for (let from = 0; from < n; from += BATCH) {
      const part = out.subarray(0, Math.min(BATCH, n - from));
      scoreRange(items, from, part);
      for (const v of part) sum += v;
    }
  } else {
    const w = new Worker(new URL(import.meta.url), { workerData: file });
    if (mode === 'worker') {
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
          if (from < n) send(m.out);
          else resolve();
        });
        w.on('error', reject);
        send(new Float64Array(Math.min(BATCH, n)));
      });
    } else {
      // Long enough for the idle isolate to be fully up before it is measured.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await w.terminate();
  }
  process.stdout.write(`${mode === 'idle' ? 0 : n} ${sum}\n`);
}

if (isMainThread) {
  runMain().catch((err: unknown) => {
    process.stderr.write(`probe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
} else {
  runWorker();
}

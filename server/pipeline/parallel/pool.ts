/**
 * Runs pipeline tasks on `jobs` worker threads and hands the results back strictly in task order, so
 * whatever the number of threads the caller writes its output in the same order: with a per-task seed,
 * output is byte-identical for every `jobs`. `jobs` ≤ 1 runs the tasks inline on this thread (no worker
 * start-up cost). Tasks are pulled lazily from the iterable and at most a few per thread are ahead of
 * the next result to deliver, so memory stays flat on long runs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BadInputError } from '../../../shared/errors';
import { type PipelineResult, type PipelineTask, runTask } from './tasks';

/** The default for --jobs: one thread per core. */
export const defaultJobs = (): number => availableParallelism();

const AHEAD_PER_WORKER = 4;

interface WorkerError {
  name?: string;
  code?: string;
  message: string;
  stack?: string;
}

/** Rebuilds a worker's error on this thread, keeping BadInputError (exit status 2 in the CLI). */
function revive(e: WorkerError): Error {
  const err = e.code === 'BAD_INPUT' ? new BadInputError(e.message) : new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

export async function runOrdered(
  tasks: Iterable<PipelineTask>, jobs: number, onResult: (result: PipelineResult, index: number) => void,
): Promise<void> {
  if (jobs <= 1) {
    let i = 0;
    for (const t of tasks) onResult(runTask(t), i++);
    return;
  }
  const iter = tasks[Symbol.iterator]();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, PipelineResult>();
      let issued = 0;
      let delivered = 0;
      let isExhausted = false;
      let isFailed = false;
      const fail = (err: unknown): void => {
        isFailed = true;
        reject(err);
      };
      const feed = (w: Worker): boolean => {
        if (isFailed || isExhausted || issued >= delivered + AHEAD_PER_WORKER * workers.length) return false;
        let next: IteratorResult<PipelineTask>;
        try {
          next = iter.next();
        } catch (err) {
          fail(err);
          return false;
        }
        if (next.done) {
          isExhausted = true;
          if (delivered === issued) resolve();
          return false;
        }
        w.postMessage({ id: issued++, task: next.value });
        return true;
      };
      const idle: Worker[] = [];
      const onMessage = (w: Worker) => (msg: { id: number; result?: PipelineResult; error?: WorkerError }): void => {
        if (isFailed) return;
        if (msg.error) return fail(revive(msg.error));
        done.set(msg.id, msg.result!);
        try {
          while (done.has(delivered)) {
            const r = done.get(delivered)!;
            done.delete(delivered);
            onResult(r, delivered++);
          }
        } catch (err) {
          return fail(err);
        }
        // A worker that finished may have been held back by the look-ahead limit: wake the idle ones too.
        idle.push(w);
        while (idle.length > 0 && feed(idle[idle.length - 1])) idle.pop();
        if (isExhausted && delivered === issued) resolve();
      };
      for (let i = 0; i < jobs; i++) {
        const w = new Worker(new URL('./workerEntry.mjs', import.meta.url), { execArgv: [] });
        workers.push(w);
        w.on('message', onMessage(w));
        w.on('error', fail);
        w.on('exit', (code) => {
          if (!isFailed && !(isExhausted && delivered === issued)) fail(new Error(`pipeline worker exited (code ${code})`));
        });
      }
      for (const w of workers) if (!feed(w)) idle.push(w);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

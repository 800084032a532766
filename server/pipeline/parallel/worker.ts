/** Worker thread: runs pipeline tasks (./tasks.ts) one at a time and posts each result or error back. */
import { parentPort } from 'node:worker_threads';
import type { AppError } from '../../../shared/errors';
import { type PipelineTask, runTask } from './tasks';

parentPort!.on('message', ({ id, task }: { id: number; task: PipelineTask }) => {
  try {
    parentPort!.postMessage({ id, result: runTask(task) });
  } catch (err) {
    const e = err as Partial<AppError> & Error;
    parentPort!.postMessage({ id, error: { name: e.name, code: e.code, message: e.message, stack: e.stack } });
  }
});

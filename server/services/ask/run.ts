/**
 * `bopask ask`: every question of a dataset to a chat-completions endpoint, `concurrency` at a time, the
 * replies written as predictions (FORMAT.md) as they arrive. See output.ts for the file and its resume
 * rules, client.ts for retries and what stops a run, prompt.ts for `--max-image-side`.
 */
import { existsSync } from 'node:fs';
import { BadInputError } from '../../../shared/errors';
import type { AskFn } from './client';
import { QuestionFailedError } from './client';
import { prepareImage } from './image';
import type { AskItem } from './items';
import { PredictionsWriter, readExisting } from './output';
import type { ProgressBar } from './progressBar';
import { POINT_TASKS, rewriteLimits, scaleReply } from './prompt';

export interface AskRunOptions {
  items: AskItem[];
  ask: AskFn;
  outPath: string;
  source: string;
  concurrency: number;
  maxImageSide?: number;
  isResume: boolean;
  isRetryFailed: boolean;
  warn: (message: string) => void;
  progress?: ProgressBar | ((total: number) => ProgressBar);
}

export interface AskSummary {
  /** Questions in the dataset, already answered before this run, and asked in this run. */
  total: number;
  skipped: number;
  asked: number;
  answered: number;
  failed: number;
  failuresByKind: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  seconds: number;
  /** What stopped the run early (an UpstreamError, say); the file holds every answer that arrived before. */
  stoppedBy?: unknown;
}

export async function runAsk(opts: AskRunOptions): Promise<AskSummary> {
  const started = Date.now();
  const exists = existsSync(opts.outPath);
  if (exists && !opts.isResume) {
    throw new BadInputError(`${opts.outPath} exists: --resume continues it (skipping the ids it has), or choose another --out`);
  }
  const ids = new Set(opts.items.map((i) => i.id));
  const existing = exists ? readExisting(opts.outPath, opts.source, ids) : undefined;
  if (existing && existing.tornBytes > 0) opts.warn(`${opts.outPath}: dropped a torn last line (${existing.tornBytes} bytes) left by a killed run`);
  const redo = opts.isRetryFailed ? (existing?.failed ?? new Set<string>()) : new Set<string>();
  const pending = opts.items.filter((i) => !existing?.lines.has(i.id) || redo.has(i.id));
  const writer = opts.isRetryFailed && existing
    ? PredictionsWriter.rewrite(opts.outPath, [...existing.lines].filter(([id]) => !redo.has(id)).map(([, line]) => line))
    : PredictionsWriter.append(opts.outPath, existing?.tornBytes ?? 0);
  const summary: AskSummary = {
    total: opts.items.length, skipped: opts.items.length - pending.length, asked: 0, answered: 0, failed: 0,
    failuresByKind: {}, promptTokens: 0, completionTokens: 0, seconds: 0,
  };
  const bar = typeof opts.progress === 'function' ? opts.progress(pending.length) : opts.progress;
  const redone = new Set<string>();
  let isNoLimitsWarned = false;

  async function askOne(item: AskItem): Promise<void> {
    const image = await prepareImage(item.imagePath, opts.maxImageSide);
    let question = item.question;
    if (image.scaleX !== 1 || image.scaleY !== 1) {
      const r = rewriteLimits(question, image.width, image.height);
      question = r.text;
      if (r.count === 0 && POINT_TASKS.has(item.task) && !isNoLimitsWarned) {
        isNoLimitsWarned = true;
        opts.warn(`question ${item.id} states no coordinate limits to rewrite ("x coordinate should be between (0, W) …"); ` +
          'its reply is still scaled back to the original image');
      }
    }
    let line: Record<string, unknown>;
    try {
      const reply = await opts.ask(question, image.dataUrl);
      summary.promptTokens += reply.promptTokens;
      summary.completionTokens += reply.completionTokens;
      const scaled = scaleReply(item.task, reply.text, image.scaleX, image.scaleY);
      line = { id: item.id, source: opts.source, output: scaled.output };
      if (scaled.isScaled) line.raw_output = reply.text;
      if (image.scaleX !== 1 || image.scaleY !== 1) line.sent_size = [image.width, image.height];
      summary.answered++;
    } catch (err) {
      if (!(err instanceof QuestionFailedError)) throw err;
      line = { id: item.id, source: opts.source, output: null, error: err.message };
      summary.failed++;
      summary.failuresByKind[err.kind] = (summary.failuresByKind[err.kind] ?? 0) + 1;
    }
    writer.writeLine(JSON.stringify(line));
    redone.add(item.id);
    summary.asked++;
    bar?.update(summary.asked, summary.failed);
  }

  let next = 0;
  let stop: unknown;
  const worker = async (): Promise<void> => {
    while (stop === undefined && next < pending.length) {
      const item = pending[next++];
      try {
        await askOne(item);
      } catch (err) {
        stop ??= err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, pending.length) }, worker));
  } finally {
    // A stopped retry run keeps the old failed lines it did not get to, so the file still has them.
    if (opts.isRetryFailed && existing) {
      for (const id of redo) if (!redone.has(id)) writer.writeLine(existing.lines.get(id)!);
    }
    writer.commit();
    bar?.finish(summary.asked, summary.failed);
  }
  summary.seconds = (Date.now() - started) / 1000;
  if (stop !== undefined) summary.stoppedBy = stop;
  return summary;
}

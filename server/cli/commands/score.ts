/**
 * `bopask score`: scores prediction files against a dataset with no database and prints the table.
 * Streams both files line by line, so memory grows with questions × sources, not with predictions.
 * Bad prediction lines (up to MAX_REPORTED_ERRORS of them, with file:line) abort the run before anything
 * reaches standard output; the per-question output is checked before any scoring starts.
 */
import { accessSync, constants, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { imageSizeFromFile } from 'image-size/fromFile';
import { BadInputError } from '../../../shared/errors';
import { parseDatasetLine, toScorableItem } from '../../../shared/dataset';
import { TableAggregator } from '../../../shared/metrics/aggregate';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { StatisticsBuilder } from '../../../shared/metrics/statisticsBuilder';
import { formatTable, TABLE_FORMATS, type TableFormat } from '../../../shared/metrics/table';
import { formatReport } from '../../../shared/metrics/tableReport';
import { parseAnswer, scoreAnswer, scoreParsed, TASKS, type ScorableItem, type Task } from '../../../shared/tasks';
import { bootstrapOptions, BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE } from '../bootstrapOptions';
import { PredictionChecker } from '../../../shared/predictions';
import { assertInputFile } from '../../services/inputFiles';
import { readLinesSync } from '../../services/lineFile';
import { parseCommandArgs, requireOption } from '../args';

export const usage = `usage: bopask score --dataset D.jsonl --predictions P.jsonl [--predictions Q.jsonl …]
                    [--format md|csv|latex|json] [--per-question OUT.jsonl] [--images DIR]
                    [--ci [--seed S] [--resamples B] [--ci-style brackets|pm]]
Scores answers (FORMAT.md, one a line) against a dataset and prints the benchmark table, one row per
source. Unreadable outputs are scored as invalid. --images reads width/height of items that omit them.
--per-question writes each source's mean scores per question (JSON Lines; ∞ as "inf").
${BOOTSTRAP_USAGE}`;

/**
 * Non-blank lines of a file with 1-based numbers, read synchronously (readLinesSync: no per-line promise,
 * no line outliving its turn, which kept the scorer's heap growing with the file); a missing or
 * unreadable file is bad input.
 */
function* readLines(file: string): Generator<[string, number]> {
  assertInputFile(file, 'file');
  let lines: Generator<[string, number]>;
  try {
    lines = readLinesSync(file);
    // The generator opens the file on its first step: make that step here, where its error is named.
    const first = lines.next();
    if (first.done) return;
    if (first.value[0].trim() !== '') yield first.value;
  } catch (err) {
    throw new BadInputError(`${file}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const entry of lines) if (entry[0].trim() !== '') yield entry;
}

const dropLinePrefix = (error: string) => error.replace(/^line \d+(, |: )/, '');

async function loadDataset(file: string, imagesDir: string | undefined): Promise<Map<string, ScorableItem>> {
  const items = new Map<string, ScorableItem>();
  for (const [line, lineNo] of readLines(file)) {
    const r = parseDatasetLine(line, lineNo);
    if (!r.ok) throw new BadInputError(`${file}:${lineNo}: ${dropLinePrefix(r.error)}`);
    const { item } = r;
    if (items.has(item.id)) throw new BadInputError(`${file}:${lineNo}: field id: duplicate id '${item.id}'`);
    let { width, height } = item;
    if (width === undefined || height === undefined) {
      if (!imagesDir) throw new BadInputError(`${file}:${lineNo}: field width: missing (add width/height or pass --images DIR)`);
      const size = await imageSizeFromFile(path.join(imagesDir, item.image)).catch((err: Error) => {
        throw new BadInputError(`${file}:${lineNo}: field image: cannot read size (${err.message})`);
      });
      width = size.width;
      height = size.height;
    }
    items.set(item.id, toScorableItem(r, width, height));
  }
  return items;
}

/**
 * Progress on standard error once a run passes one second, then every second. Scoring is one synchronous
 * loop (no timer could fire during it), so the loop reports its count and the clock is read every
 * 1,024 lines.
 */
function progressReporter(): (count: number, file: string) => void {
  const started = Date.now();
  let next = started + 1000;
  return (count, file) => {
    if ((count & 1023) !== 0) return;
    const now = Date.now();
    if (now < next) return;
    next = now + 1000;
    process.stderr.write(`bopask score: ${count} predictions scored (${file}, ${((now - started) / 1000).toFixed(0)} s)\n`);
  };
}

/**
 * Scores every line of `files` into `agg`. A bad line stops the scoring but not the reading, so the
 * error lists every bad line (up to MAX_REPORTED_ERRORS) in one run.
 */
function scoreFiles(files: string[], items: Map<string, ScorableItem>, agg: TableAggregator, stats?: StatisticsBuilder): void {
  let count = 0;
  const checker = new PredictionChecker();
  const progress = progressReporter();
  for (const file of files) {
    for (const [line, lineNo] of readLines(file)) {
      const p = checker.check(file, line, lineNo);
      if (!p) continue;
      const item = items.get(p.id);
      if (!item) {
        checker.reject(file, lineNo, `field id: '${p.id}' is not in the dataset`);
        continue;
      }
      if (checker.errorCount > 0) continue;
      if (stats) {
        // The human answers are kept parsed for agreement; scoring the parsed answer is scoreAnswer.
        const parsed = p.source === HUMAN_SOURCE ? parseAnswer(item.task, p.output) : null;
        const answer = parsed?.ok ? parsed.answer : null;
        const scores = parsed ? scoreParsed(item, answer) : scoreAnswer(item, p.output);
        agg.add({ questionId: p.id, task: item.task, source: p.source, annotator: p.annotator, scores });
        stats.add({ questionId: p.id, task: item.task, item, source: p.source, annotator: p.annotator, scores, answer });
      } else {
        agg.add({ questionId: p.id, task: item.task, source: p.source, annotator: p.annotator, scores: scoreAnswer(item, p.output) });
      }
      progress(++count, file);
    }
  }
  const report = checker.report('nothing was scored');
  if (report) throw new BadInputError(report);
}

/**
 * Refuses an output file that cannot be written (missing folder, a directory, no permission) before any
 * scoring, without creating or truncating it: a failed run leaves an earlier output as it was.
 */
function checkWritable(file: string, option: string): void {
  const fail = (reason: string): never => {
    throw new BadInputError(`${option} ${file}: ${reason}`);
  };
  const dir = path.dirname(path.resolve(file));
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    return fail(`no folder ${dir}`);
  }
  if (!dirStat.isDirectory()) fail(`${dir} is not a folder`);
  let fileStat;
  try {
    fileStat = statSync(file);
  } catch {
    fileStat = undefined;
  }
  if (fileStat?.isDirectory()) fail('is a folder');
  try {
    accessSync(fileStat ? file : dir, constants.W_OK);
  } catch {
    fail('not writable');
  }
}

async function writePerQuestion(file: string, agg: TableAggregator): Promise<void> {
  const out = createWriteStream(file);
  const inf = (_k: string, v: unknown) => (v === Infinity ? 'inf' : v);
  for (const q of agg.questionMeans()) {
    const line = JSON.stringify({ id: q.questionId, source: q.source, task: q.task, responses: q.responses, invalid: q.invalid, ...q.scores }, inf);
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(
    argv,
    {
      dataset: { type: 'string' },
      predictions: { type: 'string', multiple: true },
      format: { type: 'string', default: 'md' },
      'per-question': { type: 'string' },
      images: { type: 'string' },
      ...BOOTSTRAP_OPTIONS,
    },
    usage,
  );
  const dataset = requireOption(values.dataset, 'dataset', usage);
  const predictions = values.predictions ?? [];
  if (predictions.length === 0) throw new BadInputError(`missing --predictions\n${usage}`);
  const format = values.format as TableFormat;
  if (!TABLE_FORMATS.includes(format)) throw new BadInputError(`--format: expected one of ${TABLE_FORMATS.join(', ')}, got '${format}'`);
  const ci = bootstrapOptions(values);
  if (values['per-question']) checkWritable(values['per-question'], '--per-question');
  const items = await loadDataset(dataset, values.images);
  const agg = new TableAggregator();
  const stats = ci ? new StatisticsBuilder() : undefined;
  scoreFiles(predictions, items, agg, stats);
  if (values['per-question']) await writePerQuestion(values['per-question'], agg);
  if (!ci || !stats) {
    process.stdout.write(formatTable(agg.rows(), format));
    return;
  }
  const perTask = Object.fromEntries(TASKS.map((t) => [t, 0])) as Record<Task, number>;
  for (const item of items.values()) perTask[item.task]++;
  const report = { rows: agg.rows(), stats: stats.build(perTask, ci.settings), notes: [] };
  process.stdout.write(formatReport(report, format, ci.style));
}

/**
 * The raw downloads behind the table, streamed line by line (memory: per-question accumulators):
 * per-question scores as JSON Lines (the shape of `bopask score --per-question`), and the human
 * responses in FORMAT.md's predictions format with anonymised annotators, so that
 * `bopask score --dataset <export> --predictions <these>` reproduces the Human row.
 */
import { createHash } from 'node:crypto';
import type { Answer, Task } from '../../../shared/tasks';
import { HUMAN_SOURCE, TableAggregator } from '../../../shared/metrics/aggregate';
import type { Db } from '../../db/client';
import { decodeScores } from '../scoring';
import { COUNTS_IN_TABLE } from './included';

const inf = (_k: string, v: unknown) => (v === Infinity ? 'inf' : v);

/** Per (source, question) means of the responses the table counts, one JSON line each. */
export function* perQuestionLines(db: Db): Generator<string> {
  const agg = new TableAggregator();
  const stmt = db.$client.prepare(`select r.question_id questionId, q.task, r.source, r.annotator, r.scores
    from responses r join questions q on q.id = r.question_id where ${COUNTS_IN_TABLE} order by r.question_id, r.source, r.annotator`);
  for (const r of stmt.iterate() as IterableIterator<{ questionId: string; task: Task; source: string; annotator: string | null; scores: string }>) {
    agg.add({ questionId: r.questionId, task: r.task, source: r.source, annotator: r.annotator ?? undefined, scores: decodeScores(JSON.parse(r.scores)) });
  }
  for (const q of agg.questionMeans()) {
    yield JSON.stringify({ id: q.questionId, source: q.source, task: q.task, responses: q.responses, invalid: q.invalid, ...q.scores }, inf) + '\n';
  }
}

/**
 * A stored human output in FORMAT.md's form: a crowd answer object becomes its points or "Yes"/"No";
 * an imported output is written back as it was imported.
 */
export function formatOutput(output: unknown): unknown {
  if (output && typeof output === 'object' && !Array.isArray(output) && 'task' in output) {
    const a = output as Answer;
    if ('points' in a) return a.points;
    if ('value' in a) return a.value ? 'Yes' : 'No';
  }
  return output;
}

/**
 * Anonymous, stable-within-a-download names: contributors numbered in the order of a hash of their id,
 * so the file neither carries participant ids nor reveals who answered first.
 */
function anonymiser(db: Db): (annotator: string | null) => string | undefined {
  const ids = db.$client
    .prepare(`select distinct r.annotator from responses r join questions q on q.id = r.question_id where r.source = ? and ${COUNTS_IN_TABLE}`)
    .pluck()
    .all(HUMAN_SOURCE) as (string | null)[];
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const ordered = ids.filter((x): x is string => x !== null).map((id) => [hash(id), id] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const width = String(ordered.length).length;
  const names = new Map(ordered.map(([, id], i) => [id, `annotator-${String(i + 1).padStart(width, '0')}`]));
  return (a) => (a === null ? undefined : names.get(a));
}

/** The human responses the Human row counts, in the predictions format, one JSON line each. */
export function* humanResponseLines(db: Db): Generator<string> {
  const name = anonymiser(db);
  const stmt = db.$client.prepare(`select r.question_id id, r.annotator, r.output from responses r join questions q on q.id = r.question_id
    where r.source = ? and ${COUNTS_IN_TABLE} order by r.question_id, r.annotator`);
  for (const r of stmt.iterate(HUMAN_SOURCE) as IterableIterator<{ id: string; annotator: string | null; output: string }>) {
    const annotator = name(r.annotator);
    const line = { id: r.id, source: HUMAN_SOURCE, ...(annotator ? { annotator } : {}), output: formatOutput(JSON.parse(r.output)) };
    yield JSON.stringify(line) + '\n';
  }
}

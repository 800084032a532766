/**
 * The table's running sums, maintained on write (METRICS.md "From scores to the table"), so that a
 * page view reads a few hundred small rows instead of every response, and a new answer costs one
 * question's recomputation:
 *
 * - SQL triggers (server/db/triggers.ts) note in `sums_dirty` every (source, question) whose counted
 *   responses a write may have changed: a response added, rescored or deleted, a question rejected or
 *   excluded, a contributor excluded. Any writer, the CLI and a raw-SQL script included, is covered.
 * - `flushSums`, called at the end of each writing transaction (and, as a safety net, before the table
 *   is read), recomputes those pairs' per-question means from their responses and moves the per-task
 *   totals by the difference. The totals are exact sums (`TaskTotals`), so removing a question's old
 *   mean and adding its new one gives bit-identical figures to a recomputation from scratch.
 */
import type Database from 'better-sqlite3';
import { meanRow, METRICS, QuestionAccumulator, TABLE_METRICS, TaskTotals } from '../../shared/metrics/aggregate';
import { METRIC_VERSION } from '../../shared/metrics/scores';
import { TASKS, type Task } from '../../shared/tasks';
import { COUNTS_IN_TABLE, TABLE_VERSION_KEY } from './baseline/included';
import { decodeScores, rescoreOutput, type StoredQuestion } from './scoring';

type Client = Database.Database;

interface ResponseRow { id: string; task: Task; scores: string; metricVersion: number | null; assignmentId: number | null }

/** question_sums' columns after the key and task, in `meanRow` order: responses, invalid, then per metric its mean and finite mean. */
const ROW_COLUMNS = ['responses', 'invalid', ...METRICS.flatMap((m) => [m, `${m}_f`])].join(', ');
const ROW_PLACEHOLDERS = ROW_COLUMNS.split(', ').map(() => '?').join(', ');

/**
 * One pair's counted responses. `+r.source`: the question's few responses by responses_question_idx,
 * never every response of the source by responses_source_annotator_idx, which SQLite would otherwise pick (a
 * million rows for Human: 12 ms a pair). Its plan is tested.
 */
export const COUNTED_PAIR_SQL = `select r.id, q.task, r.scores, r.metric_version metricVersion, r.assignment_id assignmentId
  from responses r join questions q on q.id = r.question_id
  where r.question_id = ? and +r.source = ? and ${COUNTS_IN_TABLE}`;

/**
 * The counted responses of the questions in (?, ?], for a range of a source rebuild. CROSS JOIN:
 * responses first, by a range of responses_question_idx; a plain join walks every benchmark question
 * by the pool index instead (without ANALYZE SQLite prefers its equality). Its plan is tested.
 */
export const RANGE_ROWS_SQL = `select r.question_id, r.source, q.task, r.scores, r.metric_version from responses r cross join questions q on q.id = r.question_id
  where r.question_id > ? and r.question_id <= ? and ${COUNTS_IN_TABLE}`;

/** Prepared statements per connection (a flush runs on every submit). */
const statements = new WeakMap<Client, ReturnType<typeof prepare>>();

function prepare(client: Client) {
  return {
    anyDirty: client.prepare('select 1 from sums_dirty limit 1').pluck(),
    dirty: client.prepare('select source, question_id questionId from sums_dirty limit ?'),
    clean: client.prepare('delete from sums_dirty where source = ? and question_id = ?'),
    counted: client.prepare(COUNTED_PAIR_SQL),
    question: client.prepare('select id, width, height, item from questions where id = ?'),
    // SEES_STAGED: by the id of a row COUNTED_PAIR_SQL returned.
    output: client.prepare('select output from responses where id = ?').pluck(),
    oldSum: client.prepare(`select task, ${ROW_COLUMNS} from question_sums where source = ? and question_id = ?`).raw(),
    // An upsert, not `insert or replace`: a pair already there is updated in place, where a replace
    // deletes and re-inserts the row and both its index entries (every submit moves one pair).
    putSum: client.prepare(`insert into question_sums (source, question_id, task, ${ROW_COLUMNS}, acc) values (?, ?, ?, ${ROW_PLACEHOLDERS}, ?)
      on conflict (source, question_id) do update set task = excluded.task, ${ROW_COLUMNS.split(', ').map((c) => `${c} = excluded.${c}`).join(', ')}, acc = excluded.acc`),
    storedAcc: client.prepare('select acc from question_sums where source = ? and question_id = ?').pluck(),
    // SEES_STAGED: COUNTS_IN_TABLE carries the visibility condition.
    isCounted: client.prepare(`select 1 from responses r join questions q on q.id = r.question_id where r.id = ? and ${COUNTS_IN_TABLE}`).pluck(),
    isRebuilding: client.prepare('select 1 from sums_rebuild where source = ?').pluck(),
    dropSum: client.prepare('delete from question_sums where source = ? and question_id = ?'),
    totals: client.prepare('select totals from table_totals where source = ? and task = ?').pluck(),
    putTotals: client.prepare(`insert into table_totals (source, task, totals) values (?, ?, ?)
      on conflict (source, task) do update set totals = excluded.totals`),
    dropTotals: client.prepare('delete from table_totals where source = ? and task = ?'),
    backlogs: client.prepare('select source from sums_dirty group by source having count(*) > ?'),
    markDirty: client.prepare('insert or ignore into sums_dirty (source, question_id) values (?, ?)'),
    anyRebuild: client.prepare('select 1 from sums_rebuild limit 1').pluck(),
    firstRebuild: client.prepare('select min(after) from sums_rebuild').pluck(),
    rebuildSources: client.prepare('select source from sums_rebuild where after = ?').pluck(),
    queueRebuild: client.prepare(`insert into sums_rebuild (source, after) values (?, '') on conflict (source) do update set after = ''`),
    dropRebuild: client.prepare('delete from sums_rebuild where source = ? and after = ?'),
    moveRebuild: client.prepare('update sums_rebuild set after = ? where source = ? and after = ?'),
    nextQuestions: client.prepare('select id from questions where id > ? order by id limit ?').pluck(),
    rangeRows: client.prepare(RANGE_ROWS_SQL).raw(),
    rangeSums: client.prepare(`select question_id, task, ${ROW_COLUMNS} from question_sums where source = ? and question_id > ? and question_id <= ?`).raw(),
    cleanRange: client.prepare('delete from sums_dirty where source = ? and question_id > ? and question_id <= ?'),
    bump: client.prepare(`insert into settings (key, value) values ('${TABLE_VERSION_KEY}', 1)
      on conflict (key) do update set value = value + 1`),
  };
}

function statementsOf(client: Client) {
  let s = statements.get(client);
  if (!s) statements.set(client, (s = prepare(client)));
  return s;
}

/** One source's responses to one question, as the table counts them now (stale metric versions rescored). */
function currentAcc(client: Client, source: string, questionId: string): QuestionAccumulator | null {
  const s = statementsOf(client);
  const rows = s.counted.all(questionId, source) as ResponseRow[];
  if (rows.length === 0) return null;
  const acc = new QuestionAccumulator(rows[0].task);
  for (const r of rows) {
    if (r.metricVersion === METRIC_VERSION) {
      acc.add(decodeScores(JSON.parse(r.scores)));
      continue;
    }
    // A rescore still running: the table never mixes versions, so this one is scored by the current code.
    const q = s.question.get(questionId) as Omit<StoredQuestion, 'item'> & { item: string };
    const raw = s.output.get(r.id) as string | null;
    acc.add(rescoreOutput({ ...q, item: JSON.parse(q.item) as Record<string, unknown> }, raw === null ? null : JSON.parse(raw), r.assignmentId !== null));
  }
  return acc;
}

/** question_sums.acc of an accumulator: the metric code that scored it, then its exact sums, as doubles. */
function storeAcc(acc: QuestionAccumulator): Buffer {
  const state = acc.toArray();
  const out = new Float64Array(1 + state.length);
  out[0] = METRIC_VERSION;
  out.set(state, 1);
  return Buffer.from(out.buffer);
}

/** The stored accumulator of a pair when this metric code made it and it reads back; else null. */
function resumeAcc(task: Task, stored: unknown): QuestionAccumulator | null {
  if (!Buffer.isBuffer(stored) || stored.length % 8 !== 0 || stored.length < 8) return null;
  // Copied out: a Buffer's offset into its pool need not be a multiple of 8.
  const doubles = new Float64Array(stored.length / 8);
  new Uint8Array(doubles.buffer).set(stored);
  if (doubles[0] !== METRIC_VERSION) return null;
  try {
    return QuestionAccumulator.fromArray(task, doubles.subarray(1));
  } catch {
    return null;
  }
}

/** Pairs recomputed per transaction when a flush has many (a large import or rescore). */
const FLUSH_CHUNK = 5_000;
/** A source with more dirty pairs than this is rebuilt whole (`rebuildSource`, or range by range). */
const BULK_PAIRS = 20_000;
/** Questions per range of a queued source rebuild (`rebuildStep` does ranges until its time is up). */
const RANGE_QUESTIONS = 64;
/** A reader's flush before it reads the table (`flushSomeSums`). */
const READER_FLUSH_MS = 100;

type Pair = { source: string; questionId: string };

/** The per-(source, task) totals a transaction moves, read once and written back at its end. */
class TotalsCache {
  private readonly totals = new Map<string, { source: string; task: Task; t: TaskTotals }>();
  constructor(private readonly s: ReturnType<typeof prepare>) {}
  of(source: string, task: Task): TaskTotals {
    const key = `${source}\u0000${task}`;
    let hit = this.totals.get(key);
    if (!hit) {
      const stored = this.s.totals.get(source, task) as string | undefined;
      this.totals.set(key, (hit = { source, task, t: stored === undefined ? new TaskTotals() : TaskTotals.fromJSON(JSON.parse(stored)) }));
    }
    return hit.t;
  }
  /** Replaces a pair's stored mean (`old`, as oldSum reads it) by the mean of `acc`, moving the totals by the difference. */
  replace(source: string, questionId: string, old: [Task, ...unknown[]] | undefined, acc: QuestionAccumulator | null): void {
    if (old) this.of(source, old[0]).applyRow(old, -1, 1);
    const now = acc && acc.responses > 0 ? acc.mean() : null;
    if (now) {
      const row = meanRow(now);
      this.of(source, now.task).applyRow(row, 1);
      this.s.putSum.run(source, questionId, now.task, ...row, storeAcc(acc!));
    } else if (old) {
      this.s.dropSum.run(source, questionId);
    }
  }
  write(): void {
    for (const { source, task, t } of this.totals.values()) {
      if (t.isEmpty) this.s.dropTotals.run(source, task);
      else this.s.putTotals.run(source, task, JSON.stringify(t));
    }
  }
}

/**
 * Recomputes the dirty (source, question) pairs — all of them, or only `only` (a submit flushes its own
 * question, so a contributor never waits for another writer's backlog) — and moves the totals, inside
 * the caller's transaction when there is one (a savepoint), else in short transactions of FLUSH_CHUNK
 * pairs. Outside a transaction it also finishes the sources queued in `sums_rebuild` (a published
 * import), range by range; inside one it leaves them, so a short transaction stays short. Returns the
 * pairs (and ranges) done.
 */
export function flushSums(client: Client, only?: Pair[]): number {
  const s = statementsOf(client);
  let done = 0;
  // In steps of ~50 ms, each its own transaction: a CLI flushing beside a running server lets it write.
  if (!only && !client.inTransaction) while (rebuildStep(client, 50)) done++;
  if (!only && s.anyDirty.get() === undefined) return done;
  // A source with a large backlog (an import, a rescore, a database from before the sums) is rebuilt in
  // one ordered pass over its responses: ~10× faster per pair than recomputing pairs one by one.
  if (!only) for (const { source } of s.backlogs.all(BULK_PAIRS) as { source: string }[]) done += rebuildSource(client, source);
  const chunk = client.transaction((): number => flushPairs(client, only ?? (s.dirty.all(FLUSH_CHUNK) as Pair[]), Infinity));
  if (only) return client.inTransaction ? chunk() : chunk.immediate();
  for (;;) {
    const n = client.inTransaction ? chunk() : chunk.immediate();
    done += n;
    if (n < FLUSH_CHUNK) return done;
  }
}

/** Recomputes `pairs` in order, in the caller's transaction, until `deadline` (at least one); returns how many. */
function flushPairs(client: Client, pairs: Pair[], deadline: number): number {
  const s = statementsOf(client);
  const totals = new TotalsCache(s);
  let n = 0;
  for (const { source, questionId } of pairs) {
    if (n > 0 && performance.now() > deadline) break;
    totals.replace(source, questionId, s.oldSum.get(source, questionId) as [Task, ...unknown[]] | undefined, currentAcc(client, source, questionId));
    s.clean.run(source, questionId);
    n++;
  }
  totals.write();
  if (n > 0) s.bump.run();
  return n;
}

/** An answer a submit stored, for `flushSubmitted`: its pair, its id and scores, and its pair's state before it. */
export interface SubmittedAnswer {
  source: string;
  questionId: string;
  task: Task;
  responseId: string;
  /** The stored scores' JSON text, as inserted. */
  scores: string;
  /** The pair was in sums_dirty before this submit's insert noted it: its stored sums may be stale. */
  wasDirty: boolean;
}

/** Pairs `flushSubmitted` moved from their stored sums, and pairs it recomputed from their responses (tests, benches). */
export const submittedStats = { resumed: 0, recomputed: 0 };

/**
 * The table's move for the responses a group of submits stored (`answers`: the scored answers among
 * them), in the caller's transaction, and a new table stamp (`tableStamp`). Each pair's
 * stored exact sums take its new counted answers, so a submit never reads the question's other
 * responses (an O(1) write, however many answers the question has). A pair whose stored sums may not
 * be current — noted dirty before this group, of a source being rebuilt, stored by other metric code
 * or not at all — is recomputed from its responses as `flushSums` does. The result is bit-identical
 * either way (exact sums), as the tests compare with a recomputation from every response.
 */
export function flushSubmitted(client: Client, answers: SubmittedAnswer[]): void {
  const s = statementsOf(client);
  const byPair = new Map<string, SubmittedAnswer[]>();
  for (const a of answers) {
    const key = `${a.source}\u0000${a.questionId}`;
    const list = byPair.get(key);
    // Only the first answer of a pair in the group saw the pair as it was before the group.
    if (list) list.push(a);
    else byPair.set(key, [a]);
  }
  const rebuilding = new Map<string, boolean>();
  const isRebuilding = (source: string) => {
    let r = rebuilding.get(source);
    if (r === undefined) rebuilding.set(source, (r = s.isRebuilding.get(source) !== undefined));
    return r;
  };
  const totals = new TotalsCache(s);
  for (const list of byPair.values()) {
    const { source, questionId, task, wasDirty } = list[0];
    const old = s.oldSum.get(source, questionId) as [Task, ...unknown[]] | undefined;
    let acc: QuestionAccumulator | null = null;
    if (!wasDirty && !isRebuilding(source)) acc = old ? resumeAcc(task, s.storedAcc.get(source, questionId)) : new QuestionAccumulator(task);
    if (acc) {
      submittedStats.resumed++;
      for (const a of list) if (s.isCounted.get(a.responseId) !== undefined) acc.add(decodeScores(JSON.parse(a.scores)));
    } else {
      submittedStats.recomputed++;
      acc = currentAcc(client, source, questionId);
    }
    totals.replace(source, questionId, old, acc);
    s.clean.run(source, questionId);
  }
  totals.write();
  // Called for every stored response, answers or not: the stamp keys caches of figures that count skips too.
  s.bump.run();
}

/**
 * One bounded piece of the flush, in its own immediate transaction of about `ms` (never inside the
 * caller's): ranges of a queued source rebuild, else dirty pairs until the time is up. A large backlog
 * is queued as a source rebuild rather than done in one long pass. Returns whether work is left. A
 * published import flushes with these, pausing between them so other writers get the lock; a reader
 * of the table does a few (`flushSomeSums`), so no page view waits for a whole import's flush.
 */
export function flushStep(client: Client, ms: number): boolean {
  const s = statementsOf(client);
  if (rebuildStep(client, ms)) return true;
  const big = s.backlogs.all(BULK_PAIRS) as { source: string }[];
  if (big.length > 0) {
    client.transaction(() => {
      for (const { source } of big) s.queueRebuild.run(source);
    }).immediate();
    return true;
  }
  if (s.anyDirty.get() === undefined) return false;
  const deadline = performance.now() + ms;
  client.transaction(() => flushPairs(client, s.dirty.all(FLUSH_CHUNK) as Pair[], deadline)).immediate();
  return s.anyDirty.get() !== undefined || s.anyRebuild.get() !== undefined;
}

/** Flushes for about `ms` at most (a reader's safety net); what is left waits for the next flush. */
export function flushSomeSums(client: Client, ms = READER_FLUSH_MS): void {
  if (client.inTransaction) {
    flushSums(client);
    return;
  }
  const deadline = performance.now() + ms;
  while (flushStep(client, Math.max(1, deadline - performance.now())) && performance.now() < deadline);
}

/** Queues `sources` for a rebuild range by range (a published import); call inside its transaction. */
export function queueSourceRebuilds(client: Client, sources: Iterable<string>): void {
  const s = statementsOf(client);
  for (const source of sources) s.queueRebuild.run(source);
}

/**
 * Moves the queued source rebuilds that share the lowest cursor one or more ranges of RANGE_QUESTIONS
 * questions on, in one immediate transaction of about `ms`: per range, every counted response of
 * those questions is read (responses_question_idx), the sources' means recomputed and the totals moved
 * by the difference, so the table stays exact between ranges. Returns false when nothing is queued.
 */
function rebuildStep(client: Client, ms: number): boolean {
  const s = statementsOf(client);
  if (s.anyRebuild.get() === undefined) return false;
  const deadline = performance.now() + ms;
  client.transaction(() => {
    const from = s.firstRebuild.get() as string | undefined;
    if (from === undefined) return;
    const sources = new Set(s.rebuildSources.all(from) as string[]);
    const totals = new TotalsCache(s);
    let after = from;
    let isDone = false;
    do {
      const ids = s.nextQuestions.all(after, RANGE_QUESTIONS) as string[];
      if (ids.length === 0) { isDone = true; break; }
      const hi = ids[ids.length - 1];
      rebuildRange(client, sources, after, hi, totals);
      after = hi;
      if (ids.length < RANGE_QUESTIONS) isDone = true;
    } while (!isDone && performance.now() < deadline);
    totals.write();
    for (const source of sources) {
      if (isDone) s.dropRebuild.run(source, from);
      else s.moveRebuild.run(after, source, from);
    }
    s.bump.run();
  }).immediate();
  return true;
}

/** The sums of `sources` for the questions in (lo, hi], from their counted responses; stale versions left dirty. */
function rebuildRange(client: Client, sources: Set<string>, lo: string, hi: string, totals: TotalsCache): void {
  const s = statementsOf(client);
  const accs = new Map<string, { source: string; questionId: string; acc: QuestionAccumulator; isStale: boolean }>();
  for (const [questionId, source, task, scores, version] of s.rangeRows.iterate(lo, hi) as IterableIterator<[string, string, Task, string, number | null]>) {
    if (!sources.has(source)) continue;
    const key = `${source}\u0000${questionId}`;
    let a = accs.get(key);
    if (!a) accs.set(key, (a = { source, questionId, acc: new QuestionAccumulator(task), isStale: false }));
    if (version === METRIC_VERSION) a.acc.add(decodeScores(JSON.parse(scores)));
    else a.isStale = true;
  }
  for (const source of sources) {
    const olds = new Map((s.rangeSums.all(source, lo, hi) as [string, Task, ...unknown[]][]).map(([q, ...old]) => [q, old as [Task, ...unknown[]]]));
    s.cleanRange.run(source, lo, hi);
    for (const [questionId, old] of olds) if (!accs.has(`${source}\u0000${questionId}`)) totals.replace(source, questionId, old, null);
    for (const a of accs.values()) {
      if (a.source !== source) continue;
      // A rescore still running: the pair-by-pair flush scores this question with the current code.
      if (a.isStale) s.markDirty.run(source, a.questionId);
      else totals.replace(source, a.questionId, olds.get(a.questionId), a.acc);
    }
  }
}

/**
 * Rebuilds one source's sums from its responses in one transaction (the caller's, or its own): one
 * pass in question order, one accumulator at a time. A response of an older metric version (a rescore
 * still running) leaves its question to the pair-by-pair flush, which scores it with the current code.
 * Returns the pairs written or deferred.
 */
function rebuildSource(client: Client, source: string): number {
  const s = statementsOf(client);
  const rows = client
    .prepare(`select r.question_id, q.task, r.scores, r.metric_version from responses r join questions q on q.id = r.question_id
      where r.source = ? and ${COUNTS_IN_TABLE} order by r.question_id`)
    .raw();
  const run = client.transaction((): number => {
    client.prepare('delete from question_sums where source = ?').run(source);
    client.prepare('delete from table_totals where source = ?').run(source);
    client.prepare('delete from sums_dirty where source = ?').run(source);
    const sums: [string, Task, (number | null)[]][] = [];
    const deferred: string[] = [];
    const totals = new Map<Task, TaskTotals>();
    let current: string | null = null;
    let acc: QuestionAccumulator | null = null;
    let isStale = false;
    const close = () => {
      if (current === null || !acc) return;
      if (isStale) { deferred.push(current); return; }
      const mean = acc.mean();
      const row = meanRow(mean);
      let t = totals.get(mean.task);
      if (!t) totals.set(mean.task, (t = new TaskTotals()));
      t.applyRow(row, 1);
      sums.push([current, mean.task, row]);
    };
    // No other statement may run on the connection while the rows are read: writes wait until after.
    for (const [questionId, task, scores, version] of rows.iterate(source) as IterableIterator<[string, Task, string, number | null]>) {
      if (questionId !== current) {
        close();
        current = questionId;
        acc = new QuestionAccumulator(task);
        isStale = false;
      }
      if (version === METRIC_VERSION) acc!.add(decodeScores(JSON.parse(scores)));
      else isStale = true;
    }
    close();
    // Without their accumulators (memory stays one row per pair): a submit to one reads its responses once.
    for (const [questionId, task, row] of sums) s.putSum.run(source, questionId, task, ...row, null);
    for (const [task, t] of totals) s.putTotals.run(source, task, JSON.stringify(t));
    const dirty = client.prepare('insert or ignore into sums_dirty (source, question_id) values (?, ?)');
    for (const q of deferred) dirty.run(source, q);
    s.bump.run();
    return sums.length + deferred.length;
  });
  return client.inTransaction ? run() : run.immediate();
}

/**
 * Recomputes every per-task total from the stored per-question means (the table's full recomputation
 * from its per-(source, question) sums; `bopask table --verify` compares it with the running totals).
 * Reads one row per (source, question); the responses are not read.
 */
export function totalsFromQuestionSums(client: Client): Map<string, Partial<Record<Task, TaskTotals>>> {
  flushSums(client);
  const out = new Map<string, Partial<Record<Task, TaskTotals>>>();
  // By (source, task), numbers only, and only the columns of the metrics the task's totals carry:
  // converting SQLite values to JavaScript is most of the cost, and a task uses two to four of eight.
  // By (source, task), numbers only, and only the columns the task's table figures read (TABLE_METRICS):
  // converting SQLite values to JavaScript is most of the cost. The sources come from the sums
  // themselves (the primary key's prefix), so a check against the running totals takes nothing from them.
  const sources = client.prepare('select distinct source from question_sums').pluck().all() as string[];
  for (const source of sources) for (const task of TASKS) {
    const ks = TABLE_METRICS[task];
    const columns = ['responses', 'invalid', ...ks.flatMap((k) => [METRICS[k], `${METRICS[k]}_f`])].join(', ');
    const rows = client.prepare(`select ${columns} from question_sums where source = ? and task = ?`).raw().all(source, task) as unknown[][];
    if (rows.length === 0) continue;
    const t = new TaskTotals();
    for (const row of rows) t.applyMetrics(row, 1, 0, ks);
    let bySource = out.get(source);
    if (!bySource) out.set(source, (bySource = {}));
    bySource[task] = t;
  }
  return out;
}

/**
 * Identifies the table's inputs in O(1): every write to a response leaves a dirty pair that the next
 * flush turns into a bump of the version counter, a submit bumps it for every response it stores (a
 * skip or a verification included: the contributors' figures count them), as does every exclusion or
 * group change; a label change also writes a label version. Equal stamps mean equal tables.
 */
export function tableStamp(db: { $client: Client }): string {
  const client = db.$client;
  flushSomeSums(client);
  const labels = client.prepare('select max(rowid) from label_versions').pluck().get() as number | null;
  const v = client.prepare('select value from settings where key = ?').pluck().get(TABLE_VERSION_KEY) as number | undefined;
  return `${METRIC_VERSION}:${labels}:${v ?? 0}`;
}

/** Every source's per-task totals, as stored (after a flush). */
export function storedTotals(client: Client): Map<string, Partial<Record<Task, TaskTotals>>> {
  flushSomeSums(client);
  const out = new Map<string, Partial<Record<Task, TaskTotals>>>();
  const rows = client.prepare('select source, task, totals from table_totals').all() as { source: string; task: Task; totals: string }[];
  for (const r of rows) {
    let bySource = out.get(r.source);
    if (!bySource) out.set(r.source, (bySource = {}));
    bySource[r.task] = TaskTotals.fromJSON(JSON.parse(r.totals));
  }
  return out;
}

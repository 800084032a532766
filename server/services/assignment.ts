/**
 * Which questions a contributor gets, bound late. A new batch is a plan: the task of each answer
 * position (spread evenly over the tasks), plus its practice and verify items. An answer-mode
 * question is taken only when the contributor reaches its position (or is BIND_AHEAD before it), so
 * starting batches holds nothing: 30 starts from one address no longer take every question for two
 * hours. The batch's size, task mix, progress and completion rule are those of the plan.
 *
 * Priority goes to questions furthest below their redundancy target, then to those with the fewest
 * slots taken (`questions.load`: answered plus held), a question is never given twice to one
 * contributor, and a share of questions has target 2, the rest target 1: by default a stable random
 * share (by hash of id: `hash_rank` below share · 2^32); with `redundancyByDisagreement`, the ones
 * whose first answer agrees least with the label (secondOpinion.ts). Every query goes through an
 * index: no scan of the dataset per start, so the write lock of a start or a binding is held a few
 * milliseconds at 100,000 questions.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { TASKS, type Task } from '../../shared/tasks';
import type Database from 'better-sqlite3';
import type { Db, DbOrTx } from '../db/client';
import { assignments, questions, responses } from '../db/schema';
import { NO_FIRST_ANSWER, secondOpinionsLeft } from './secondOpinion';
import type { Settings } from './settings';
import { FIRST_STAGED_ROWID_SQL, visibleResponses } from '../db/visibility';

export interface PlannedAssignment {
  /** Absent for answer-mode positions: bound when reached (bindQuestion). */
  questionId?: string;
  task: Task;
  mode: 'answer' | 'verify' | 'practice';
  verifyResponseId?: string;
}

/**
 * How long a bound, unanswered question holds its slot. After that it counts as abandoned and goes to
 * someone else, so a contributor who leaves cannot keep a question from ever being answered.
 */
export const OPEN_HOLD_MS = 2 * 3600 * 1000;
/** Positions bound beyond the current one, so the next question is ready when this one is sent. */
export const BIND_AHEAD = 1;
const RANK_SPAN = 2 ** 32;
/** Candidates read per sample when picking verify items (a run of index entries, never the whole table). */
const VERIFY_SAMPLE = 200;

/**
 * The question ids already given to this contributor: this batch and the other batches started
 * under the same platform id (services/annotate.ts MAX_BATCHES_PER_EXTERNAL_ID). At most a few
 * batches of 35 items, read through the participant indexes.
 */
function questionsOfPerson(db: DbOrTx, participantId: string): Set<string> {
  // Plain SQL: run on every binding, and drizzle's query builder cost more than the lookup.
  const rows = db.all<{ q: string }>(sql`select question_id q from assignments where question_id is not null and participant_id in
    (select p2.id from participants p1 join participants p2
      on p2.id = p1.id or p2.id = p1.labels_participant_id or (p1.external_id is not null and p2.external_id = p1.external_id)
      where p1.id = ${participantId})`);
  return new Set(rows.map((r) => r.q));
}

/** The tasks that have benchmark questions, each found through the (pool, task, …) index. */
function tasksPresent(db: DbOrTx): Task[] {
  return TASKS.filter(
    (task) => db.select({ one: sql`1` }).from(questions).where(and(eq(questions.pool, 'benchmark'), eq(questions.task, task))).limit(1).get(),
  );
}

/** `n` answer positions spread evenly over the tasks present, from a random first task. */
function planAnswerTasks(db: DbOrTx, n: number): Task[] {
  const tasks = tasksPresent(db);
  if (tasks.length === 0) return [];
  const first = Math.floor(Math.random() * tasks.length);
  return Array.from({ length: n }, (_, i) => tasks[(first + i) % tasks.length]);
}

/**
 * Gives back the slots of bound answer-mode questions left open past the hold: the item is marked
 * `expired` (a late answer is then refused, services/annotate.ts) and its question's load drops.
 * `participantId` limits it to one batch; without it, up to `limit` of the oldest go (through the
 * (status, bound_at) index), a little at each binding.
 */
export function expireHolds(db: Db, now: number, participantId?: string, limit = 200): number {
  const before = now - OPEN_HOLD_MS;
  const stale = participantId ? picks(db).staleOf(participantId, before, limit) : picks(db).stale(before, limit);
  if (stale.length === 0) return 0;
  db.update(assignments).set({ status: 'expired' }).where(inArray(assignments.id, stale.map((s) => s.id))).run();
  for (const s of stale) addLoad(db, s.questionId, -1);
  return stale.length;
}

/** Whether one of the contributor's bound answer-mode items is open past its hold (expireHolds would take it). */
export function hasExpiredHold(db: Db, participantId: string, now: number): boolean {
  return picks(db).staleOf(participantId, now - OPEN_HOLD_MS, 1).length > 0;
}

/** Changes a question's load (+1 bound, −1 skipped or expired; an answer keeps the slot it held). */
export function addLoad(db: Db, questionId: string, delta: number): void {
  picks(db).addLoad(questionId, delta);
}

/**
 * The first question `rows(from, to)` gives that is not in `exclude`, over hash ranks [lo, hi) entered
 * at a random rank and wrapping round, so that equals come in random order.
 */
function randomWalk(exclude: Set<string>, lo: number, hi: number, rows: (from: number, to: number) => { id: string }[]): string | null {
  const start = lo + Math.floor(Math.random() * (hi - lo));
  for (const [from, to] of [[start, hi], [lo, start]]) {
    const found = rows(from, to).find((r) => !exclude.has(r.id));
    if (found) return found.id;
  }
  return null;
}

/** Benchmark questions of `task` at `load` still in the benchmark (rejected ones have left it). */
const eligible = (task: Task, load: number) =>
  and(eq(questions.pool, 'benchmark'), eq(questions.task, task), eq(questions.load, load), sql`${questions.reviewStatus} <> 'rejected'`);

/**
 * The picking statements, prepared once per connection as plain SQL: a binding runs a few of them for
 * each task, and drizzle would build each one's SQL anew on every call (most of a binding's time,
 * bench/load.ts --flow page). Each is a seek or a short range of questions_need_idx (pool, task, load,
 * hash_rank).
 */
function preparePicks(client: Database.Database) {
  const minLoad = client.prepare("select load from questions where pool = 'benchmark' and task = ? order by load limit 1").pluck();
  const maxLoad = client.prepare("select load from questions where pool = 'benchmark' and task = ? order by load desc limit 1").pluck();
  const inRange = client.prepare(`select id from questions where pool = 'benchmark' and task = ? and load = ? and review_status <> 'rejected'
    and hash_rank >= ? and hash_rank < ? order by hash_rank limit ?`);
  // Open answer items bound before `before` (assignments_hold_idx: status, bound_at).
  const stale = client.prepare("select id, question_id questionId from assignments where status = 'open' and bound_at <= ? and mode = 'answer' limit ?");
  // One contributor's, by their batch (assignments_participant_idx, a few rows): `+status` keeps SQLite
  // from walking everyone's stale holds by the hold index to find theirs.
  const staleOf = client.prepare(
    "select id, question_id questionId from assignments where participant_id = ? and +status = 'open' and bound_at <= ? and mode = 'answer' limit ?",
  );
  const addLoad = client.prepare('update questions set load = load + ? where id = ?');
  return {
    stale: (before: number, limit: number) => stale.all(before, limit) as { id: number; questionId: string }[],
    staleOf: (participantId: string, before: number, limit: number) => staleOf.all(participantId, before, limit) as { id: number; questionId: string }[],
    addLoad: (questionId: string, delta: number) => addLoad.run(delta, questionId),
    /** The lowest and highest load of the task's questions, or null when it has none. */
    loads: (task: Task): [number, number] | null => {
      const lo = minLoad.get(task) as number | undefined;
      return lo === undefined ? null : [lo, maxLoad.get(task) as number];
    },
    inRange: (task: Task, load: number, from: number, to: number, limit: number) => inRange.all(task, load, from, to, limit) as { id: string }[],
  };
}

const picksByConnection = new WeakMap<Database.Database, ReturnType<typeof preparePicks>>();

function picks(db: Db) {
  let p = picksByConnection.get(db.$client);
  if (!p) picksByConnection.set(db.$client, (p = preparePicks(db.$client)));
  return p;
}

/** A question of `task` at `load` with hash_rank in [lo, hi), at random: a range of questions_need_idx. */
function pickInRange(db: Db, task: Task, exclude: Set<string>, load: number, lo: number, hi: number): string | null {
  return randomWalk(exclude, lo, hi, (from, to) => picks(db).inRange(task, load, from, to, exclude.size + 1));
}

/**
 * `redundancyByDisagreement`: the question of `task` at load 1 whose first answer agrees least with
 * the label (equal scores in hash-rank order); then, among those whose first answer is still open (no
 * score yet: NO_FIRST_ANSWER), one at random. Both walk questions_second_opinion_idx.
 */
function pickLowestFirstAnswer(db: Db, task: Task, exclude: Set<string>): string | null {
  const rows = db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eligible(task, 1), lte(questions.firstAnswerScore, 1)))
    .orderBy(questions.firstAnswerScore, questions.hashRank)
    .limit(exclude.size + 1)
    .all();
  const found = rows.find((r) => !exclude.has(r.id));
  if (found) return found.id;
  // Named: on equal estimates SQLite takes questions_need_idx, which would read past every scored
  // question of the load to find the few unscored ones.
  return randomWalk(exclude, 0, RANK_SPAN, (from, to) =>
    db.all<{ id: string }>(
      sql`select id from questions indexed by questions_second_opinion_idx
           where pool = 'benchmark' and task = ${task} and load = 1 and first_answer_score = ${NO_FIRST_ANSWER}
             and review_status <> 'rejected' and hash_rank >= ${from} and hash_rank < ${to}
           order by hash_rank limit ${exclude.size + 1}`,
    ),
  );
}

export interface RedundancyRule {
  /** Share of questions that should get a second contributor. */
  share: number;
  /** Second answers go first where the first answer agrees least with the label (services/secondOpinion.ts). */
  isByDisagreement: boolean;
}

/**
 * The neediest benchmark question of `task` this contributor has not had, or null, with its level
 * (lower is needier). Looks at load levels in priority order — load 0; then a second answer where one
 * is wanted; then load 1 (the rest), load 2, 3 … — each an index range of (pool, task, load, hash_rank)
 * entered at a random rank. Which load-1 questions want a second answer: by default those with
 * hash_rank below share · 2^32 (a stable random share, as the paper); with `isByDisagreement`, while
 * the task has fewer doubled questions than its share, the load-1 question of lowest first-answer score.
 */
export function pickQuestion(db: Db, task: Task, exclude: Set<string>, rule: RedundancyRule): { id: string; level: number } | null {
  const loads = picks(db).loads(task);
  if (!loads) return null;
  // No question is below the lowest load: the levels under it are empty, and are not probed.
  const [minLoad, maxLoad] = loads;
  const split = Math.floor(rule.share * RANK_SPAN);
  const levels: (readonly [number, number, number] | 'second-opinion')[] = rule.isByDisagreement
    ? [[0, 0, RANK_SPAN], 'second-opinion', [1, 0, RANK_SPAN]]
    : [[0, 0, RANK_SPAN], [1, 0, split], [1, split, RANK_SPAN]];
  for (let load = 2; load <= maxLoad; load++) levels.push([load, 0, RANK_SPAN]);
  for (const [level, range] of levels.entries()) {
    let id: string | null = null;
    if (range === 'second-opinion') {
      if (minLoad <= 1 && maxLoad >= 1 && secondOpinionsLeft(db, task, rule.share) > 0) id = pickLowestFirstAnswer(db, task, exclude);
    } else {
      const [load, lo, hi] = range;
      if (lo < hi && load >= minLoad && load <= maxLoad) id = pickInRange(db, task, exclude, load, lo, hi);
    }
    // Levels 0 and 1 are the questions still below their target; then by load.
    if (id) return { id, level };
  }
  return null;
}

/**
 * Chooses the question for the contributor's answer position: the neediest of its planned task,
 * unless another task has a needier one (a lower level: below target first, then fewer slots taken),
 * so shortages fill first and every question is answered once before any is given twice; with
 * balanced supply the plan's task mix holds. Returns null when none is left for this contributor.
 */
export function bindQuestion(db: Db, participantId: string, task: Task, settings: Settings): { id: string; task: Task } | null {
  const exclude = questionsOfPerson(db, participantId);
  const rule = { share: settings.redundancyShare, isByDisagreement: settings.redundancyByDisagreement === 1 };
  let best: { id: string; task: Task; level: number } | null = null;
  for (const t of [task, ...TASKS.filter((x) => x !== task)]) {
    const found = pickQuestion(db, t, exclude, rule);
    if (found && (!best || found.level < best.level)) best = { ...found, task: t };
    if (best?.level === 0) break; // nothing is needier than an unanswered question
  }
  return best && { id: best.id, task: best.task };
}

/**
 * What a baseline batch asks to verify: models' answers only (fewest verifications first, among a
 * sample). Labels themselves are verified in the separate label campaign (labelCampaign.ts), never
 * here: a label shown in an ordinary batch is a benchmark answer handed to a contributor. The question
 * is then never given to that contributor to answer.
 */
function pickVerifyItems(db: DbOrTx, participantId: string, n: number): PlannedAssignment[] {
  if (n <= 0) return [];
  return pickModelVerifyItems(db, questionsOfPerson(db, participantId), n);
}

/** A random window of rowids: where a sample starts, so no query reads the whole table. */
function randomWindow(db: DbOrTx, table: typeof responses | typeof questions): number {
  const max = db.select({ m: sql<number | null>`max(rowid)` }).from(table).get()?.m ?? 0;
  return Math.floor(Math.random() * (max + 1));
}

/**
 * The sources of stored answers other than the crowd, read by skipping through the source index (one
 * lookup per distinct source, not a pass over a million responses). SEES_STAGED: a source whose rows
 * are all staged is listed, and its sample below comes back empty.
 */
function modelSources(db: DbOrTx): string[] {
  const rows = db.all<{ s: string | null }>(sql`with recursive src(s) as (
      select min(source) from responses
      union all select (select min(source) from responses where source > src.s) from src where src.s is not null)
    select s from src where s is not null and s != 'Human'`);
  return rows.map((r) => r.s!);
}

function pickModelVerifyItems(db: DbOrTx, exclude: Set<string>, n: number): PlannedAssignment[] {
  const sources = modelSources(db);
  // Rows from the first staged one on are left out of the sample: a model's rows there can only be the
  // pending import's (one import at a time), and walking a million invisible rows would cost a scan.
  const staged = db.get<{ r: number | null }>(sql.raw(FIRST_STAGED_ROWID_SQL))?.r ?? Number.MAX_SAFE_INTEGER;
  const perSource = Math.ceil(VERIFY_SAMPLE / Math.max(1, sources.length));
  // Per source, a run of its answers from a random place in the (source, rowid) index, wrapping round.
  const sample = (source: string, from: number, to: number) =>
    db
      .select({ responseId: responses.id, questionId: responses.questionId, task: questions.task })
      .from(responses)
      .innerJoin(questions, eq(questions.id, responses.questionId))
      .where(and(eq(responses.source, source), sql`"responses".rowid >= ${from} and "responses".rowid < ${Math.min(to, staged)}`, eq(responses.kind, 'answer'), eq(questions.pool, 'benchmark'), visibleResponses))
      .orderBy(sql`"responses".rowid`)
      .limit(perSource)
      .all();
  const start = randomWindow(db, responses);
  const rows = sources
    .flatMap((source) => {
      const first = sample(source, start, Number.MAX_SAFE_INTEGER);
      return first.length < perSource ? [...first, ...sample(source, 0, start)] : first;
    })
    .filter((r) => !exclude.has(r.questionId));
  // One grouped count over the sample (through the verify_response_id index), not a query per row.
  const counts = new Map(
    rows.length === 0
      ? []
      : db
          .select({ id: assignments.verifyResponseId, n: sql<number>`count(*)` })
          .from(assignments)
          .where(inArray(assignments.verifyResponseId, rows.map((r) => r.responseId)))
          .groupBy(assignments.verifyResponseId)
          .all()
          .map((r) => [r.id!, r.n]),
  );
  const ranked = rows.map((r) => ({ ...r, n: counts.get(r.responseId) ?? 0, tiebreak: Math.random() }));
  ranked.sort((a, b) => a.n - b.n || a.tiebreak - b.tiebreak);
  const out: PlannedAssignment[] = [];
  for (const r of ranked) {
    if (out.some((o) => o.questionId === r.questionId)) continue;
    out.push({ questionId: r.questionId, task: r.task, mode: 'verify', verifyResponseId: r.responseId });
    if (out.length === n) break;
  }
  return out;
}

/** One practice question per task in the batch, from the (small) practice pool, placed before that task's first. */
function withPractice(db: DbOrTx, items: PlannedAssignment[]): PlannedAssignment[] {
  const tasks = [...new Set(items.map((i) => i.task))];
  if (tasks.length === 0) return items;
  const practice = db
    .select({ id: questions.id, task: questions.task })
    .from(questions)
    .where(and(eq(questions.pool, 'practice'), inArray(questions.task, tasks)))
    .orderBy(sql`random()`)
    .all();
  const out: PlannedAssignment[] = [];
  const done = new Set<Task>();
  for (const item of items) {
    if (!done.has(item.task)) {
      done.add(item.task);
      const p = practice.find((q) => q.task === item.task);
      if (p) out.push({ questionId: p.id, task: p.task, mode: 'practice' });
    }
    out.push(item);
  }
  return out;
}

/**
 * Plans a new contributor's batch (practice, answers, then verifications); answer positions carry
 * only their task. Empty when there are no benchmark questions. Call inside a transaction.
 */
export function planBatch(db: DbOrTx, participantId: string, settings: Settings, batchSize: number): PlannedAssignment[] {
  const answers: PlannedAssignment[] = planAnswerTasks(db, batchSize).map((task) => ({ task, mode: 'answer' }));
  if (answers.length === 0) return [];
  return withPractice(db, [...answers, ...pickVerifyItems(db, participantId, settings.verifyPerBatch)]);
}

/**
 * Which questions a new contributor gets. Priority goes to questions furthest below their redundancy
 * target, then to those with the fewest assignments; a question is never given twice to one contributor.
 * A stable share of questions (by hash of id, so the set does not drift as counts change) has target 2,
 * the rest target 1: every question is answered at least once and about `redundancyShare` of them twice.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { TASKS, type Task } from '../../shared/answers';
import type { DbOrTx } from '../db/client';
import { assignments, questions, responses } from '../db/schema';
import { chooseDoubled } from './redundancy';
import type { Settings } from './settings';

export interface PlannedAssignment {
  questionId: string;
  task: Task;
  mode: 'answer' | 'verify' | 'practice';
  verifyResponseId?: string;
}

interface Candidate {
  id: string;
  task: Task;
  count: number;
  target: number;
  tiebreak: number;
}

/**
 * How long an unanswered assignment holds its question's slot. After that the batch counts as
 * abandoned and the question goes to someone else, so a contributor who leaves cannot keep a
 * question from ever being answered.
 */
export const OPEN_HOLD_MS = 2 * 3600 * 1000;

/** Benchmark questions not yet given to `participantId`, ranked per task by need. */
function rankedCandidates(db: DbOrTx, participantId: string, share: number, byDisagreement: boolean): Map<Task, Candidate[]> {
  const heldSince = Date.now() - OPEN_HOLD_MS;
  const rows = db
    .select({
      id: questions.id,
      task: questions.task,
      count: sql<number>`(select count(*) from ${assignments} a where a.question_id = "questions"."id"
        and a.mode = 'answer' and (a.status = 'answered' or (a.status = 'open' and a.created_at > ${heldSince})))`,
      mine: sql<number>`(select count(*) from ${assignments} a where a.question_id = "questions"."id"
        and a.participant_id = ${participantId})`,
    })
    .from(questions)
    .where(eq(questions.pool, 'benchmark'))
    .all();
  const doubled = chooseDoubled(db, rows, share, byDisagreement);
  const byTask = new Map<Task, Candidate[]>();
  for (const r of rows) {
    if (r.mine > 0) continue;
    const c: Candidate = { id: r.id, task: r.task, count: r.count, target: doubled.has(r.id) ? 2 : 1, tiebreak: Math.random() };
    const list = byTask.get(r.task);
    if (list) list.push(c);
    else byTask.set(r.task, [c]);
  }
  for (const list of byTask.values()) {
    list.sort(
      (a, b) =>
        Number(a.count >= a.target) - Number(b.count >= b.target) || a.count - b.count || a.tiebreak - b.tiebreak,
    );
  }
  return byTask;
}

/**
 * Takes `n` questions, neediest first, spreading them over the tasks: each step serves the task whose
 * best candidate is furthest below its target (fewest assignments), and among equals the task this
 * batch has taken least from, so a batch spans all six tasks and shortages fill first.
 */
function pickAnswerQuestions(byTask: Map<Task, Candidate[]>, n: number): Candidate[] {
  const picked: Candidate[] = [];
  const queues = TASKS.map((t) => ({ list: [...(byTask.get(t) ?? [])], taken: 0, tiebreak: Math.random() }));
  // Lexicographic: target met (no first), then assignments so far, then taken from this task in
  // this batch, then a random tiebreak fixed per task for the batch.
  const key = (q: (typeof queues)[number]) => {
    const c = q.list[0];
    return [Number(c.count >= c.target), c.count, q.taken, q.tiebreak];
  };
  const isBefore = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  while (picked.length < n) {
    let best: (typeof queues)[number] | undefined;
    for (const q of queues) {
      if (q.list.length > 0 && (!best || isBefore(key(q), key(best)))) best = q;
    }
    if (!best) break;
    picked.push(best.list.shift()!);
    best.taken++;
  }
  return picked;
}

/**
 * What a batch asks to verify: models' answers first (fewest verifications first); when there are
 * not enough, the generated (semi-automatic) labels themselves, so curators learn which labels the
 * crowd judges wrong. Showing a label in verify mode is what verify mode is for; the question is
 * then never given to that contributor to answer (one assignment per question and contributor).
 */
function pickVerifyItems(db: DbOrTx, participantId: string, exclude: Set<string>, n: number): PlannedAssignment[] {
  const models = pickModelVerifyItems(db, participantId, exclude, n);
  const taken = new Set([...exclude, ...models.map((m) => m.questionId)]);
  return [...models, ...pickLabelVerifyItems(db, participantId, taken, n - models.length)];
}

function pickLabelVerifyItems(db: DbOrTx, participantId: string, exclude: Set<string>, n: number): PlannedAssignment[] {
  if (n <= 0) return [];
  const rows = db
    .select({ questionId: questions.id, task: questions.task })
    .from(questions)
    .where(
      and(
        eq(questions.pool, 'benchmark'),
        sql`not exists (select 1 from ${assignments} a where a.question_id = "questions"."id"
          and a.participant_id = ${participantId})`,
      ),
    )
    .orderBy(
      sql`(select count(*) from ${assignments} a where a.question_id = "questions"."id"
        and a.mode = 'verify' and a.verify_response_id is null)`,
      sql`random()`,
    )
    .limit(n + exclude.size)
    .all();
  return rows
    .filter((r) => !exclude.has(r.questionId))
    .slice(0, n)
    .map((r) => ({ questionId: r.questionId, task: r.task, mode: 'verify' as const }));
}

function pickModelVerifyItems(db: DbOrTx, participantId: string, exclude: Set<string>, n: number): PlannedAssignment[] {
  if (n === 0) return [];
  const rows = db
    .select({ responseId: responses.id, questionId: responses.questionId, task: questions.task })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(
      and(
        eq(questions.pool, 'benchmark'),
        eq(responses.kind, 'answer'),
        ne(responses.source, 'Human'),
        sql`not exists (select 1 from ${assignments} a where a.question_id = "responses"."question_id"
          and a.participant_id = ${participantId})`,
      ),
    )
    .orderBy(
      sql`(select count(*) from ${assignments} a where a.verify_response_id = "responses"."id")`,
      sql`random()`,
    )
    .limit(n * 20)
    .all();
  const out: PlannedAssignment[] = [];
  for (const r of rows) {
    if (exclude.has(r.questionId) || out.some((o) => o.questionId === r.questionId)) continue;
    out.push({ questionId: r.questionId, task: r.task, mode: 'verify', verifyResponseId: r.responseId });
    if (out.length === n) break;
  }
  return out;
}

/** One practice question per task in the batch, from the practice pool, placed before that task's first. */
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

/** Plans a new contributor's batch (practice, answers, then verifications). Call inside a transaction. */
export function planBatch(db: DbOrTx, participantId: string, settings: Settings, batchSize: number): PlannedAssignment[] {
  const answers = pickAnswerQuestions(rankedCandidates(db, participantId, settings.redundancyShare, settings.redundancyByDisagreement === 1), batchSize);
  const planned: PlannedAssignment[] = answers.map((c) => ({ questionId: c.id, task: c.task, mode: 'answer' }));
  const verify = pickVerifyItems(db, participantId, new Set(answers.map((a) => a.id)), settings.verifyPerBatch);
  return withPractice(db, [...planned, ...verify]);
}

/**
 * The contributor's side: start or resume a batch, see it, submit, skip and verify. Everything returned
 * here is built from an allow-list (`publicQuestion`): no ground truth, region, box3d, generated answer
 * (outside verify mode) or another contributor's response ever leaves through these functions.
 * Practice questions (never part of the benchmark) are the one place a ground truth is shown, after
 * the contributor has answered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { parseAnswer, type Answer } from '../../shared/answers';
import { AppError, BadInputError } from '../../shared/errors';
import type { WorldToCamera } from '../../shared/geometry/camera';
import type { Mat3 } from '../../shared/geometry/types';
import { scoreParsed } from '../../shared/metrics';
import type { Db } from '../db/client';
import { assignments, participants, questions, responses } from '../db/schema';
import { planBatch } from './assignment';
import { decodeScores, encodeScores, scorableItem } from './scoring';
import { getSettings } from './settings';

type QuestionRow = typeof questions.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;

/** What a contributor may see of a question. `camera` carries intrinsics and the table frame only. */
function publicQuestion(q: QuestionRow) {
  const camera = (q.item as { camera?: { K?: Mat3; world_to_camera?: WorldToCamera } }).camera;
  return {
    id: q.id,
    task: q.task,
    imageUrl: `/images/${q.image.split('/').map(encodeURIComponent).join('/')}`,
    width: q.width,
    height: q.height,
    text: q.question,
    camera: camera?.K ? { K: camera.K, world_to_camera: camera.world_to_camera ?? null } : null,
  };
}

function participantByToken(db: Db, token: string) {
  const p = db.select().from(participants).where(eq(participants.token, token)).get();
  if (!p) throw new AppError('NOT_FOUND', 'unknown or expired batch: open the invite link again');
  return p;
}

/** Starts a batch for a new contributor, or resumes theirs (by browser token, else by `?pid=`). */
export function startOrResume(db: Db, input: { token?: string; externalId?: string; batchSize?: number }) {
  return db.transaction(
    (tx) => {
      const db2 = tx as unknown as Db;
      if (input.token) {
        const p = db2.select().from(participants).where(eq(participants.token, input.token)).get();
        if (p) return { token: p.token };
      }
      if (input.externalId) {
        const p = db2.select().from(participants).where(eq(participants.externalId, input.externalId)).get();
        if (p) return { token: p.token };
      }
      const settings = getSettings(db2);
      const batchSize = input.batchSize ?? settings.batchSize;
      const id = randomUUID();
      const token = randomBytes(24).toString('base64url');
      db2.insert(participants).values({ id, token, externalId: input.externalId ?? null, batchSize }).run();
      const plan = planBatch(db2, id, settings, batchSize);
      if (plan.length === 0) throw new AppError('NOT_FOUND', 'there are no questions to answer yet');
      db2.insert(assignments)
        .values(plan.map((p, i) => ({ participantId: id, questionId: p.questionId, position: i, mode: p.mode, verifyResponseId: p.verifyResponseId ?? null })))
        .run();
      return { token };
    },
    { behavior: 'immediate' },
  );
}

/** Practice feedback: the score and the ground truth, for practice questions the contributor answered. */
function practiceFeedback(db: Db, a: AssignmentRow, q: QuestionRow) {
  if (a.mode !== 'practice' || a.status !== 'answered') return null;
  const r = db.select().from(responses).where(eq(responses.assignmentId, a.id)).get();
  const item = scorableItem(q);
  // The contributor's own answer comes back with it, to draw both side by side.
  return {
    scores: r?.scores ? decodeScores(r.scores) : null,
    yourAnswer: (r?.output ?? null) as Answer | null,
    groundTruth: item.gt,
  };
}

function shownAnswer(db: Db, a: AssignmentRow): Answer | null {
  if (a.mode !== 'verify' || !a.verifyResponseId) return null;
  const r = db.select().from(responses).where(eq(responses.id, a.verifyResponseId)).get();
  const q = r && db.select({ task: questions.task }).from(questions).where(eq(questions.id, r.questionId)).get();
  if (!r || !q) return null;
  const parsed = parseAnswer(q.task, r.output);
  return parsed.ok ? parsed.answer : null;
}

/** The contributor's batch, in order, with progress and (when finished) the completion code. */
export function getBatch(db: Db, token: string) {
  const p = participantByToken(db, token);
  const rows = db
    .select({ a: assignments, q: questions })
    .from(assignments)
    .innerJoin(questions, eq(questions.id, assignments.questionId))
    .where(eq(assignments.participantId, p.id))
    .orderBy(asc(assignments.position))
    .all();
  const items = rows.map(({ a, q }) => ({
    assignmentId: a.id,
    position: a.position,
    mode: a.mode,
    status: a.status,
    question: publicQuestion(q),
    shownAnswer: shownAnswer(db, a),
    feedback: practiceFeedback(db, a, q),
  }));
  const done = items.filter((i) => i.status !== 'open').length;
  let completionCode = p.completionCode;
  if (done === items.length && !completionCode) {
    completionCode = randomBytes(5).toString('hex').toUpperCase();
    db.update(participants).set({ completionCode }).where(eq(participants.id, p.id)).run();
  }
  return { participantId: p.id, externalId: p.externalId, items, done, total: items.length, completionCode };
}

function checkInImage(answer: Answer, q: QuestionRow): void {
  if (!('points' in answer)) return;
  answer.points.forEach(([x, y], i) => {
    if (!(x >= 0 && x <= q.width && y >= 0 && y <= q.height)) {
      throw new BadInputError(
        `${answer.task} answer for question ${q.id}: point ${i} (${x}, ${y}) lies outside the ${q.width}×${q.height} image`,
      );
    }
  });
}

export interface SubmitInput {
  token: string;
  assignmentId: number;
  /** Generated by the client once per answer, so a retried request stores one response. */
  responseId: string;
  timeMs: number;
  kind: 'answer' | 'verify' | 'skip';
  answer?: Answer;
  isCorrectVerdict?: boolean;
  skipReason?: string;
}

/** Stores one response for an open assignment (idempotent on `responseId`) and closes the assignment. */
export function submitResponse(db: Db, input: SubmitInput) {
  return db.transaction(
    (tx) => {
      const db2 = tx as unknown as Db;
      const p = participantByToken(db2, input.token);
      const a = db2
        .select()
        .from(assignments)
        .where(and(eq(assignments.id, input.assignmentId), eq(assignments.participantId, p.id)))
        .get();
      if (!a) throw new AppError('NOT_FOUND', `assignment ${input.assignmentId} is not in your batch`);
      const existing = db2.select().from(responses).where(eq(responses.id, input.responseId)).get();
      if (existing) {
        if (existing.assignmentId !== a.id) throw new AppError('CONFLICT', `response id ${input.responseId} is already used`);
        return { responseId: existing.id, status: a.status, isRetry: true };
      }
      if (a.status !== 'open') throw new AppError('CONFLICT', `question ${a.position + 1} is already ${a.status}`);
      const q = db2.select().from(questions).where(eq(questions.id, a.questionId)).get()!;
      const row = buildResponse(input, a, q, p.id);
      db2.insert(responses).values(row).run();
      const status = input.kind === 'skip' ? 'skipped' : 'answered';
      db2.update(assignments).set({ status }).where(eq(assignments.id, a.id)).run();
      return { responseId: row.id, status, isRetry: false };
    },
    { behavior: 'immediate' },
  );
}

function buildResponse(input: SubmitInput, a: AssignmentRow, q: QuestionRow, participantId: string) {
  const base = {
    id: input.responseId,
    questionId: q.id,
    source: 'Human',
    annotator: participantId,
    assignmentId: a.id,
    timeMs: Math.max(0, Math.min(Math.round(input.timeMs), 24 * 3600 * 1000)),
  };
  if (input.kind === 'skip') {
    const reason = input.skipReason?.trim();
    if (!reason) throw new BadInputError('a skip needs a reason');
    return { ...base, kind: 'skip' as const, skipReason: reason };
  }
  if (input.kind === 'verify') {
    if (a.mode !== 'verify') throw new BadInputError(`question ${a.position + 1} is not a verification`);
    if (input.isCorrectVerdict === undefined) throw new BadInputError('a verification needs a verdict');
  } else if (a.mode === 'verify') {
    throw new BadInputError(`question ${a.position + 1} asks for a verification, not an answer`);
  }
  const answer = input.answer;
  if (input.kind === 'answer' && !answer) throw new BadInputError('an answer is required');
  if (answer) {
    if (answer.task !== q.task) throw new BadInputError(`question ${q.id} is a ${q.task} question, got a ${answer.task} answer`);
    checkInImage(answer, q);
  }
  const scores = answer ? scoreParsed(scorableItem(q), answer) : null;
  return {
    ...base,
    kind: input.kind,
    output: answer ?? null,
    isCorrectVerdict: input.isCorrectVerdict ?? null,
    scores: scores ? encodeScores(scores) : null,
  };
}

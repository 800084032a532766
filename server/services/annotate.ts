/**
 * The contributor's side: start or resume a batch, see it, submit, skip and verify. Everything returned
 * here is built from an allow-list (`publicQuestion`): no ground truth, region, box3d, generated answer
 * (outside verify mode) or another contributor's response ever leaves through these functions.
 * Practice questions (never part of the benchmark) are the one place a ground truth is shown, after
 * the contributor has answered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parseAnswer, scoreParsed, type Answer } from '../../shared/tasks';
import { AppError, BadInputError } from '../../shared/errors';
import { defaultWorldToCamera, type WorldToCamera } from '../../shared/geometry/camera';
import { poseAdvice } from '../../shared/tasks/poseAdvice';
import type { Mat3 } from '../../shared/geometry/types';
import { HUMAN_SOURCE } from '../../shared/metrics/aggregate';
import { textForPeople } from '../../shared/questionText';
import { METRIC_VERSION, type Scores } from '../../shared/metrics/scores';
import type { Db, DbOrTx } from '../db/client';
import { assignments, participants, responses, type questions } from '../db/schema';
import { addLoad, bindQuestion, BIND_AHEAD, expireHolds, hasExpiredHold, OPEN_HOLD_MS, planBatch } from './assignment';
import { planLabelBatch } from './labelCampaign';
import { firstAnswerScore } from './secondOpinion';
import { decodeScores, encodeScores, scorableFromText, type scorableItem } from './scoring';
import { imageUrl } from './images';
import { getSettings } from './settings';
import { flushSubmitted, type SubmittedAnswer } from './tableSums';
import { batchQueries, type BatchRow } from './batchQueries';
import { submitQueries, type SubmitAssignment, type SubmitQueries, type SubmitQuestion, type SubmitRow } from './submitQueries';

type QuestionRow = typeof questions.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;

/**
 * The camera goes only to tasks whose tool uses it: the pose tool places a box with `K` and the table
 * frame (`world_to_camera`); every other tool draws in image pixels, so for them the camera pose would
 * only be extra information about the scene.
 */
const TASKS_USING_CAMERA: ReadonlySet<QuestionRow['task']> = new Set(['pose']);

/**
 * What a contributor may see of a question. `camera` carries intrinsics and the table frame only.
 * `objectSizeMm` is the pose object's edge lengths (its model's box, the same in every image — what a
 * person knows of how big a can is); its pose and position stay on the server.
 */
function publicQuestion(q: Pick<QuestionRow, 'task' | 'imageKey' | 'width' | 'height' | 'question' | 'item'>) {
  const item = q.item as { camera?: { K?: Mat3; world_to_camera?: WorldToCamera }; box3d?: { size?: number[] } };
  const camera = TASKS_USING_CAMERA.has(q.task) ? item.camera : undefined;
  const size = q.task === 'pose' ? item.box3d?.size : undefined;
  // No question id and no image path: both would point to the published labels of the source data.
  return {
    task: q.task,
    imageUrl: imageUrl(q.imageKey),
    width: q.width,
    height: q.height,
    // The text for people, never the model prompt with its answer-format instructions.
    text: textForPeople({ question: q.question, question_human: (q.item as { question_human?: string }).question_human }),
    camera: camera?.K ? { K: camera.K, world_to_camera: camera.world_to_camera ?? null } : null,
    objectSizeMm: size?.length === 3 ? ([size[0], size[1], size[2]] as [number, number, number]) : null,
  };
}

function found<P>(p: P | undefined): P {
  if (!p) throw new AppError('NOT_FOUND', 'unknown or expired batch: open the invite link again');
  return p;
}

/**
 * Batches one platform id (`?pid`) may start. A platform id is a claim, not a credential: anyone may
 * type someone else's, so the first browser to use it must not shut its owner out. Each browser with
 * that id gets its own batch (and code), up to this many; questions one of them had are never given
 * to another batch of the same id. The researcher sees every batch of a pid in the export.
 */
export const MAX_BATCHES_PER_EXTERNAL_ID = 3;

export interface StartInput {
  token?: string;
  externalId?: string;
  batchSize?: number;
  /** `labels`: the separate label-verification campaign (its own link, off unless an admin opens it). */
  campaign?: 'baseline' | 'labels';
  /** This browser's batch tokens of the other campaign. */
  priorTokens?: string[];
}

/**
 * Starts a batch for a new contributor, or resumes theirs by the token their browser keeps. A token
 * whose batch belongs to another `?pid` is ignored (a second person on a shared browser starts their
 * own). A `?pid` alone never resumes a batch: knowing someone's platform id must not hand over their
 * answers or their completion code. `beforeNewBatch` (the per-address limit) runs only when a new
 * batch is about to be made, after the input was validated: a resume or a refused start costs nothing.
 */
export async function startOrResume(db: Db, input: StartInput, beforeNewBatch: () => Promise<void> = async () => {}) {
  const campaign = input.campaign ?? 'baseline';
  const resumed = resumable(db, input, campaign);
  if (resumed) return resumed;
  await beforeNewBatch();
  return db.transaction(
    (tx) => {
      const again = resumable(tx, input, campaign);
      if (again) return again;
      if (input.externalId) {
        const n = tx
          .select({ n: sql<number>`count(*)` })
          .from(participants)
          .where(and(eq(participants.externalId, input.externalId), eq(participants.campaign, campaign)))
          .get()!.n;
        if (n >= MAX_BATCHES_PER_EXTERNAL_ID) {
          throw new AppError('CONFLICT', `this participant id already has ${n} batches: continue in the browser where you started`);
        }
      }
      const settings = getSettings(tx);
      if (campaign === 'labels' && settings.labelCampaign !== 1) {
        throw new AppError('NOT_FOUND', 'the label-verification campaign is not open');
      }
      const batchSize = input.batchSize ?? settings.batchSize;
      const id = randomUUID();
      const token = randomBytes(24).toString('base64url');
      // This browser's label-campaign batch: the questions it verified are never bound to this batch
      // to answer (assignment.ts questionsOfPerson; the same platform id is matched there too).
      const labelsParticipantId = campaign === 'baseline' ? labelBatchOf(tx, [input.token, ...(input.priorTokens ?? [])]) : null;
      tx.insert(participants).values({ id, token, externalId: input.externalId ?? null, batchSize, campaign, labelsParticipantId }).run();
      const plan = campaign === 'labels' ? planLabelBatch(tx, id, batchSize) : planBatch(tx, id, settings, batchSize);
      if (plan.length === 0) throw new AppError('NOT_FOUND', 'there are no questions to answer yet');
      const boundAt = new Date();
      tx.insert(assignments)
        .values(
          plan.map((p, i) => ({
            participantId: id,
            questionId: p.questionId ?? null,
            task: p.task,
            position: i,
            mode: p.mode,
            verifyResponseId: p.verifyResponseId ?? null,
            boundAt: p.questionId ? boundAt : null,
          })),
        )
        .run();
      return { token };
    },
    { behavior: 'immediate' },
  );
}

function resumable(db: DbOrTx, input: StartInput, campaign: 'baseline' | 'labels'): { token: string } | null {
  if (!input.token) return null;
  const p = db
    .select({ token: participants.token, externalId: participants.externalId, campaign: participants.campaign })
    .from(participants)
    .where(eq(participants.token, input.token))
    .get();
  return p && p.campaign === campaign && (!input.externalId || p.externalId === input.externalId) ? { token: p.token } : null;
}

/** The label-campaign batch among this browser's tokens, if any. */
function labelBatchOf(db: DbOrTx, tokens: (string | undefined)[]): string | null {
  const known = tokens.filter((t): t is string => !!t);
  if (known.length === 0) return null;
  const p = db
    .select({ id: participants.id })
    .from(participants)
    .where(and(inArray(participants.token, known), eq(participants.campaign, 'labels')))
    .get();
  return p?.id ?? null;
}

/** Practice feedback: the score and the ground truth, for practice questions the contributor answered. */
function practiceFeedback(db: Db, a: Pick<AssignmentRow, 'id' | 'mode' | 'status'>, q: BatchRow['q']) {
  if (a.mode !== 'practice' || a.status !== 'answered') return null;
  // SEES_STAGED: the contributor's own response, found by its assignment (imports have none).
  const r = db.select().from(responses).where(eq(responses.assignmentId, a.id)).get();
  const item = scorableFromText(q.id, q.width, q.height, q.itemText);
  const yourAnswer = (r?.output ?? null) as Answer | null;
  // The contributor's own answer comes back with it, to draw both side by side.
  return {
    scores: r?.scores ? decodeScores(r.scores) : null,
    yourAnswer,
    groundTruth: item.gt,
    advice: adviceFor(q, item, yourAnswer),
  };
}

/** Pose practice: what is off in words (too tall, too far, turned by N°), when the item has a 3D box. */
function adviceFor(q: Pick<QuestionRow, 'task' | 'item'>, item: ReturnType<typeof scorableItem>, answer: Answer | null): string[] {
  if (q.task !== 'pose' || !answer || !('points' in answer) || !item.box3d || !item.camera?.K) return [];
  const w2c = (q.item as { camera?: { world_to_camera?: WorldToCamera } }).camera?.world_to_camera ?? defaultWorldToCamera();
  return poseAdvice(item.camera.K as Mat3, w2c, answer.points, item.box3d);
}

/**
 * Verify mode only: the model's answer under review, or — in the label-verification campaign only —
 * the label itself. A baseline batch never shows a label, even from an assignment planned before.
 */
function shownAnswer(db: Db, a: Pick<AssignmentRow, 'mode' | 'verifyResponseId'>, q: BatchRow['q'], campaign: 'baseline' | 'labels'): Answer | null {
  if (a.mode !== 'verify') return null;
  if (!a.verifyResponseId) return campaign === 'labels' ? scorableFromText(q.id, q.width, q.height, q.itemText).gt : null;
  // SEES_STAGED: the response the assignment was planned on, picked among the visible ones.
  const r = db.select().from(responses).where(eq(responses.id, a.verifyResponseId)).get();
  if (!r) return null;
  const parsed = parseAnswer(q.task, r.output);
  return parsed.ok ? parsed.answer : null;
}

/**
 * Binds questions to the contributor's next open answer positions — the one they are at and
 * BIND_AHEAD after it — and first gives back the slots whose hold ran out (theirs, and a few of
 * anyone's). A position with no question left for this contributor is dropped from the batch.
 *
 * Late answers (the rule): an answer-mode question left open for OPEN_HOLD_MS after it was bound is
 * given back to the pool and its item marked `expired`: an answer sent after that is refused, since
 * the slot may already be someone else's and the question would get an answer more than planned. An
 * expired item counts as not answered for the completion code.
 */
function bindReached(db: Db, participantId: string, now: number): void {
  // The next open answer positions: the one reached and BIND_AHEAD after it; the first unbound of them.
  const nextUnbound = () =>
    batchQueries(db)
      .nextOpen(participantId, BIND_AHEAD + 1)
      .find((a) => a.questionId === null);
  // A reading of the batch with nothing to bind and no hold of its own run out takes no write lock
  // (a page refetches its batch on focus and after each answer). Only this contributor's requests bind
  // its positions, so the answer cannot change before the transaction below.
  if (!nextUnbound() && !hasExpiredHold(db, participantId, now)) return;
  // Plain better-sqlite3 transaction: the drizzle calls on `db` inside it run on its connection, and
  // the picking statements (assignment.ts) are prepared on that connection once.
  db.$client
    .transaction(() => {
      let isChanged = expireHolds(db, now, participantId) > 0;
      expireHolds(db, now);
      const settings = getSettings(db);
      for (let guard = 0; guard < 50; guard++) {
        const next = nextUnbound();
        if (!next) break;
        const q = bindQuestion(db, participantId, next.task ?? 'spatial', settings);
        if (q) {
          batchQueries(db).bind(next.id, q.id, q.task, now);
          addLoad(db, q.id, 1);
        } else {
          db.delete(assignments).where(eq(assignments.id, next.id)).run();
          isChanged = true;
        }
      }
      if (isChanged) issueCompletionCode(db, participantId);
    })
    .immediate();
}

/**
 * The contributor's batch: the items reached so far (bound), in order, with progress over the whole
 * plan and (when finished) the completion code. Items not reached yet are only counted.
 */
export function getBatch(db: Db, token: string, now = Date.now()) {
  const b = batchQueries(db);
  const participantId = found(submitQueries(db).participantIdByToken(token));
  bindReached(db, participantId, now);
  const p = b.participant(participantId)!;
  const items = b.rows(participantId).map(({ a, q }) => ({
    assignmentId: a.id,
    position: a.position,
    mode: a.mode,
    status: a.status,
    question: publicQuestion(q),
    shownAnswer: shownAnswer(db, a, q, p.campaign),
    feedback: practiceFeedback(db, a, q),
  }));
  const counts = b.counts(participantId);
  const isFinished = counts.done === counts.total;
  return { externalId: p.externalId, items, done: counts.done, total: counts.total, isFinished, completionCode: p.completionCode };
}

function checkInImage(answer: Answer, q: { width: number; height: number }): void {
  if (!('points' in answer)) return;
  answer.points.forEach(([x, y], i) => {
    if (!(x >= 0 && x <= q.width && y >= 0 && y <= q.height)) {
      throw new BadInputError(
        `${answer.task} answer: point ${i} (${x}, ${y}) lies outside the ${q.width}×${q.height} image`,
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

export interface SubmitResult {
  responseId: string;
  status: string;
  isRetry: boolean;
}

/** What a submit did inside its transaction; `answer` is what the table's sums take from it (tableSums.ts). */
export type SubmitOutcome = { result: SubmitResult; answer?: SubmittedAnswer } | { expiredPosition: number };

/**
 * Stores one response for an open assignment (idempotent on `responseId`) and closes the assignment,
 * in its own immediate transaction with the table's sums of its question. (The server groups
 * concurrent submits into one transaction instead: submitGroup.ts.)
 */
export function submitResponse(db: Db, input: SubmitInput, now = Date.now()): SubmitResult {
  const client = db.$client;
  const outcome = client
    .transaction(() => {
      const o = submitInTransaction(db, input, now);
      // The table moves in the same transaction (this question's sums): a page view never sees it stale.
      if ('result' in o && !o.result.isRetry) flushSubmitted(client, o.answer ? [o.answer] : []);
      return o;
    })
    .immediate();
  return settleSubmit(outcome);
}

/**
 * A submit's reads and writes, inside the caller's transaction, with plain prepared statements
 * (submitQueries.ts): this runs for every item of every contributor. The caller moves the table
 * (`flushSubmitted`, with the outcome's `answer`) before it commits, then settles the outcome.
 */
export function submitInTransaction(db: Db, input: SubmitInput, now: number): SubmitOutcome {
  const s = submitQueries(db);
  const a = s.targetOf(input.token, input.assignmentId);
  if (!a) {
    found(s.participantIdByToken(input.token));
    throw new AppError('NOT_FOUND', `item ${input.assignmentId} is not in your batch`);
  }
  const participantId = a.participantId;
  const existing = s.responseById(input.responseId);
  if (existing) {
    if (existing.assignmentId !== a.id) throw new AppError('CONFLICT', `response id ${input.responseId} is already used`);
    return { result: { responseId: existing.id, status: a.status, isRetry: true } };
  }
  if (a.questionId === null) {
    throw new AppError('CONFLICT', `item ${a.position + 1} of your batch is not open yet: answer the items before it first`);
  }
  if (a.status === 'open' && a.mode === 'answer' && a.boundAt !== null && a.boundAt <= now - OPEN_HOLD_MS) {
    expireHolds(db, now, participantId);
    issueCompletionCode(db, participantId, s);
    return { expiredPosition: a.position };
  }
  if (a.status === 'expired') return { expiredPosition: a.position };
  if (a.status !== 'open') throw new AppError('CONFLICT', `item ${a.position + 1} of your batch is already ${a.status}`);
  // A bound item whose question row is gone: a broken database, not the contributor's mistake.
  const q = a.question;
  if (!q) throw new Error(`stored question ${a.questionId} of item ${a.id} is missing`);
  const { row, scores } = buildResponse(input, a, q, participantId);
  // Whether the table's sums of this pair were current before this answer (tableSums.ts flushSubmitted).
  const wasDirty = s.isDirty(row.source, row.questionId);
  s.insertResponse(row);
  // The first crowd answer's agreement with the label can order second answers (secondOpinion.ts).
  if (a.mode === 'answer' && scores && q.firstAnswerScore > 1) s.noteFirstAnswer(q.id, firstAnswerScore(q.task, scores, q.width, q.height));
  const status = input.kind === 'skip' ? 'skipped' : 'answered';
  s.setStatus(a.id, status);
  // An answer keeps the slot its question held; a skip gives it back.
  if (a.mode === 'answer' && status === 'skipped') s.addLoad(q.id, -1);
  issueCompletionCode(db, participantId, s);
  const result = { responseId: row.id, status, isRetry: false };
  // Only a scored answer can count in the table (a skip or a verification never does: triggers.ts).
  if (row.kind !== 'answer' || row.scores === null) return { result };
  return { result, answer: { source: row.source, questionId: row.questionId, task: q.task, responseId: row.id, scores: row.scores, wasDirty } };
}

/** The reply to a committed submit: its result, or the refusal of an answer that came after its hold. */
export function settleSubmit(outcome: SubmitOutcome): SubmitResult {
  // Thrown after the commit, so the item stays marked expired.
  if ('expiredPosition' in outcome) {
    throw new AppError(
      'CONFLICT',
      `item ${outcome.expiredPosition + 1} of your batch was given back after ${OPEN_HOLD_MS / 3600_000} hours without an answer, so this answer was not kept`,
    );
  }
  return outcome.result;
}

/**
 * When the last question of a batch closes, the contributor gets a completion code, provided they
 * answered (not skipped) at least half of the counted questions: skipping everything earns none.
 */
function issueCompletionCode(db: DbOrTx, participantId: string, s?: SubmitQueries): void {
  // Most submits leave items open: one index probe says so, before the batch's statuses are read.
  if (s?.hasOpenItem(participantId)) return;
  const rows = s
    ? s.statusesOf(participantId)
    : db.select({ mode: assignments.mode, status: assignments.status }).from(assignments).where(eq(assignments.participantId, participantId)).all();
  if (rows.some((r) => r.status === 'open')) return;
  const counted = rows.filter((r) => r.mode !== 'practice');
  if (counted.filter((r) => r.status === 'answered').length * 2 < counted.length) return;
  const completionCode = randomBytes(5).toString('hex').toUpperCase();
  if (s) s.setCompletionCode(participantId, completionCode);
  else db.update(participants).set({ completionCode }).where(eq(participants.id, participantId)).run();
}

function buildResponse(input: SubmitInput, a: SubmitAssignment, q: SubmitQuestion, participantId: string): { row: SubmitRow; scores: Scores | null } {
  const base = {
    id: input.responseId,
    questionId: q.id,
    source: HUMAN_SOURCE,
    annotator: participantId,
    assignmentId: a.id,
    timeMs: Math.max(0, Math.min(Math.round(input.timeMs), 24 * 3600 * 1000)),
    isCorrectVerdict: null,
    output: null,
    skipReason: null,
    scores: null,
    metricVersion: null,
  };
  if (input.kind === 'skip') {
    const reason = input.skipReason?.trim();
    if (!reason) throw new BadInputError('a skip needs a reason');
    return { row: { ...base, kind: 'skip', skipReason: reason }, scores: null };
  }
  if (input.kind === 'verify') {
    if (a.mode !== 'verify') throw new BadInputError(`item ${a.position + 1} of your batch is not a verification`);
    if (input.isCorrectVerdict === undefined) throw new BadInputError('a verification needs a verdict');
  } else if (a.mode === 'verify') {
    throw new BadInputError(`item ${a.position + 1} of your batch asks for a verification, not an answer`);
  }
  const answer = input.answer;
  if (input.kind === 'answer' && !answer) throw new BadInputError('an answer is required');
  if (answer) {
    if (answer.task !== q.task) throw new BadInputError(`this is a ${q.task} question, got a ${answer.task} answer`);
    checkInImage(answer, q);
  }
  const scores = answer ? scoreParsed(scorableFromText(q.id, q.width, q.height, q.itemText), answer) : null;
  const row: SubmitRow = {
    ...base,
    kind: input.kind,
    output: answer ? JSON.stringify(answer) : null,
    isCorrectVerdict: input.isCorrectVerdict ?? null,
    scores: scores ? JSON.stringify(encodeScores(scores)) : null,
    metricVersion: scores ? METRIC_VERSION : null,
  };
  return { row, scores };
}

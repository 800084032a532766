/**
 * What the contributor's procedures accept and return. The output schemas are the allow-list: tRPC
 * parses every reply through them and zod objects drop keys they do not list, so a field added to a
 * service's return value reaches a contributor only once it is named here (documenso's `.types.ts`).
 */
import { z } from 'zod';
import { answerSchema, taskSchema } from '../../shared/tasks';

const token = z.string().min(16).max(64);
const responseId = z.string().uuid();
/** Time on the question as measured by the page; a day is far beyond any real question. */
const timeMs = z.number().finite().min(0).max(24 * 3600 * 1000);
const assignmentId = z.number().int();

export const startInput = z.object({
  token: token.optional(),
  externalId: z.string().trim().min(1).max(128).optional(),
  batchSize: z.number().int().min(10).max(25).optional(),
  /** `labels`: the separate label-verification campaign (its own link; off unless an admin opens it). */
  campaign: z.enum(['baseline', 'labels']).optional(),
  /** Tokens of this browser's batches in the other campaign: never given to answer what they verified. */
  priorTokens: z.array(token).max(10).optional(),
});
export const batchInput = z.object({ token });
export const submitInput = z.object({ token, assignmentId, responseId, timeMs, answer: answerSchema });
export const verifyInput = z
  .object({ token, assignmentId, responseId, timeMs, isCorrect: z.boolean(), correction: answerSchema.optional() })
  .refine((v) => !(v.isCorrect && v.correction), { message: 'a correction only goes with isCorrect: false', path: ['correction'] });
export const skipInput = z.object({ token, assignmentId, responseId, timeMs, reason: z.string().trim().min(1).max(500) });

export const startOutput = z.object({ token: z.string() });

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const mat3 = z.array(z.array(z.number()));
/** A metric value: ∞ is a score too (NCE, distance of an unreadable answer); zod's number() refuses it. */
const metric = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), 'a number');
const scoresSchema = z.object({
  valid: z.boolean(),
  iou3d: metric.nullable().optional(),
  iou2d: metric.optional(),
  nce: metric.optional(),
  success: metric.optional(),
  dist: metric.optional(),
  recall: metric.optional(),
  precision: metric.optional(),
  correct: metric.optional(),
});

/** A question as a contributor sees it: no id, no image path, no truth, no region, no box. */
const publicQuestionSchema = z.object({
  task: taskSchema,
  imageUrl: z.string(),
  width: z.number(),
  height: z.number(),
  text: z.string(),
  /** Intrinsics and the table frame only (the pose tool's 3D gizmo needs them). */
  camera: z.object({ K: mat3, world_to_camera: z.object({ R: mat3, t: vec3 }).nullable() }).nullable(),
  /** Pose only: the object's box size in mm (a property of the object, never its pose), else null. */
  objectSizeMm: vec3.nullable().optional(),
});

const batchItemSchema = z.object({
  assignmentId,
  position: z.number().int(),
  mode: z.enum(['answer', 'verify', 'practice']),
  status: z.enum(['open', 'answered', 'skipped', 'expired']),
  question: publicQuestionSchema,
  /** Verify mode only: the answer under review. */
  shownAnswer: answerSchema.nullable(),
  /** Practice questions only, once answered: the score, the contributor's own answer and the truth. */
  feedback: z
    .object({
      scores: scoresSchema.nullable(),
      yourAnswer: answerSchema.nullable(),
      groundTruth: answerSchema,
      /** Pose practice: what is off, in words (too tall, too far, turned by about N°). */
      advice: z.array(z.string()),
    })
    .nullable(),
});

export const batchOutput = z.object({
  externalId: z.string().nullable(),
  items: z.array(batchItemSchema),
  done: z.number().int(),
  total: z.number().int(),
  isFinished: z.boolean(),
  completionCode: z.string().nullable(),
});

export const submitOutput = z.object({ responseId: z.string(), status: z.string(), isRetry: z.boolean() });

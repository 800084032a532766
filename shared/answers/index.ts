/**
 * The answer model: the six tasks, their answer shapes (zod, the single source of truth for client,
 * server and CLI), a parser from any raw form and the paper's canonical text form back.
 */
import { z } from 'zod';
import { formatBinary, parseBinary } from './binary';
import { formatCuboid, parseCuboid, poseAnswerSchema } from './cuboid';
import { formatGrasp, graspAnswerSchema, parseGrasp } from './grasp';
import { formatMarkers, parseMarkers, rearrangementAnswerSchema } from './point';
import { formatPolyline, parsePolyline, trajectoryAnswerSchema } from './polyline';
import type { Vec2 } from '../geometry/types';

export { poseAnswerSchema, type PoseAnswer } from './cuboid';
export { graspAnswerSchema, type GraspAnswer, GRASP_LABELS } from './grasp';
export { trajectoryAnswerSchema, type TrajectoryAnswer } from './polyline';
export { rearrangementAnswerSchema, type RearrangementAnswer } from './point';
export { binaryAnswerSchema, type BinaryAnswer } from './binary';
export { pointSchema } from './points';

export const TASKS = ['pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth'] as const;
export type Task = (typeof TASKS)[number];
export const taskSchema = z.enum(TASKS);

export type Answer =
  | { task: 'pose'; points: Vec2[] }
  | { task: 'grasp'; points: Vec2[] }
  | { task: 'trajectory'; points: Vec2[] }
  | { task: 'rearrangement'; points: Vec2[] }
  | { task: 'spatial' | 'depth'; value: boolean };

const spatialAnswerSchema = z.object({ task: z.literal('spatial'), value: z.boolean() });
const depthAnswerSchema = z.object({ task: z.literal('depth'), value: z.boolean() });

/** Any answer, discriminated on `task`; points must be finite and of the task's count. */
export const answerSchema = z.discriminatedUnion('task', [
  poseAnswerSchema,
  graspAnswerSchema,
  trajectoryAnswerSchema,
  rearrangementAnswerSchema,
  spatialAnswerSchema,
  depthAnswerSchema,
]);
// Compile-time check that the schema and the hand-written union agree.
type SchemaAnswer = z.infer<typeof answerSchema>;
const schemaMatches: (a: SchemaAnswer) => Answer = (a) => a;
const unionMatches: (a: Answer) => SchemaAnswer = (a) => a;
void schemaMatches;
void unionMatches;

export type ParseResult = { ok: true; answer: Answer } | { ok: false; reason: string };

/**
 * Reads a raw answer for `task`: a model's text in any form METRICS.md and the paper use (or JSON,
 * fenced or not, or a bare point list), a points array, a boolean, or "Yes"/"No". Coordinates are image
 * pixels and are not range-checked. Text is read after NFKC normalisation (`normalizeText`). Never throws: an unreadable answer gives `{ ok: false, reason }`.
 */
export function parseAnswer(task: Task, input: unknown): ParseResult {
  try {
    const raw = typeof input === 'string' ? normalizeText(input) : input;
    switch (task) {
      case 'pose':
        return parseCuboid(raw);
      case 'grasp':
        return parseGrasp(raw);
      case 'trajectory':
        return parsePolyline(raw);
      case 'rearrangement':
        return parseMarkers(raw);
      case 'spatial':
      case 'depth':
        return parseBinary(task, raw);
      default: {
        const never: never = task;
        return { ok: false, reason: `unknown task '${String(never)}'` };
      }
    }
  } catch (err) {
    // Parsers are written not to throw; this guards the "never throws" contract against exotic inputs
    // (getters, proxies) rather than hiding bugs, so the reason keeps the message.
    return { ok: false, reason: `unreadable answer: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * NFKC, so that full-width and other compatibility forms models write (`Ｙｅｓ`, `［６７７，３４９］`,
 * `ｌｅｆｔ`) read as their ASCII letters and digits; ASCII text (the usual case) is returned as is.
 */
export function normalizeText(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return text.normalize('NFKC');
  return text;
}

/** The paper's canonical text form of an answer; `parseAnswer(a.task, formatAnswer(a))` gives `a` back. */
export function formatAnswer(answer: Answer): string {
  switch (answer.task) {
    case 'pose':
      return formatCuboid(answer);
    case 'grasp':
      return formatGrasp(answer);
    case 'trajectory':
      return formatPolyline(answer);
    case 'rearrangement':
      return formatMarkers(answer);
    case 'spatial':
    case 'depth':
      return formatBinary(answer);
    default: {
      const never: never = answer;
      return String(never);
    }
  }
}

/**
 * The typed map of tasks: the one place that knows every task (STYLE.md "Architecture"). Each entry is
 * a task module holding its answer schema, parser, canonical formatter, metric, table columns and the
 * text people read; everything else asks the map. A task missing here, or a spec that answers in
 * another task's shape, is a compile error — and so is every `Record<Task, …>` in the code (the
 * client's tool registry, the database enum) that lacks it.
 */
import { z } from 'zod';
import type { ItemGeometry, Scores } from '../metrics/scores';
import { depthTask } from './depth';
import { graspTask } from './grasp';
import { poseTask } from './pose';
import { rearrangementTask } from './rearrangement';
import { spatialTask } from './spatial';
import { trajectoryTask } from './trajectory';
import type { TaskSpec } from './types';

/** In data files', batches' and the home page's order. */
const BY_TASK = {
  pose: poseTask,
  grasp: graspTask,
  trajectory: trajectoryTask,
  rearrangement: rearrangementTask,
  spatial: spatialTask,
  depth: depthTask,
};

export type Task = keyof typeof BY_TASK;
/** Every task, in the map's order. */
export const TASKS = Object.keys(BY_TASK) as [Task, ...Task[]];
export const taskSchema = z.enum(TASKS);

/** Any answer, discriminated on `task`; points must be finite and of the task's count. */
export const answerSchema = z.discriminatedUnion('task', [
  poseTask.answerSchema,
  graspTask.answerSchema,
  trajectoryTask.answerSchema,
  rearrangementTask.answerSchema,
  spatialTask.answerSchema,
  depthTask.answerSchema,
]);
export type Answer = z.infer<typeof answerSchema>;
/** The answer shape of one task. */
export type AnswerOf<T extends Task> = Extract<Answer, { task: T }>;

/** Each task's spec, typed so that it answers in its own task's shape (never `TaskSpec<Answer>`). */
export const TASK_SPECS: { readonly [T in Task]: TaskSpec<AnswerOf<T>> } = BY_TASK;

/** The benchmark table's columns in the paper's order (Pose, Trajectory, Grasp, Spatial, Depth, Rearr.). */
export const TABLE_COLUMNS = [
  ...poseTask.columns,
  ...trajectoryTask.columns,
  ...graspTask.columns,
  ...spatialTask.columns,
  ...depthTask.columns,
  ...rearrangementTask.columns,
] as const;
export type TableColumnKey = (typeof TABLE_COLUMNS)[number]['key'];

export type ParseResult = { ok: true; answer: Answer } | { ok: false; reason: string };

/** One task's spec with its answer type widened, for code that holds an `Answer` of any task. */
const specOf = (task: Task): TaskSpec<Answer> => TASK_SPECS[task] as TaskSpec<Answer>;

/**
 * Reads a raw answer for `task`: a model's text in any form METRICS.md and the paper use (or JSON,
 * fenced or not, or a bare point list), a points array, a boolean, or "Yes"/"No". Coordinates are image
 * pixels and are not range-checked. Text is read after NFKC normalisation (`normalizeText`). Never throws:
 * an unreadable answer gives `{ ok: false, reason }`.
 */
export function parseAnswer(task: Task, input: unknown): ParseResult {
  const spec = TASK_SPECS[task] as TaskSpec<Answer> | undefined;
  if (!spec) return { ok: false, reason: `unknown task '${String(task)}'` };
  try {
    return spec.parse(typeof input === 'string' ? normalizeText(input) : input);
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
  return specOf(answer.task).format(answer);
}

/** What scoring needs from a dataset item; sizes in pixels, box in the camera frame (mm). */
export type ScorableItem = ItemGeometry & { task: Task; gt: Answer; alternatives: Answer[] };

/**
 * Scores an already-parsed answer (null = invalid, which scores as the worst case of METRICS.md:
 * IoU 0, not successful, recall/precision 0, incorrect, NCE and distance ∞). An answer of another
 * task than the item's is treated as invalid. Never throws.
 */
export function scoreParsed(item: ScorableItem, answer: Answer | null): Scores {
  return specOf(item.task).score(item, answer && answer.task === item.task ? answer : null);
}

/** Parses `raw` (model text, points, boolean) with `parseAnswer` and scores it. Never throws. */
export function scoreAnswer(item: ScorableItem, raw: unknown): Scores {
  const parsed = parseAnswer(item.task, raw);
  return scoreParsed(item, parsed.ok ? parsed.answer : null);
}

/**
 * One line of a FORMAT.md dataset file (JSON Lines): the schema, and a line parser whose errors name the
 * line, the field path and the reason, so an import can refuse a file with a precise message.
 */
import { z } from 'zod';
import { parseAnswer, taskSchema, type Answer } from './tasks';
import type { Box3d, Mat3, Vec2, Vec3 } from './geometry/types';
import type { ScorableItem } from './tasks';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isVec = (n: number) => (v: unknown) => Array.isArray(v) && v.length === n && v.every(finite);
const isMat3 = (v: unknown): v is Mat3 => Array.isArray(v) && v.length === 3 && v.every(isVec(3));

const mat3Schema = z.custom<Mat3>(isMat3, { error: 'expected 3×3 matrix of finite numbers' });
const vec3Schema = z.custom<Vec3>(isVec(3), { error: 'expected [x, y, z] of finite numbers' });
const polygonSchema = z.custom<Vec2[]>((v) => Array.isArray(v) && v.length >= 3 && v.every(isVec(2)), {
  error: 'expected a polygon of at least 3 [x, y] points',
});
const rawAnswerSchema = z.union([z.string(), z.boolean(), z.array(z.unknown())], {
  error: 'expected answer text, a points array or a boolean',
});

/** Relative path with forward or back slashes, no `..` segment, not absolute, no drive letter. */
function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || /^[\\/]/.test(p) || /^[a-zA-Z]:/.test(p)) return false;
  return !p.split(/[\\/]/).includes('..');
}

export const datasetItemSchema = z.strictObject({
  id: z.string().min(1, { error: 'expected a non-empty string' }),
  task: taskSchema,
  image: z.string().refine(isSafeRelativePath, { error: "expected a relative path without '..'" }),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  question: z.string(),
  question_human: z.string().min(1, { error: 'expected a non-empty string' }).optional(),
  answer: rawAnswerSchema,
  alternatives: z.array(rawAnswerSchema).optional(),
  camera: z
    .strictObject({
      K: mat3Schema.optional(),
      world_to_camera: z.strictObject({ R: mat3Schema, t: vec3Schema }).optional(),
    })
    .optional(),
  box3d: z
    .strictObject({
      center: vec3Schema,
      size: vec3Schema.refine((s) => s.every((x) => x > 0), { error: 'expected positive sizes' }),
      rotation: mat3Schema,
    })
    .optional(),
  source_region: polygonSchema.optional(),
  target_region: polygonSchema.optional(),
  regions: z.array(polygonSchema).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type DatasetItem = z.infer<typeof datasetItemSchema> & { box3d?: Box3d };

/** `["camera", "K", 0]` → `camera.K[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out || '(line)';
}

export type DatasetLineResult =
  | { ok: true; item: DatasetItem; gt: Answer; alternatives: Answer[] }
  | { ok: false; error: string };

/**
 * Parses and checks one dataset line (`lineNo` is 1-based, used only in messages). Beyond the schema it
 * requires the answer and every alternative to be readable for the task, and `regions` (if given) to
 * have one polygon per ground-truth marker. Never throws; errors read
 * "line 12, field camera.K: expected 3×3 matrix of finite numbers".
 */
export function parseDatasetLine(line: string, lineNo: number): DatasetLineResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, error: `line ${lineNo}: not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = datasetItemSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `line ${lineNo}, field ${formatPath(issue.path)}: ${issue.message}` };
  }
  const item = parsed.data as DatasetItem;
  const fail = (field: string, reason: string) => ({ ok: false as const, error: `line ${lineNo}, field ${field}: ${reason}` });
  const gt = parseAnswer(item.task, item.answer);
  if (!gt.ok) return fail('answer', `${gt.reason} (for a ${item.task} question)`);
  const alternatives: Answer[] = [];
  for (const [i, raw] of (item.alternatives ?? []).entries()) {
    const alt = parseAnswer(item.task, raw);
    if (!alt.ok) return fail(`alternatives[${i}]`, alt.reason);
    alternatives.push(alt.answer);
  }
  if (item.regions && 'points' in gt.answer && item.regions.length !== gt.answer.points.length) {
    return fail('regions', `expected ${gt.answer.points.length} polygons (one per marker), got ${item.regions.length}`);
  }
  if ((item.width === undefined) !== (item.height === undefined)) {
    return fail(item.width === undefined ? 'width' : 'height', 'width and height go together');
  }
  return { ok: true, item, gt: gt.answer, alternatives };
}

/**
 * The ground truth of a parsed dataset line in the metric code's form. `width` and `height` are the
 * image size in pixels (the line's own, or read from the image when it omits them); they are taken as
 * given, so a caller passes positive integers. Fields the metrics do not read (question, meta, image,
 * camera.world_to_camera kept as is) are left out or passed through unchanged.
 */
export function toScorableItem(
  parsed: Extract<DatasetLineResult, { ok: true }>,
  width: number,
  height: number,
): ScorableItem {
  const { item } = parsed;
  return {
    task: item.task,
    width,
    height,
    gt: parsed.gt,
    alternatives: parsed.alternatives,
    camera: item.camera,
    box3d: item.box3d,
    source_region: item.source_region,
    target_region: item.target_region,
    regions: item.regions,
  };
}

/**
 * zod schemas for the BOP files the pipeline reads, and the parse helper that turns a failure into a
 * BadInputError naming the file and the field (for example "scene_gt.json: field "3"[1].cam_t_m2c: ...").
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadInputError } from '../../shared/errors';

const finite = z.number().finite();
const vec = (n: number) => z.array(finite).length(n);

export const sceneCameraSchema = z.record(z.string().regex(/^\d+$/), z.object({
  cam_K: vec(9),
  depth_scale: finite.positive().optional(),
  cam_R_w2c: vec(9).optional(),
  cam_t_w2c: vec(3).optional(),
}));

export const sceneGtSchema = z.record(z.string().regex(/^\d+$/), z.array(z.object({
  cam_R_m2c: vec(9),
  cam_t_m2c: vec(3),
  obj_id: z.number().int().positive(),
})));

export const sceneGtInfoSchema = z.record(z.string().regex(/^\d+$/), z.array(z.object({
  bbox_obj: vec(4).optional(),
  bbox_visib: vec(4).optional(),
  visib_fract: finite.min(0).max(1).optional(),
})));

export const modelsInfoSchema = z.record(z.string().regex(/^\d+$/), z.object({
  min_x: finite, min_y: finite, min_z: finite,
  size_x: finite.positive(), size_y: finite.positive(), size_z: finite.positive(),
}));

export const objectsSchema = z.record(z.string().regex(/^\d+$/), z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  category: z.string().min(1).optional(),
}));

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? `"${String(p)}"` : `.${String(p)}`)).join('') || '(top level)';
}

/** Reads and validates a JSON file; every failure names `label` (the file as the user knows it). */
export function readJsonFile<T extends z.ZodType>(path: string, label: string, schema: T): z.infer<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BadInputError(`${label}: cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BadInputError(`${label}: not valid JSON, the file may be truncated (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(`${label}: field ${fieldPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

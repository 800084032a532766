/**
 * A curator's correction turned into the new dataset line. A label is everything its score uses: the
 * answer, and for pose the 3D box (lifted from the corrected corners by the metric's own PnP fit at
 * the object's size), for trajectory the source/target regions, for rearrangement one region per
 * marker. The result is checked with the import's own line parser, so a stored label always parses.
 */
import { z } from 'zod';
import { answerSchema, formatAnswer, type Answer } from '../../../shared/tasks';
import { parseDatasetLine } from '../../../shared/dataset';
import { BadInputError } from '../../../shared/errors';
import { fitBoxToCorners, fitToBox } from '../../../shared/geometry/pnp';
import type { Box3d, Mat3, Vec2 } from '../../../shared/geometry/types';

const pointSchema = z.tuple([z.number().finite(), z.number().finite()]);
const polygonSchema = z.array(pointSchema).min(3).max(2000);

export const labelInputSchema = z.object({
  answer: answerSchema,
  regions: z.array(polygonSchema).max(100).optional(),
  source_region: polygonSchema.optional(),
  target_region: polygonSchema.optional(),
});
export type LabelInput = z.infer<typeof labelInputSchema>;

type Item = Record<string, unknown>;

/** The answer in the form the item already used (text, points or boolean), so exports stay alike. */
function encodeAnswer(previous: unknown, answer: Answer): unknown {
  if (typeof previous === 'string') return formatAnswer(answer);
  if ('value' in answer) return typeof previous === 'boolean' ? answer.value : answer.value ? 'Yes' : 'No';
  return answer.points.map((p) => [p[0], p[1]]);
}

/** The box of the object's size whose projection fits `corners` best (the metric's PnP lift). */
function liftBox(id: string, K: Mat3, box: Box3d, corners: readonly Vec2[]): Box3d {
  const fit = fitBoxToCorners(K, box.size, corners);
  if (!fit) throw new BadInputError(`pose label for item ${id}: no box of size ${box.size.join('×')} mm fits these 8 corners in front of the camera`);
  return fitToBox(fit, box.size);
}

/** Top-level fields whose value differs between two items. */
export function changedFields(before: Item, after: Item): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** The item with `label` applied; throws BadInputError (nothing changed) if it would not import. */
export function applyLabel(id: string, task: string, before: Item, label: LabelInput): Item {
  if (label.answer.task !== task) throw new BadInputError(`label for item ${id}: expected a ${task} answer, got ${label.answer.task}`);
  const after: Item = { ...before, answer: encodeAnswer(before.answer, label.answer) };
  const camera = before.camera as { K?: Mat3 } | undefined;
  const box = before.box3d as Box3d | undefined;
  if (task === 'pose' && box && camera?.K && 'points' in label.answer) {
    after.box3d = liftBox(id, camera.K, box, label.answer.points);
  }
  if (label.regions) after.regions = label.regions;
  if (label.source_region) after.source_region = label.source_region;
  if (label.target_region) after.target_region = label.target_region;
  const parsed = parseDatasetLine(JSON.stringify(after), 0);
  if (!parsed.ok) throw new BadInputError(`label for item ${id}: ${parsed.error.replace(/^line 0,? ?/, '')}`);
  return after;
}

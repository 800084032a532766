/**
 * A curator's correction turned into the new dataset line. A label is everything its score uses: the
 * answer, and for pose the 3D box (the 3D gizmo's own box where the item has `camera.world_to_camera`,
 * checked against the corners in poseBox.ts; else lifted from the corrected corners by the metric's
 * own PnP fit at the object's size), for trajectory the source/target regions, for rearrangement one region per
 * marker. The result is checked with the import's own line parser, so a stored label always parses.
 */
import { z } from 'zod';
import { answerSchema, formatAnswer, type Answer } from '../../../shared/tasks';
import { parseDatasetLine } from '../../../shared/dataset';
import { BadInputError } from '../../../shared/errors';
import { fitBoxToCorners, fitToBox } from '../../../shared/geometry/pnp';
import { polygonArea } from '../../../shared/geometry/polygon';
import type { Box3d, Mat3, Vec2 } from '../../../shared/geometry/types';
import { box3dInputSchema, checkGizmoBox } from './poseBox';

const pointSchema = z.tuple([z.number().finite(), z.number().finite()]);
const polygonSchema = z.array(pointSchema).min(3, { error: 'a region needs at least 3 vertices' }).max(2000, { error: 'a region has at most 2000 vertices' });

export const labelInputSchema = z.object({
  answer: answerSchema,
  regions: z.array(polygonSchema).max(100).optional(),
  source_region: polygonSchema.optional(),
  target_region: polygonSchema.optional(),
  /** Pose, from the 3D gizmo: the box in the camera frame whose projection is `answer`. */
  box3d: box3dInputSchema.optional(),
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

const REGION_FIELDS = { regions: 'rearrangement', source_region: 'trajectory', target_region: 'trajectory' } as const;

/** Each polygon is ≥ 3 vertices (the schema), has an area and lies inside the image; names the first fault. */
function checkRegions(id: string, task: string, label: LabelInput, size: { width: number; height: number }): void {
  const named: [string, Vec2[]][] = [];
  for (const field of Object.keys(REGION_FIELDS) as (keyof typeof REGION_FIELDS)[]) {
    const value = label[field];
    if (value === undefined) continue;
    if (REGION_FIELDS[field] !== task) throw new BadInputError(`label for item ${id}: ${field} belongs to ${REGION_FIELDS[field]} items, not ${task}`);
    if (field === 'regions') label.regions!.forEach((poly, i) => named.push([`region ${i + 1}`, poly]));
    else named.push([field === 'source_region' ? 'the source region' : 'the target region', value as Vec2[]]);
  }
  for (const [name, poly] of named) {
    const out = poly.findIndex((p) => p[0] < 0 || p[1] < 0 || p[0] > size.width || p[1] > size.height);
    if (out >= 0) {
      const [x, y] = poly[out];
      throw new BadInputError(`label for item ${id}: ${name}, vertex ${out + 1} (${x}, ${y}) lies outside the ${size.width}×${size.height} image`);
    }
    if (polygonArea(poly) < 1e-6) throw new BadInputError(`label for item ${id}: ${name} has no area (its vertices lie on one line)`);
  }
}

/**
 * The item with `label` applied; throws BadInputError (nothing changed) if it would not import. With
 * `size` (the image's), regions are also checked to lie inside the image.
 */
export function applyLabel(id: string, task: string, before: Item, label: LabelInput, size?: { width: number; height: number }): Item {
  if (label.answer.task !== task) throw new BadInputError(`label for item ${id}: expected a ${task} answer, got ${label.answer.task}`);
  if (size) checkRegions(id, task, label, size);
  const after: Item = { ...before, answer: encodeAnswer(before.answer, label.answer) };
  const camera = before.camera as { K?: Mat3; world_to_camera?: unknown } | undefined;
  const box = before.box3d as Box3d | undefined;
  if (label.box3d) {
    // The gizmo exists only where the table is known; a box from anywhere else was not drawn by it.
    if (task !== 'pose') throw new BadInputError(`label for item ${id}: box3d belongs to pose items, not ${task}`);
    if (!camera?.K || !camera.world_to_camera) throw new BadInputError(`pose label for item ${id}: a 3D box is taken only for items with camera.K and camera.world_to_camera; send the 8 corners alone`);
  }
  if (task === 'pose' && camera?.K && 'points' in label.answer) {
    if (label.box3d) after.box3d = checkGizmoBox(id, camera.K, label.box3d, label.answer.points);
    else if (box) after.box3d = liftBox(id, camera.K, box, label.answer.points);
  }
  if (label.regions) after.regions = label.regions;
  if (label.source_region) after.source_region = label.source_region;
  if (label.target_region) after.target_region = label.target_region;
  const regions = after.regions as unknown[] | undefined;
  if (regions && 'points' in label.answer && regions.length !== label.answer.points.length) {
    const n = label.answer.points.length;
    throw new BadInputError(
      `label for item ${id}: ${n} marker${n === 1 ? '' : 's'} but ${regions.length} region${regions.length === 1 ? '' : 's'}: markers and regions are one-to-one (draw the missing region, or delete the region of a removed marker)`,
    );
  }
  const parsed = parseDatasetLine(JSON.stringify(after), 0);
  if (!parsed.ok) throw new BadInputError(`label for item ${id}: ${parsed.error.replace(/^line 0,? ?/, '')}`);
  return after;
}

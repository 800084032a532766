/** Pose answers: the 8 projected corners of the object's 3D box, in METRICS.md's corner order. */
import { z } from 'zod';
import { extractPoints, finitePoints, firstNonFinite, formatPointList, pointSchema, stringPoints } from './points';
import type { KindParseResult } from './kind';

export const poseAnswerSchema = z.object({ task: z.literal('pose'), points: z.array(pointSchema).length(8) });
export type PoseAnswer = z.infer<typeof poseAnswerSchema>;

/** Reads 8 corner points (image pixels) from raw text or a points array; any other count is invalid. */
export function parseCuboid(raw: unknown): KindParseResult<PoseAnswer> {
  if (typeof raw === 'string') {
    // Same steps as below on the scanner's points directly (no labels, no copies).
    const s = stringPoints(raw);
    if (!s) return { ok: false, reason: 'no points found' };
    if (s.points.length !== 8) return { ok: false, reason: `expected 8 corners, got ${s.points.length}` };
    const bad = firstNonFinite(s.points);
    return bad < 0 ? { ok: true, answer: { task: 'pose', points: s.points } } : { ok: false, reason: `point ${bad + 1} is not finite` };
  }
  const found = extractPoints(raw);
  if (!found.ok) return found;
  if (found.points.length !== 8) return { ok: false, reason: `expected 8 corners, got ${found.points.length}` };
  const pts = finitePoints(found.points);
  return pts.ok ? { ok: true, answer: { task: 'pose', points: pts.points } } : pts;
}

/** The paper's form: `"bbox": [[x, y], …]`. */
export function formatCuboid(a: PoseAnswer): string {
  return `"bbox": ${formatPointList(a.points)}`;
}

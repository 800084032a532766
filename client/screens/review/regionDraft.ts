/**
 * A label's regions while a curator edits them: rearrangement's one polygon per marker, trajectory's
 * source and target. Pure functions, so the editor and the save button agree on what is wrong; the
 * server checks the same rules again (server/services/review/labels.ts) and has the last word.
 */
import type { Answer } from '../../../shared/tasks';
import { polygonArea } from '../../../shared/geometry/polygon';
import type { Vec2 } from '../../../shared/geometry/types';

export interface RegionDraft {
  regions?: Vec2[][];
  source_region?: Vec2[];
  target_region?: Vec2[];
}

export interface EditableRegion {
  /** `r0`, `r1`… (rearrangement, by marker), `source`, `target` (trajectory). */
  key: string;
  label: string;
  points: Vec2[];
}

export function draftOf(item: { regions: Vec2[][] | null; sourceRegion: Vec2[] | null; targetRegion: Vec2[] | null }): RegionDraft {
  const d: RegionDraft = {};
  if (item.regions) d.regions = item.regions;
  if (item.sourceRegion) d.source_region = item.sourceRegion;
  if (item.targetRegion) d.target_region = item.targetRegion;
  return d;
}

export const hasRegions = (d: RegionDraft) => d.regions !== undefined || d.source_region !== undefined || d.target_region !== undefined;

export function editableRegions(d: RegionDraft): EditableRegion[] {
  const out: EditableRegion[] = (d.regions ?? []).map((points, i) => ({ key: `r${i}`, label: `region ${i + 1}`, points }));
  if (d.source_region) out.push({ key: 'source', label: 'source region', points: d.source_region });
  if (d.target_region) out.push({ key: 'target', label: 'target region', points: d.target_region });
  return out;
}

/** The draft with region `key` set to `points` (`r<n>` with n = the count appends one). */
export function setRegion(d: RegionDraft, key: string, points: Vec2[]): RegionDraft {
  if (key === 'source') return { ...d, source_region: points };
  if (key === 'target') return { ...d, target_region: points };
  const i = Number(key.slice(1));
  const regions = [...(d.regions ?? [])];
  regions[i] = points;
  return { ...d, regions };
}

export function deleteRegion(d: RegionDraft, key: string): RegionDraft {
  const i = Number(key.slice(1));
  return { ...d, regions: (d.regions ?? []).filter((_, j) => j !== i) };
}

/** A vertex inserted at the middle of edge `edge` (from vertex `edge` to the next). */
export function insertVertex(points: readonly Vec2[], edge: number): Vec2[] {
  const a = points[edge];
  const b = points[(edge + 1) % points.length];
  const out = [...points];
  out.splice(edge + 1, 0, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  return out;
}

/** The polygon without vertex `i`, or why not. */
export function removeVertex(points: readonly Vec2[], i: number): Vec2[] | string {
  if (points.length <= 3) return 'a region needs at least 3 vertices: drag this one instead, or redraw the region';
  return points.filter((_, j) => j !== i);
}

export function clampToImage(p: Vec2, size: { width: number; height: number }): Vec2 {
  return [Math.min(size.width, Math.max(0, p[0])), Math.min(size.height, Math.max(0, p[1]))];
}

/** The markers of a rearrangement answer (null otherwise). */
export function markersOf(task: string, answer: Answer | null): Vec2[] | null {
  return task === 'rearrangement' && answer && 'points' in answer ? (answer.points as Vec2[]) : null;
}

/** What stops the draft from saving, in words (empty: it may be saved). */
export function regionProblems(task: string, d: RegionDraft, answer: Answer | null, size: { width: number; height: number }): string[] {
  const problems: string[] = [];
  const markers = markersOf(task, answer);
  const n = d.regions?.length ?? 0;
  if (markers && d.regions) {
    for (let i = n; i < markers.length; i++) problems.push(`Marker ${i + 1} has no region yet: draw it, or take the object's region (Regions, R).`);
    for (let i = markers.length; i < n; i++) problems.push(`Region ${i + 1} has no marker: delete the region of the marker you removed (Regions, R).`);
  }
  for (const r of editableRegions(d)) {
    const name = r.label[0].toUpperCase() + r.label.slice(1);
    if (r.points.length < 3) problems.push(`${name} needs at least 3 vertices.`);
    else if (r.points.some((p) => p[0] < 0 || p[1] < 0 || p[0] > size.width || p[1] > size.height)) problems.push(`${name} goes outside the image.`);
    else if (polygonArea(r.points) < 1e-6) problems.push(`${name} has no area.`);
  }
  return problems;
}

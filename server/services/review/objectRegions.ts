/**
 * The object regions known for an image: the generator writes each object's region (the outline of
 * its visible mask) into every question that names the object — trajectory's source and target,
 * rearrangement's objects to move first. A marker added to a label takes its region from here when it
 * lies on one of these objects, so markers and regions stay one-to-one without redrawing a mask.
 *
 * Bounded: one image's questions through questions_image_key_idx, at most MAX_QUESTIONS of them.
 */
import { pointInPolygon, polygonArea } from '../../../shared/geometry/polygon';
import type { Vec2 } from '../../../shared/geometry/types';
import type { Db } from '../../db/client';

const MAX_QUESTIONS = 200;

export interface ObjectRegion {
  /** The object's name as the questions give it, or where the region came from. */
  name: string;
  points: Vec2[];
}

interface ItemRegions {
  meta?: { source?: string; target?: string; move_first?: string[] };
  source_region?: Vec2[];
  target_region?: Vec2[];
  regions?: Vec2[][];
}

function regionsOf(id: string, item: ItemRegions): ObjectRegion[] {
  const out: ObjectRegion[] = [];
  const meta = item.meta ?? {};
  if (item.source_region) out.push({ name: meta.source ?? `source of ${id}`, points: item.source_region });
  if (item.target_region) out.push({ name: meta.target ?? `target of ${id}`, points: item.target_region });
  item.regions?.forEach((points, i) => out.push({ name: meta.move_first?.[i] ?? `region ${i + 1} of ${id}`, points }));
  return out;
}

/** Distinct regions of the objects in the image of question `id` (its own first). */
export function objectRegions(db: Db, id: string): ObjectRegion[] {
  const rows = db.$client
    .prepare(
      `select o.id, o.item from questions q join questions o indexed by questions_image_key_idx on o.image_key = q.image_key
        where q.id = ? order by o.id = q.id desc limit ${MAX_QUESTIONS}`,
    )
    .all(id) as { id: string; item: string }[];
  const seen = new Set<string>();
  const out: ObjectRegion[] = [];
  for (const r of rows) {
    for (const region of regionsOf(r.id, JSON.parse(r.item) as ItemRegions)) {
      const key = JSON.stringify(region.points);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(region);
    }
  }
  return out;
}

/**
 * One distinct region per marker, each containing its marker (a maximum matching, smallest region
 * first, so a marker on a small object inside a large one gets the small one); null for a marker
 * left without one.
 */
export function regionsForMarkers(markers: readonly Vec2[], candidates: readonly ObjectRegion[]): (ObjectRegion | null)[] {
  const sorted = [...candidates].sort((a, b) => polygonArea(a.points) - polygonArea(b.points));
  const hits = markers.map((m) => sorted.map((c, j) => (pointInPolygon(m, c.points) ? j : -1)).filter((j) => j >= 0));
  const owner = new Map<number, number>();
  const tryAssign = (i: number, seen: Set<number>): boolean => {
    for (const j of hits[i]) {
      if (seen.has(j)) continue;
      seen.add(j);
      const other = owner.get(j);
      if (other === undefined || tryAssign(other, seen)) {
        owner.set(j, i);
        return true;
      }
    }
    return false;
  };
  markers.forEach((_, i) => tryAssign(i, new Set()));
  const out: (ObjectRegion | null)[] = markers.map(() => null);
  for (const [j, i] of owner) out[i] = sorted[j];
  return out;
}

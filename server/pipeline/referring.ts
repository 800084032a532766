/**
 * How questions name objects: by description ("the red and white can of tomato soup") or short name, and
 * where several instances of one object are in view, with the paper's positional attributes ("the
 * leftmost soup can"), computed from the projected centres of their 3D boxes and checked against the
 * visible masks' centroids. An instance that no attribute singles out is not asked about.
 */
import type { Rng } from './rng';
import type { FrameScene, SceneObject } from './scene';

export interface ObjectName {
  /** e.g. "the soup can", "the leftmost soup can" */
  short: string;
  /** e.g. "the red and white can of tomato soup", "the leftmost instance of the red and white can…" */
  long: string;
}

/** Minimum separation (px) between the chosen instance and the next one for an attribute to hold. */
const ATTRIBUTE_MARGIN_PX = 25;

/** "a red box" → "the red box"; descriptions without an article get "the". */
export function definite(description: string): string {
  const d = description.trim().replace(/[.]+$/, '');
  const m = /^(a|an|the)\s+/i.exec(d);
  return `the ${m ? d.slice(m[0].length) : d}`;
}

type Attribute = 'leftmost' | 'rightmost' | 'topmost' | 'bottommost';
const AXIS: Record<Attribute, [0 | 1, 1 | -1]> = { leftmost: [0, 1], rightmost: [0, -1], topmost: [1, 1], bottommost: [1, -1] };

/**
 * An attribute holds when it holds both for the projected box centres (the paper's rule) and for
 * the centroids of the visible masks, which is what a person judges "leftmost" by: a half-hidden
 * instance's box centre can lie far from the part of it that shows.
 */
function attributeFor(o: SceneObject, group: SceneObject[], order: Attribute[]): Attribute | undefined {
  return order.find((attr) => {
    const [axis, sign] = AXIS[attr];
    return (['centerPx', 'seenCenterPx'] as const).every((where) =>
      group.every((g) => g === o || sign * (g[where][axis] - o[where][axis]) >= ATTRIBUTE_MARGIN_PX));
  });
}

/** Names for every object of the frame, keyed by scene_gt index; missing when not nameable. */
export function nameObjects(scene: FrameScene, rng: Rng): Map<number, ObjectName> {
  const names = new Map<number, ObjectName>();
  // Instances a person can see at all compete for the name and the attribute, even those too hidden
  // to ask about: any with a region (a visible piece of at least 30 px, see regions.ts).
  const seen = scene.objects.filter((o) => o.region.length >= 3);
  for (const o of scene.objects) {
    const group = seen.filter((g) => g.objId === o.objId);
    if (group.length <= 1) {
      names.set(o.k, { short: `the ${o.text.name}`, long: definite(o.text.description) });
      continue;
    }
    const attr = attributeFor(o, group, rng.shuffle(['leftmost', 'rightmost', 'topmost', 'bottommost'] as Attribute[]));
    if (attr) names.set(o.k, { short: `the ${attr} ${o.text.name}`, long: `the ${attr} instance of ${definite(o.text.description)}` });
  }
  return names;
}

/** Picks the short or long form (about half each) for variety, as the paper's LLM rewriting does. */
export function say(name: ObjectName, rng: Rng): string {
  return rng.chance(0.5) ? name.long : name.short;
}

/**
 * How questions name objects: by description ("the red and white can of tomato soup") or short name, and
 * where several instances of one object are in view, with the paper's positional attributes ("the
 * leftmost soup can"), computed from the projected centres of their 3D boxes. An instance that no
 * attribute singles out is not asked about.
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
const KEYS: Record<Attribute, (o: SceneObject) => number> = {
  leftmost: (o) => o.centerPx[0],
  rightmost: (o) => -o.centerPx[0],
  topmost: (o) => o.centerPx[1],
  bottommost: (o) => -o.centerPx[1],
};

function attributeFor(o: SceneObject, group: SceneObject[], order: Attribute[]): Attribute | undefined {
  return order.find((attr) => {
    const key = KEYS[attr];
    const others = group.filter((g) => g !== o).map(key);
    return others.every((v) => v - key(o) >= ATTRIBUTE_MARGIN_PX);
  });
}

/** Names for every object of the frame, keyed by scene_gt index; missing when not nameable. */
export function nameObjects(scene: FrameScene, rng: Rng): Map<number, ObjectName> {
  const names = new Map<number, ObjectName>();
  // Instances a person can see at all compete for the attribute, even those too hidden to ask about.
  const seen = scene.objects.filter((o) => o.visibFract > 0.05 && o.region.length >= 3);
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

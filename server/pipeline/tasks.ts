/**
 * Question candidates for one frame, one lazy generator per task: the mixer pulls from whichever task
 * is furthest behind the BOP-Ask-core mix, so expensive ones (trajectories) are only planned on demand.
 */
import type { Vec2, Vec3 } from '../../shared/geometry/types';
import { projectBox } from '../../shared/geometry/box3d';
import { type Grasp3d, blockersToMove, checkedGrasps, freeGrasps, type GraspCheck } from './grasps';
import { obbMaxZ } from './obb';
import { pointInPolygon } from './polygon2d';
import { type ObjectName, say } from './referring';
import type { Rng } from './rng';
import { type FrameScene, type SceneObject, projectWorld } from './scene';
import { type Phrased, depthQuestion, graspQuestion, poseQuestion, rearrangementQuestion, type SpatialRelation, spatialQuestion, trajectoryQuestion } from './templates';
import { planPath, samplingBounds } from './trajectory';
import { round } from '../../shared/geometry/vec';
import { formatAnswer } from '../../shared/tasks';

export type Task = 'pose' | 'grasp' | 'trajectory' | 'rearrangement' | 'spatial' | 'depth';

export interface ItemDraft {
  task: Task;
  question: string;
  /** FORMAT.md's `question_human`: the question as people are shown it (no answer-format sentences). */
  question_human: string;
  /** The paper's canonical text form (shared/answers formatAnswer), e.g. `"bbox": [[x, y], ...]`. */
  answer: string;
  alternatives?: string[];
  box3d?: { center: number[]; size: number[]; rotation: number[][] };
  source_region?: Vec2[];
  target_region?: Vec2[];
  regions?: Vec2[][];
  meta: Record<string, unknown>;
}

export interface FrameContext {
  scene: FrameScene;
  names: Map<number, ObjectName>;
  rng: Rng;
  /** Global yes/no counts per yes/no task, so answers stay balanced across the dataset. */
  balance: Record<'spatial' | 'depth', { yes: number; no: number }>;
  graspCache: Map<number, GraspCheck[]>;
}

const MAX_TRAJECTORY_ATTEMPTS = 10;
const pts = (p: Vec2[]): Vec2[] => p.map(([x, y]) => [round(x), round(y)]);
/** Points rounded to 0.01 px (far below the 0.5 px tolerance) in the task's canonical text form. */
const text = (task: 'pose' | 'grasp' | 'trajectory' | 'rearrangement', p: Vec2[]): string => formatAnswer({ task, points: pts(p) });
const yesNo = (task: 'spatial' | 'depth', isYes: boolean): string => formatAnswer({ task, value: isYes });
const poly = (p: Vec2[]): Vec2[] => p.map(([x, y]) => [round(x, 1), round(y, 1)]);

function usable(ctx: FrameContext): SceneObject[] {
  return ctx.rng.shuffle(ctx.scene.objects.filter((o) => o.isUsable && ctx.names.has(o.k)));
}

function pairs(ctx: FrameContext): [SceneObject, SceneObject][] {
  const objs = usable(ctx);
  const out: [SceneObject, SceneObject][] = [];
  for (const a of objs) for (const b of objs) if (a !== b) out.push([a, b]);
  return ctx.rng.shuffle(out);
}

const inImage = (p: Vec2, ctx: FrameContext): boolean =>
  p[0] >= 0 && p[1] >= 0 && p[0] <= ctx.scene.frame.width && p[1] <= ctx.scene.frame.height;

function graspChecks(ctx: FrameContext, o: SceneObject): GraspCheck[] {
  let checks = ctx.graspCache.get(o.k);
  if (!checks) {
    checks = checkedGrasps(ctx.scene.objects.map((x) => x.obb), ctx.scene.objects.indexOf(o));
    ctx.graspCache.set(o.k, checks);
  }
  return checks;
}

const name = (ctx: FrameContext, o: SceneObject): string => say(ctx.names.get(o.k)!, ctx.rng);
/** The prompt and the people's text of a template, as ItemDraft fields. */
const texts = (p: Phrased): { question: string; question_human: string } => ({ question: p.question, question_human: p.human });
const meta = (_ctx: FrameContext, extra: Record<string, unknown>): Record<string, unknown> => extra;

export function* poseItems(ctx: FrameContext): Generator<ItemDraft> {
  const { width, height } = ctx.scene.frame;
  for (const o of usable(ctx)) {
    const b = o.boxCam;
    yield {
      task: 'pose', ...texts(poseQuestion(ctx.rng, name(ctx, o), width, height)), answer: text('pose', projectBox(ctx.scene.K, b)),
      box3d: { center: b.center.map((x) => round(x, 3)), size: b.size.map((x) => round(x, 3)), rotation: b.rotation.map((r) => r.map((x) => round(x, 7))) },
      meta: meta(ctx, { object: o.text.name, obj_id: o.objId, gt_index: o.k }),
    };
  }
}

/** The 5 grasp points: centre, left/right finger base, left/right finger tip (left = smaller image x). */
export function graspPoints(ctx: FrameContext, g: Grasp3d): Vec2[] {
  const [ba, bb, ta, tb] = [g.baseA, g.baseB, g.tipA, g.tipB].map((p) => projectWorld(ctx.scene, p));
  const c = projectWorld(ctx.scene, g.center);
  return ba[0] <= bb[0] ? [c, ba, bb, ta, tb] : [c, bb, ba, tb, ta];
}

export function* graspItems(ctx: FrameContext): Generator<ItemDraft> {
  const { width, height } = ctx.scene.frame;
  for (const o of usable(ctx)) {
    const grasps = freeGrasps(graspChecks(ctx, o), 5).map((g) => graspPoints(ctx, g)).filter((p) => p.every((q) => inImage(q, ctx)));
    if (grasps.length === 0) continue;
    yield {
      task: 'grasp', ...texts(graspQuestion(ctx.rng, name(ctx, o), width, height)), answer: text('grasp', grasps[0]),
      alternatives: grasps.slice(1).map((g) => text('grasp', g)), meta: meta(ctx, { object: o.text.name, obj_id: o.objId, gt_index: o.k }),
    };
  }
}

const topPoint = (o: SceneObject): Vec3 => [o.obb.center[0], o.obb.center[1], obbMaxZ(o.obb) + 5];

export function* trajectoryItems(ctx: FrameContext): Generator<ItemDraft> {
  const { width, height } = ctx.scene.frame;
  const all = ctx.scene.objects;
  const bounds = samplingBounds(all.map((o) => o.obb));
  let attempts = 0;
  for (const [a, b] of pairs(ctx)) {
    if (attempts >= MAX_TRAJECTORY_ATTEMPTS) return;
    const [start, goal] = [topPoint(a), topPoint(b)];
    if (!pointInPolygon(projectWorld(ctx.scene, start), a.region) || !pointInPolygon(projectWorld(ctx.scene, goal), b.region)) continue;
    attempts++;
    const path = planPath(start, goal, all.filter((o) => o !== a && o !== b).map((o) => o.obb), bounds, ctx.rng);
    if (!path) continue;
    const path2d = path.map((p) => projectWorld(ctx.scene, p));
    if (!path2d.every((p) => inImage(p, ctx))) continue;
    yield {
      task: 'trajectory', ...texts(trajectoryQuestion(ctx.rng, name(ctx, a), name(ctx, b), width, height)), answer: text('trajectory', path2d),
      source_region: poly(a.region), target_region: poly(b.region),
      meta: meta(ctx, { source: a.text.name, target: b.text.name, source_index: a.k, target_index: b.k, path_world_mm: path.map((p) => p.map((x) => round(x, 1))) }),
    };
  }
}

export function* rearrangementItems(ctx: FrameContext): Generator<ItemDraft> {
  const { width, height } = ctx.scene.frame;
  // Fully cluttered objects are often half hidden by the very objects that block them, so this task
  // accepts any object a person can see and point at, not only the well-visible ones.
  const canPoint = (o: SceneObject): boolean => o.visibFract >= 0.15 && o.region.length >= 3 && inImage(o.marker, ctx);
  const targets = ctx.rng.shuffle(ctx.scene.objects.filter((o) => canPoint(o) && ctx.names.has(o.k)));
  for (const o of targets) {
    const blockers = blockersToMove(graspChecks(ctx, o))?.map((i) => ctx.scene.objects[i]);
    if (!blockers || !blockers.every(canPoint)) continue;
    yield {
      task: 'rearrangement', ...texts(rearrangementQuestion(ctx.rng, name(ctx, o), width, height)),
      answer: text('rearrangement', blockers.map((b) => b.marker)), regions: blockers.map((b) => poly(b.region)),
      meta: meta(ctx, { object: o.text.name, gt_index: o.k, move_first: blockers.map((b) => b.text.name), move_first_indices: blockers.map((b) => b.k) }),
    };
  }
}

/** Pairs closer than this (fraction of the image size) are too close to call. */
const SPATIAL_MARGIN = 0.05;
const DEPTH_MARGIN_MM = 50;

function takeAnswer(ctx: FrameContext, task: 'spatial' | 'depth'): boolean {
  const b = ctx.balance[task];
  const isYes = b.yes < b.no || (b.yes === b.no && ctx.rng.chance(0.5));
  if (isYes) b.yes++;
  else b.no++;
  return isYes;
}

export function* spatialItems(ctx: FrameContext): Generator<ItemDraft> {
  const { width, height } = ctx.scene.frame;
  for (const [a, b] of pairs(ctx)) {
    const dx = b.centerPx[0] - a.centerPx[0];
    const dy = b.centerPx[1] - a.centerPx[1];
    // A true statement "a REL b" along the axis with the clearer separation, then asked as yes or no.
    const useX = Math.abs(dx) / width >= Math.abs(dy) / height ? ctx.rng.chance(0.7) : ctx.rng.chance(0.3);
    const d = useX ? dx / width : dy / height;
    if (Math.abs(d) < SPATIAL_MARGIN) continue;
    const rel: SpatialRelation = useX ? (d > 0 ? 'left of' : 'right of') : (d > 0 ? 'above' : 'below');
    const inverse: Record<SpatialRelation, SpatialRelation> = { 'left of': 'right of', 'right of': 'left of', above: 'below', below: 'above' };
    const isYes = takeAnswer(ctx, 'spatial');
    const swap = ctx.rng.chance(0.5);
    const [x, y] = swap ? [b, a] : [a, b];
    const asked = isYes === !swap ? rel : inverse[rel];
    yield {
      task: 'spatial', ...texts(spatialQuestion(ctx.rng, name(ctx, x), asked, name(ctx, y))), answer: yesNo('spatial', isYes),
      meta: meta(ctx, { object: x.text.name, reference: y.text.name, relation: asked, object_index: x.k, reference_index: y.k }),
    };
  }
}

export function* depthItems(ctx: FrameContext): Generator<ItemDraft> {
  for (const [a, b] of pairs(ctx)) {
    const da = Math.hypot(...a.boxCam.center);
    const db = Math.hypot(...b.boxCam.center);
    const dz = b.boxCam.center[2] - a.boxCam.center[2];
    if (Math.abs(db - da) < DEPTH_MARGIN_MM || Math.sign(dz) !== Math.sign(db - da)) continue;
    const isYes = takeAnswer(ctx, 'depth');
    const aIsCloser = da < db;
    const askCloser = isYes === aIsCloser;
    yield {
      task: 'depth', ...texts(depthQuestion(ctx.rng, name(ctx, a), askCloser, name(ctx, b))), answer: yesNo('depth', isYes),
      meta: meta(ctx, { object: a.text.name, reference: b.text.name, relation: askCloser ? 'closer' : 'farther', object_index: a.k, reference_index: b.k }),
    };
  }
}

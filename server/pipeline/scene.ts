/**
 * One frame turned into the pipeline's working scene: every object's box in the camera frame (box3d of
 * FORMAT.md) and in the recovered world frame, its visibility, its image region and marker.
 */
import type { Box3d, Vec2, Vec3 } from '../../shared/geometry/types';
import { projectBox, projectPoint } from '../../shared/geometry/box3d';
import { type BopDataset, type BopFrame, type ObjectText, readGrayPng } from './bopReader';
import type { Obb } from './obb';
import { convexHull } from './polygon2d';
import { maskRegion } from './regions';
import type { Rng } from './rng';
import { type M3, type Rigid, add, applyRigid, column, invertRigid, matVec, round } from '../../shared/geometry/vec';
import { type WorldFrame, worldFrameFromDepth, worldFrameFromObjects } from './worldFrame';

export interface SceneObject {
  /** Index in scene_gt.json's list for this frame. */
  k: number;
  objId: number;
  text: ObjectText;
  boxCam: Box3d;
  obb: Obb;
  visibFract: number;
  region: Vec2[];
  marker: Vec2;
  centerPx: Vec2;
  /** Centroid of the visible mask (px): where a person sees the object; `centerPx` without a mask. */
  seenCenterPx: Vec2;
  /** Visible enough to ask about and to point at. */
  isUsable: boolean;
}

export interface FrameScene {
  frame: BopFrame;
  K: M3;
  world: WorldFrame;
  cameraToWorld: Rigid;
  objects: SceneObject[];
}

const MIN_VISIB_FRACT = 0.35;

function boxInCamera(ds: BopDataset, objId: number, T: Rigid): Box3d {
  const m = ds.models.get(objId)!;
  const centerModel: Vec3 = [m.min[0] + m.size[0] / 2, m.min[1] + m.size[1] / 2, m.min[2] + m.size[2] / 2];
  return { center: add(matVec(T.R, centerModel), T.t), size: [...m.size], rotation: T.R.map((r) => [...r]) };
}

function boxInWorld(box: Box3d, camToWorld: Rigid): Obb {
  const axes = [0, 1, 2].map((i) => matVec(camToWorld.R, column(box.rotation, i) as Vec3)) as [Vec3, Vec3, Vec3];
  return { center: applyRigid(camToWorld, box.center), axes, half: [box.size[0] / 2, box.size[1] / 2, box.size[2] / 2] };
}

function inImage(p: Vec2, f: BopFrame): boolean {
  return p[0] >= 0 && p[1] >= 0 && p[0] <= f.width && p[1] <= f.height;
}

export function buildScene(ds: BopDataset, frame: BopFrame, rng: Rng, warn: (msg: string) => void): FrameScene {
  const boxes = frame.objects.map((g) => boxInCamera(ds, g.objId, g.modelToCamera));
  let world: WorldFrame | undefined;
  if (frame.depthPath) {
    const depth = readGrayPng(frame.depthPath, ds.root, frame.width, frame.height);
    world = worldFrameFromDepth(depth, frame.K, frame.depthScale, boxes, rng);
  }
  if (!world) {
    warn(`scene ${frame.scene} frame ${frame.frame}: no usable depth; world frame from a plane through the objects' lowest box faces`);
    world = worldFrameFromObjects(boxes);
  }
  const cameraToWorld = invertRigid(world.worldToCamera);
  const objects = frame.objects.map((g, k): SceneObject => {
    const boxCam = boxes[k];
    const text = ds.objects.get(g.objId) ?? { name: `object ${g.objId}`, description: `object ${g.objId}`, category: `object ${g.objId}` };
    const centerPx = projectPoint(frame.K, boxCam.center);
    let region: Vec2[];
    let marker: Vec2;
    let seenCenterPx = centerPx;
    let visibFract = g.visibFract ?? 1;
    if (g.maskPath) {
      const mask = readGrayPng(g.maskPath, ds.root, frame.width, frame.height);
      const r = maskRegion(mask.data, frame.width, frame.height);
      region = r?.polygon ?? [];
      marker = r?.marker ?? centerPx;
      seenCenterPx = r?.centroid ?? centerPx;
      if (!r) visibFract = 0;
    } else {
      region = convexHull(projectBox(frame.K, boxCam));
      marker = centerPx;
    }
    const isUsable = visibFract >= MIN_VISIB_FRACT && region.length >= 3 && inImage(marker, frame) &&
      projectBox(frame.K, boxCam).every((p) => inImage(p, frame)) && boxCam.center[2] > 0;
    return { k, objId: g.objId, text, boxCam, obb: boxInWorld(boxCam, cameraToWorld), visibFract, region, marker, centerPx, seenCenterPx, isUsable };
  });
  return { frame, K: frame.K, world, cameraToWorld, objects };
}

/** Projects a world point (mm) to image pixels. */
export function projectWorld(scene: FrameScene, p: Vec3): Vec2 {
  return projectPoint(scene.K, applyRigid(scene.world.worldToCamera, p));
}

/** world_to_camera as FORMAT.md writes it. */
export function worldToCameraJson(scene: FrameScene): { R: number[][]; t: number[] } {
  const { R, t } = scene.world.worldToCamera;
  return { R: R.map((r) => r.map((x) => round(x, 6))), t: t.map((x) => round(x, 2)) };
}

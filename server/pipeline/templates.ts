/**
 * Question templates for the six tasks, after the paper's Table 6. Each task has a few phrasings;
 * the answer-format instructions stay fixed so that model outputs remain parseable.
 */
import type { Rng } from './rng';

const limits = (w: number, h: number): string =>
  `The coordinates should obey the limits of the image, and thus x coordinate should be between (0, ${w}) and y coordinate should be between (0, ${h}).`;
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const YES_NO = 'Your response should be a single word: yes or no.';

export function poseQuestion(rng: Rng, a: string, w: number, h: number): string {
  const lead = rng.pick([
    `Locate the cuboid corners of ${a}, output its bbox coordinates using JSON format.`,
    `Where are the eight corners of the 3D bounding box of ${a}? Output its bbox coordinates using JSON format.`,
    `Estimate the 3D pose of ${a} as the image positions of its cuboid's eight corners, output its bbox coordinates using JSON format.`,
  ]);
  return `${lead} ${limits(w, h)}`;
}

export function graspQuestion(rng: Rng, a: string, w: number, h: number): string {
  const lead = rng.pick([
    `What are the five 2D points in image pixel space that outline the grasp plane for ${a}?`,
    `How should a parallel-jaw gripper pick up ${a}? Give the grasp as five 2D points in image pixel space.`,
    `Mark where a two-finger gripper should grasp ${a}, as five 2D points in image pixel space.`,
  ]);
  return `${lead} Your response should be as Grasp center: [], Left finger base: [], Right finger base: [], ` +
    `Left finger tip: [], Right finger tip: []., output its coordinates in XML format <points x y>object</points>. ` +
    `Output nothing else. ${limits(w, h)}`;
}

export function trajectoryQuestion(rng: Rng, a: string, b: string, w: number, h: number): string {
  const lead = rng.pick([
    `What is the 2D pixel path to move ${a} to the location of ${b}?`,
    `Plan a collision-free path that carries ${a} over to ${b}, as 2D points in the image.`,
    `Draw the path a robot arm should follow to bring ${a} to where ${b} is.`,
  ]);
  return `${lead} Your response should be a list of 2D points that show the path from target object to goal object ` +
    `in that order path: []., output its coordinates in XML format <points x y>object</points>. Output nothing else. ${limits(w, h)}`;
}

export function rearrangementQuestion(rng: Rng, a: string, w: number, h: number): string {
  const lead = rng.pick([
    `Which objects should be moved first to create space for grabbing ${a}?`,
    `${capital(a)} is too cluttered to grasp. Which objects must be moved out of the way first?`,
    `To pick up ${a} with a parallel gripper, which neighbouring objects have to be moved first?`,
  ]);
  return `${lead} Your response should be a list of 2D points which mark the objects you need to move as object markers: []. ` +
    `Output all the object coordinates in JSON format. ${limits(w, h)}`;
}

export type SpatialRelation = 'left of' | 'right of' | 'above' | 'below';

export function spatialQuestion(rng: Rng, a: string, rel: SpatialRelation, b: string): string {
  const phrase = { 'left of': 'to the left of', 'right of': 'to the right of', above: 'above', below: 'below' }[rel];
  const where = rel === 'above' || rel === 'below' ? ' in the image' : '';
  const q = rng.pick([
    `Is ${a} ${phrase} ${b}${where}?`,
    `From the camera's point of view, is ${a} ${phrase} ${b}${where}?`,
    `Looking at the picture, is ${a} located ${phrase} ${b}${where}?`,
  ]);
  return rng.chance(0.5) ? `${q} ${YES_NO}` : q;
}

export function depthQuestion(rng: Rng, a: string, isCloser: boolean, b: string): string {
  const rel = isCloser ? 'closer to the camera than' : 'farther from the camera than';
  const q = rng.pick([`Is ${a} ${rel} ${b}?`, `Relative to the camera, is ${a} ${rel} ${b}?`]);
  return `${q} ${YES_NO}`;
}

/**
 * Question templates for the six tasks, after the paper's Table 6. Each task has a few phrasings;
 * the answer-format instructions stay fixed so that model outputs remain parseable. Every template
 * gives two texts: `question`, the model prompt, and `human`, what people are shown (FORMAT.md's
 * `question_human`): the same question without the answer-format sentences, which is exactly what
 * shared/questionText's `humanQuestion` makes of the prompt (tested), so a dataset line without
 * `question_human` reads the same to people.
 */
import { TRAJECTORY_DIRECTION } from '../../shared/questionText';
import type { Rng } from './rng';

export interface Phrased {
  question: string;
  human: string;
}

const limits = (w: number, h: number): string =>
  `The coordinates should obey the limits of the image, and thus x coordinate should be between (0, ${w}) and y coordinate should be between (0, ${h}).`;
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const YES_NO = 'Your response should be a single word: yes or no.';

export function poseQuestion(rng: Rng, a: string, w: number, h: number): Phrased {
  const [lead, human] = rng.pick([
    [`Locate the cuboid corners of ${a}, output its bbox coordinates using JSON format.`, `Locate the cuboid corners of ${a}.`],
    [`Where are the eight corners of the 3D bounding box of ${a}? Output its bbox coordinates using JSON format.`,
      `Where are the eight corners of the 3D bounding box of ${a}?`],
    [`Estimate the 3D pose of ${a} as the image positions of its cuboid's eight corners, output its bbox coordinates using JSON format.`,
      `Estimate the 3D pose of ${a} as the image positions of its cuboid's eight corners.`],
  ]);
  return { question: `${lead} ${limits(w, h)}`, human };
}

export function graspQuestion(rng: Rng, a: string, w: number, h: number): Phrased {
  const lead = rng.pick([
    `What are the five 2D points in image pixel space that outline the grasp plane for ${a}?`,
    `How should a parallel-jaw gripper pick up ${a}? Give the grasp as five 2D points in image pixel space.`,
    `Mark where a two-finger gripper should grasp ${a}, as five 2D points in image pixel space.`,
  ]);
  const question = `${lead} Your response should be as Grasp center: [], Left finger base: [], Right finger base: [], ` +
    `Left finger tip: [], Right finger tip: []., output its coordinates in XML format <points x y>object</points>. ` +
    `Output nothing else. ${limits(w, h)}`;
  return { question, human: lead };
}

export function trajectoryQuestion(rng: Rng, a: string, b: string, w: number, h: number): Phrased {
  const lead = rng.pick([
    `What is the 2D pixel path to move ${a} to the location of ${b}?`,
    `Plan a collision-free path that carries ${a} over to ${b}, as 2D points in the image.`,
    `Draw the path a robot arm should follow to bring ${a} to where ${b} is.`,
  ]);
  const question = `${lead} Your response should be a list of 2D points that show the path from target object to goal object ` +
    `in that order path: []., output its coordinates in XML format <points x y>object</points>. Output nothing else. ${limits(w, h)}`;
  return { question, human: `${lead} ${TRAJECTORY_DIRECTION}` };
}

export function rearrangementQuestion(rng: Rng, a: string, w: number, h: number): Phrased {
  const lead = rng.pick([
    `Which objects should be moved first to create space for grabbing ${a}?`,
    `${capital(a)} is too cluttered to grasp. Which objects must be moved out of the way first?`,
    `To pick up ${a} with a parallel gripper, which neighbouring objects have to be moved first?`,
  ]);
  const question = `${lead} Your response should be a list of 2D points which mark the objects you need to move as object markers: []. ` +
    `Output all the object coordinates in JSON format. ${limits(w, h)}`;
  return { question, human: lead };
}

export type SpatialRelation = 'left of' | 'right of' | 'above' | 'below';

export function spatialQuestion(rng: Rng, a: string, rel: SpatialRelation, b: string): Phrased {
  const phrase = { 'left of': 'to the left of', 'right of': 'to the right of', above: 'above', below: 'below' }[rel];
  const where = rel === 'above' || rel === 'below' ? ' in the image' : '';
  const q = rng.pick([
    `Is ${a} ${phrase} ${b}${where}?`,
    `From the camera's point of view, is ${a} ${phrase} ${b}${where}?`,
    `Looking at the picture, is ${a} located ${phrase} ${b}${where}?`,
  ]);
  return { question: rng.chance(0.5) ? `${q} ${YES_NO}` : q, human: q };
}

export function depthQuestion(rng: Rng, a: string, isCloser: boolean, b: string): Phrased {
  const rel = isCloser ? 'closer to the camera than' : 'farther from the camera than';
  const q = rng.pick([`Is ${a} ${rel} ${b}?`, `Relative to the camera, is ${a} ${rel} ${b}?`]);
  return { question: `${q} ${YES_NO}`, human: q };
}

/** Random scorable items of each task with a noisy prediction each, shared by the metric and CLI benches. */
import { formatAnswer, type Answer, type Task } from '../shared/tasks';
import { projectBox } from '../shared/geometry/box3d';
import { rotationFromEuler } from '../shared/geometry/rotation';
import type { Box3d, Mat3, Vec2 } from '../shared/geometry/types';
import type { ScorableItem } from '../shared/tasks';

let seed = 42;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const jitter = (pts: Vec2[], px: number): Vec2[] => pts.map(([x, y]) => [x + (rnd() - 0.5) * 2 * px, y + (rnd() - 0.5) * 2 * px]);
const K: Mat3 = [[1300, 0, 640], [0, 1300, 360], [0, 0, 1]];

const base = () => ({ width: 1280, height: 720, alternatives: [] as Answer[] });
const yesNo = (task: 'spatial' | 'depth') => () => ({ item: { ...base(), task, gt: { task, value: true } }, pred: rnd() < 0.5 ? 'Yes.' : 'No, it is not.' });

/** A random item of each task and a noisy prediction for it, in the predictions file's text form. */
const MAKE_ITEM: Record<Task, () => { item: ScorableItem; pred: unknown }> = {
  pose: () => {
    const box: Box3d = { center: [rnd() * 300 - 150, rnd() * 200 - 100, 700 + rnd() * 800], size: [40 + rnd() * 160, 40 + rnd() * 160, 40 + rnd() * 160], rotation: rotationFromEuler(rnd() * 6, rnd() * 6, rnd() * 6) };
    const gt = projectBox(K, box);
    return { item: { ...base(), task: 'pose', gt: { task: 'pose', points: gt }, camera: { K }, box3d: box }, pred: formatAnswer({ task: 'pose', points: jitter(gt, 3) }) };
  },
  grasp: () => {
    const gt: Vec2[] = [[600, 300], [580, 300], [620, 300], [580, 340], [620, 340]];
    return { item: { ...base(), task: 'grasp', gt: { task: 'grasp', points: gt } }, pred: formatAnswer({ task: 'grasp', points: jitter(gt, 10) }) };
  },
  trajectory: () => {
    const gt: Vec2[] = [[100, 500], [400, 200], [900, 300]];
    return { item: { ...base(), task: 'trajectory', gt: { task: 'trajectory', points: gt } }, pred: formatAnswer({ task: 'trajectory', points: jitter([...gt, [950, 320]], 40) }) };
  },
  rearrangement: () => {
    const gt: Vec2[] = [[200, 200], [600, 400], [900, 100]];
    return { item: { ...base(), task: 'rearrangement', gt: { task: 'rearrangement', points: gt } }, pred: formatAnswer({ task: 'rearrangement', points: jitter(gt.slice(0, 2), 60) }) };
  },
  spatial: yesNo('spatial'),
  depth: yesNo('depth'),
};
export const makeItem = (task: Task) => MAKE_ITEM[task]();

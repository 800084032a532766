/** Pose: the 8 projected corners of an object's 3D box (METRICS.md "Pose — IoU"). */
import { formatCuboid, parseCuboid, poseAnswerSchema, type PoseAnswer } from '../answers/cuboid';
import type { Mat3 } from '../geometry/types';
import { poseIou2d, poseIou3d } from '../metrics/poseIou';
import { percent } from './text';
import type { TaskSpec } from './types';

export const poseTask = {
  task: 'pose',
  answerSchema: poseAnswerSchema,
  points: { min: 8, max: 8 },
  parse: parseCuboid,
  format: formatCuboid,
  score(item, a) {
    // IoU 3D needs the camera and the ground-truth box; without them the column has no value (null).
    const has3d = Boolean(item.camera?.K && item.box3d);
    const iou3d = has3d ? (a ? poseIou3d(item.camera!.K as Mat3, item.box3d!, a.points) : 0) : null;
    return { valid: a !== null, iou3d, iou2d: a ? poseIou2d(item.gt.points, a.points) : 0 };
  },
  columns: [
    { key: 'pose_iou3d', header: 'Pose IoU 3D', higherIsBetter: true, decimals: 1 },
    { key: 'pose_iou2d', header: 'Pose IoU 2D', higherIsBetter: true, decimals: 1 },
  ] as const,
  text: {
    title: 'Object pose: the 3D box around an object',
    steps: [
      'Click on the table where the object stands: a box appears there. Drag the box to move it.',
      'The box starts at the object\'s real size. Turn it with the ◆ handle on the table (keys [ and ]); T rests it on another face (a box lying down); tilt it with the ▲ handle; drag the round dots to fit its width, depth and height.',
      'The shaded outline under the box is its footprint on the table: line it up with where the object touches the table. After the practice question you are told what is off (too tall, too far, turned).',
      'Images without a known camera: drag the front face, pull out the back face, then drag any corner.',
      'Corners 0–3 are the bottom face (solid orange), 4–7 the top face (dashed blue); the tool orders them for you.',
    ],
    exampleCaption: 'corners 0–3 on the table, 4–7 on top; corner i is joined to corner i + 4',
    feedback: (s) => `Box overlap in 3D: ${percent(s.iou3d)} · in the image: ${percent(s.iou2d)} (100% is perfect).`,
  },
} satisfies TaskSpec<PoseAnswer>;

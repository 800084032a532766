/** Grasp: 5 points of a parallel gripper (METRICS.md "Grasp — NCE"). */
import { formatGrasp, graspAnswerSchema, parseGrasp, type GraspAnswer } from '../answers/grasp';
import { graspNceSingle } from '../metrics/graspNce';
import type { TaskSpec } from './types';

export const graspTask = {
  task: 'grasp',
  answerSchema: graspAnswerSchema,
  points: { min: 5, max: 5 },
  parse: parseGrasp,
  format: formatGrasp,
  score(item, a) {
    if (!a) return { valid: false, nce: Infinity };
    // The best (lowest) NCE over the ground truth and its alternatives, without building that list.
    let nce = graspNceSingle(a.points, item.gt.points, item.width, item.height);
    for (const alt of item.alternatives) nce = Math.min(nce, graspNceSingle(a.points, alt.points, item.width, item.height));
    return { valid: true, nce };
  },
  columns: [{ key: 'grasp_nce', header: 'Grasp NCE', higherIsBetter: false, decimals: 2 }] as const,
  text: {
    title: 'Grasp: where a two-finger gripper should close',
    steps: [
      'Press at the grasp center on the object and drag to where the right finger closes: that sets the closing direction and the opening.',
      'Drag the center to move the grasp, either finger base to turn or open it, the tip handle for the finger length.',
      'Looking from the palm toward the tips, the left finger (vermillion, marked L) is on your left.',
    ],
    exampleCaption: 'fingers point toward the object; left is on your left',
    feedback: (s) => `Grasp error: ${s.nce?.toFixed(2)} finger widths (0 is perfect; under 0.5 is good).`,
  },
} satisfies TaskSpec<GraspAnswer>;

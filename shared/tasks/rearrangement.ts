/** Rearrangement: one marker on each object to move first (METRICS.md "Rearrangement"). */
import { formatMarkers, MAX_MARKERS, MIN_MARKERS, parseMarkers, rearrangementAnswerSchema, type RearrangementAnswer } from '../answers/point';
import { rearrangementScores } from '../metrics/rearrangement';
import { percent } from './text';
import type { TaskSpec } from './types';

export const rearrangementTask = {
  task: 'rearrangement',
  answerSchema: rearrangementAnswerSchema,
  points: { min: MIN_MARKERS, max: MAX_MARKERS },
  parse: parseMarkers,
  format: formatMarkers,
  score(item, a) {
    if (!a) return { valid: false, recall: 0, precision: 0 };
    const { recall, precision } = rearrangementScores(a.points, item.gt.points, item.width, item.height, item.regions);
    return { valid: true, recall, precision };
  },
  columns: [
    { key: 'rearr_recall', header: 'Rearr. Recall', higherIsBetter: true, decimals: 1 },
    { key: 'rearr_precision', header: 'Rearr. Precision', higherIsBetter: true, decimals: 1 },
  ] as const,
  text: {
    title: 'Rearrangement: what must be moved first',
    steps: ['Click one marker on each object that must be moved before the target can be grasped.', 'Drag to adjust; select and press Delete to remove.'],
    exampleCaption: 'one marker on each object blocking the grasp, none on objects out of the way',
    feedback: (s) => `Found ${percent(s.recall)} of the objects to move; ${percent(s.precision)} of your markers were right.`,
  },
} satisfies TaskSpec<RearrangementAnswer>;

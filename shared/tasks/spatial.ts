/** Spatial relation: a yes/no question about left/right/above/below as seen in the image. */
import { yesNoTask } from './yesno';

export const spatialTask = yesNoTask(
  'spatial',
  { key: 'spatial_sr', header: 'Spatial SR', higherIsBetter: true, decimals: 1 },
  {
    title: 'Spatial relation',
    steps: ['Answer Yes or No (keys Y and N), as seen in the image.'],
    exampleCaption: 'left/right/above/below as seen in the image',
    feedback: (s) => (s.correct ? 'Correct.' : 'Not correct.'),
  },
);

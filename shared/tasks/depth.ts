/** Relative depth: a yes/no question about which object is closer to the camera. */
import { yesNoTask } from './yesno';

export const depthTask = yesNoTask(
  'depth',
  { key: 'depth_sr', header: 'Rel. Depth SR', higherIsBetter: true, decimals: 1 },
  {
    title: 'Relative depth',
    steps: ['Answer Yes or No (keys Y and N): which object is closer to the camera.'],
    exampleCaption: 'closer/farther: distance from the camera',
    feedback: (s) => (s.correct ? 'Correct.' : 'Not correct.'),
  },
);

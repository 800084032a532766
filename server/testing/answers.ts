/** A valid answer of each task inside the fixture image, for tests that submit many answers. */
import type { Answer, Task } from '../../shared/tasks';

export function fixtureAnswer(task: Task): Answer {
  switch (task) {
    case 'pose':
      return { task, points: [[100, 300], [200, 300], [220, 260], [120, 260], [100, 200], [200, 200], [220, 160], [120, 160]] };
    case 'grasp':
      return { task, points: [[300, 200], [280, 200], [320, 200], [280, 230], [320, 230]] };
    case 'trajectory':
      return { task, points: [[50, 50], [300, 100], [500, 400]] };
    case 'rearrangement':
      return { task, points: [[100, 100]] };
    case 'spatial':
    case 'depth':
      return { task, value: true };
  }
}

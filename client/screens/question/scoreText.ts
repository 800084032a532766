/** One answer's scores in words for the legend (formatting only; the scores come from the server). */
import type { Task } from '../../../shared/tasks';
import type { Scores } from '../../../shared/metrics/scores';

const pct = (x: number | null | undefined) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');
const num = (x: number | undefined, d: number) => (x === undefined ? '–' : Number.isFinite(x) ? x.toFixed(d) : 'inf');

export function scoreText(task: Task, s: Scores | null): string {
  if (!s) return 'not scored';
  const invalid = s.valid ? '' : ' (unreadable)';
  switch (task) {
    case 'pose':
      return `IoU 3D ${pct(s.iou3d)} · IoU 2D ${pct(s.iou2d)}${invalid}`;
    case 'grasp':
      return `NCE ${num(s.nce, 2)}${invalid}`;
    case 'trajectory':
      return `${s.success === 1 ? 'success' : 'no success'} · dist ${num(s.dist, 1)} px${invalid}`;
    case 'rearrangement':
      return `recall ${pct(s.recall)} · precision ${pct(s.precision)}${invalid}`;
    case 'spatial':
    case 'depth':
      return `${s.correct === 1 ? 'correct' : 'wrong'}${invalid}`;
    default: {
      const never: never = task;
      return never;
    }
  }
}

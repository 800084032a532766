/** The trajectory example: a path from the object to move to its target, in the canvas's path colour. */
import { COLORS, INK } from '../../canvas/colors';

// The canvas's own colours (client/canvas/colors.ts), so the picture and the drawing agree.
const W = 360;

export function TrajectoryExample() {
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="A path from the object to move to its target" data-testid="task-example">
      <rect x="20" y="120" width="50" height="40" fill="#f2d7a6" stroke={INK} />
      <rect x="250" y="40" width="50" height="40" fill="#bfe3d4" stroke={INK} />
      <polyline points="45,140 100,80 190,60 275,60" fill="none" stroke={COLORS.path} strokeWidth="3" markerEnd="url(#arrow)" />
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill={COLORS.path} />
        </marker>
      </defs>
      {[[45, 140], [100, 80], [190, 60], [275, 60]].map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r="5" fill="#fff" stroke={COLORS.path} strokeWidth="2" />
      ))}
      <text x="18" y="180" fontSize="12">start on the object to move</text>
      <text x="210" y="100" fontSize="12">end on its target</text>
    </svg>
  );
}

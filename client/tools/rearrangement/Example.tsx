/** The rearrangement example: one marker on each object in the way, in the canvas's marker colour. */
import { COLORS, INK } from '../../canvas/colors';

// The canvas's own colours (client/canvas/colors.ts), so the picture and the drawing agree.
const W = 360;

export function RearrangementExample() {
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="Markers on the objects that must be moved first" data-testid="task-example">
      <rect x="130" y="70" width="60" height="60" fill="#cfd8e3" stroke={INK} />
      <text x="139" y="104" fontSize="12">target</text>
      <rect x="80" y="60" width="40" height="80" fill="#f2d7a6" stroke={INK} />
      <rect x="200" y="75" width="40" height="50" fill="#f2d7a6" stroke={INK} />
      <rect x="250" y="150" width="50" height="30" fill="#e8e8e8" stroke={INK} />
      {[[100, 100], [220, 100]].map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill={COLORS.marker} stroke={INK} />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle">{i + 1}</text>
        </g>
      ))}
      <text x="10" y="26" fontSize="12">one marker on each object blocking the grasp,</text>
      <text x="10" y="42" fontSize="12">none on objects that are out of the way</text>
    </svg>
  );
}

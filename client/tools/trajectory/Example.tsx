/** The trajectory example: a path from the object to move to its target. */
import { INK, OKABE_ITO } from '../../canvas/colors';

const BLUE = OKABE_ITO.blue;

export function TrajectoryExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A path from the source object to the target">
      <rect x="20" y="120" width="50" height="40" fill="#f2d7a6" stroke={INK} />
      <rect x="210" y="40" width="50" height="40" fill="#bfe3d4" stroke={INK} />
      <polyline points="45,140 90,80 170,60 235,60" fill="none" stroke={BLUE} strokeWidth="3" markerEnd="url(#arrow)" />
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill={BLUE} />
        </marker>
      </defs>
      {[[45, 140], [90, 80], [170, 60], [235, 60]].map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r="5" fill="#fff" stroke={BLUE} strokeWidth="2" />
      ))}
      <text x="18" y="178" fontSize="11">start on the object to move</text>
      <text x="180" y="100" fontSize="11">end on the target</text>
    </svg>
  );
}

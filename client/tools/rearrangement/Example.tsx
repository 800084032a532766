/** The rearrangement example: markers on the objects that must be moved first. */
import { INK, OKABE_ITO } from '../../canvas/colors';

const ORANGE = OKABE_ITO.orange;

export function RearrangementExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="Markers on the objects that must be moved first">
      <rect x="110" y="70" width="60" height="60" fill="#cfd8e3" stroke={INK} />
      <text x="118" y="104" fontSize="11">target</text>
      <rect x="60" y="60" width="40" height="80" fill="#f2d7a6" stroke={INK} />
      <rect x="180" y="75" width="40" height="50" fill="#f2d7a6" stroke={INK} />
      <rect x="200" y="150" width="50" height="30" fill="#e8e8e8" stroke={INK} />
      {[[80, 100], [200, 100]].map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill={ORANGE} stroke={INK} />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle">{i + 1}</text>
        </g>
      ))}
    </svg>
  );
}

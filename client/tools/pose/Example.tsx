/** The pose example: a box in perspective with its corners numbered in METRICS.md's order. */
import { INK, OKABE_ITO } from '../../canvas/colors';

const BLUE = OKABE_ITO.blue;
const ORANGE = OKABE_ITO.orange;

export function PoseExample() {
  // A box in perspective; 0–3 the face on the table (blue), 4–7 the top face (orange), i joined to i+4.
  const p = [[60, 150], [170, 165], [215, 130], [110, 118], [60, 70], [170, 85], [215, 50], [110, 38]];
  const face = (ids: number[]) => ids.map((i) => p[i].join(',')).join(' ');
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A box with its eight corners numbered">
      <polygon points={face([0, 1, 2, 3])} fill="none" stroke={BLUE} strokeWidth="3" />
      <polygon points={face([4, 5, 6, 7])} fill="none" stroke={ORANGE} strokeWidth="3" />
      {[0, 1, 2, 3].map((i) => (
        <line key={i} x1={p[i][0]} y1={p[i][1]} x2={p[i + 4][0]} y2={p[i + 4][1]} stroke={INK} strokeWidth="1.5" strokeDasharray="4 3" />
      ))}
      {p.map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill="#fff" stroke={i < 4 ? BLUE : ORANGE} strokeWidth="2" />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle" fill={INK}>
            {i}
          </text>
        </g>
      ))}
      <text x="232" y="150" fontSize="11" fill={BLUE}>bottom face</text>
      <text x="225" y="45" fontSize="11" fill={ORANGE}>top face</text>
    </svg>
  );
}

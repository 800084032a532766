/** The pose example: a box in perspective with its corners numbered in METRICS.md's order, in the canvas's colours. */
import { COLORS, INK } from '../../canvas/colors';

// The canvas's own colours (client/canvas/colors.ts), so the picture and the drawing agree.
const W = 360;

export function PoseExample() {
  // A box in perspective, drawn as the canvas draws it: 0–3 the face on the table (solid, shaded), 4–7
  // the top face (dashed), corner i joined to i+4.
  const p = [[60, 150], [170, 165], [215, 130], [110, 118], [60, 70], [170, 85], [215, 50], [110, 38]];
  const face = (ids: number[]) => ids.map((i) => p[i].join(',')).join(' ');
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="A box with its eight corners numbered" data-testid="task-example">
      <polygon points={face([0, 1, 2, 3])} fill={COLORS.front} fillOpacity="0.18" stroke={COLORS.front} strokeWidth="3" />
      <polygon points={face([4, 5, 6, 7])} fill="none" stroke={COLORS.back} strokeWidth="2.5" strokeDasharray="6 5" />
      {[0, 1, 2, 3].map((i) => (
        <line key={i} x1={p[i][0]} y1={p[i][1]} x2={p[i + 4][0]} y2={p[i + 4][1]} stroke={COLORS.back} strokeWidth="1.5" />
      ))}
      {p.map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill="#fff" stroke={i < 4 ? COLORS.front : COLORS.back} strokeWidth="2" />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle" fill={INK}>
            {i}
          </text>
        </g>
      ))}
      <text x="228" y="150" fontSize="12" fill={INK}>
        <tspan fill={COLORS.front} fontWeight="700">━</tspan> bottom face (0–3)
      </text>
      <text x="228" y="45" fontSize="12" fill={INK}>
        <tspan fill={COLORS.back} fontWeight="700">╍</tspan> top face (4–7)
      </text>
    </svg>
  );
}

/** The grasp example: a parallel gripper with its five points, fingers in the canvas's colours. */
import { COLORS, INK } from '../../canvas/colors';

// The canvas's own colours (client/canvas/colors.ts), so the picture and the drawing agree.
const W = 360;

export function GraspExample() {
  return (
    <svg viewBox={`0 0 ${W} 200`} width={W} height="200" role="img" aria-label="A parallel gripper with its five points" data-testid="task-example">
      <line x1="180" y1="120" x2="180" y2="150" stroke={INK} strokeWidth="3" />
      <line x1="140" y1="120" x2="220" y2="120" stroke={INK} strokeWidth="3" />
      <line x1="140" y1="120" x2="140" y2="60" stroke={COLORS.leftFinger} strokeWidth="5" />
      <line x1="220" y1="120" x2="220" y2="60" stroke={COLORS.rightFinger} strokeWidth="5" />
      <text x="128" y="52" fontSize="14" fontWeight="700" fill={COLORS.leftFinger}>L</text>
      <circle cx="180" cy="120" r="6" fill="#fff" stroke={INK} strokeWidth="2" />
      <text x="188" y="140" fontSize="12">center</text>
      <text x="60" y="124" fontSize="12" fill={INK}>left base</text>
      <text x="74" y="64" fontSize="12" fill={INK}>left tip</text>
      <text x="228" y="124" fontSize="12" fill={INK}>right base</text>
      <text x="228" y="64" fontSize="12" fill={INK}>right tip</text>
      <text x={W / 2} y="176" fontSize="12" textAnchor="middle" fill={INK}>fingers point toward the object;</text>
      <text x={W / 2} y="192" fontSize="12" textAnchor="middle" fill={INK}>the left one (L) is on your left</text>
    </svg>
  );
}

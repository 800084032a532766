/** The grasp example: a parallel gripper with its five points, and which finger is left. */
import { INK, OKABE_ITO } from '../../canvas/colors';

const BLUE = OKABE_ITO.blue;
const ORANGE = OKABE_ITO.orange;
const GREEN = OKABE_ITO.bluishGreen;

export function GraspExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A parallel gripper with its five points">
      <rect x="105" y="95" width="70" height="60" rx="8" fill="#dfe6ee" stroke={INK} />
      <line x1="100" y1="120" x2="180" y2="120" stroke={INK} strokeWidth="3" />
      <line x1="100" y1="120" x2="100" y2="60" stroke={BLUE} strokeWidth="5" />
      <line x1="180" y1="120" x2="180" y2="60" stroke={ORANGE} strokeWidth="5" />
      <circle cx="140" cy="120" r="6" fill={GREEN} />
      <text x="148" y="138" fontSize="11">center</text>
      <text x="20" y="124" fontSize="11" fill={BLUE}>left base</text>
      <text x="30" y="62" fontSize="11" fill={BLUE}>left tip</text>
      <text x="188" y="124" fontSize="11" fill={ORANGE}>right base</text>
      <text x="188" y="62" fontSize="11" fill={ORANGE}>right tip</text>
    </svg>
  );
}

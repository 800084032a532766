import { Line } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS } from '../../canvas/colors';

interface Props {
  from: Vec2;
  to: Vec2;
  color: string;
  scale: number;
}

/** A direction chevron at the middle of segment from→to, constant screen size (12 px). */
export function ArrowHead({ from, to, color, scale }: Props) {
  const dx = to[0] - from[0], dy = to[1] - from[1];
  const len = Math.hypot(dx, dy);
  if (len * scale < 24) return null; // too short on screen to carry a readable arrow
  const ux = dx / len, uy = dy / len;
  const s = 7 / scale;
  const mx = from[0] + dx / 2, my = from[1] + dy / 2;
  const tip: Vec2 = [mx + ux * s, my + uy * s];
  const l: Vec2 = [mx - ux * s - uy * s, my - uy * s + ux * s];
  const r: Vec2 = [mx - ux * s + uy * s, my - uy * s - ux * s];
  return (
    <Line
      points={[...l, ...tip, ...r]}
      closed
      fill={color}
      stroke={COLORS.halo}
      strokeWidth={1.5}
      strokeScaleEnabled={false}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

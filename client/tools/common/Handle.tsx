import { Circle, RegularPolygon } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS, SIZES } from '../../canvas/colors';

interface Props {
  at: Vec2;
  scale: number;
  isSelected?: boolean;
  fill?: string;
  /** Relative size, e.g. 1.3 for a move handle. */
  size?: number;
  /** Shape tells handle roles apart without relying on colour. */
  shape?: 'circle' | 'diamond' | 'triangle';
}

/** A drag handle in image-pixel space whose on-screen radius stays constant at any zoom. */
export function Handle({ at, scale, isSelected = false, fill = COLORS.handleFill, size = 1, shape = 'circle' }: Props) {
  const Node = shape === 'circle' ? Circle : RegularPolygon;
  return (
    <Node
      x={at[0]}
      y={at[1]}
      sides={shape === 'diamond' ? 4 : 3}
      radius={(SIZES.handleRadius * size * (shape === 'circle' ? 1 : 1.35)) / scale}
      fill={isSelected ? COLORS.selected : fill}
      stroke={COLORS.handleStroke}
      strokeWidth={1.5}
      strokeScaleEnabled={false}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

import { Circle } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS, SIZES } from '../../canvas/colors';

interface Props {
  at: Vec2;
  scale: number;
  isSelected?: boolean;
  fill?: string;
  /** Relative size, e.g. 1.3 for a move handle. */
  size?: number;
}

/** A drag handle in image-pixel space whose on-screen radius stays constant at any zoom. */
export function Handle({ at, scale, isSelected = false, fill = COLORS.handleFill, size = 1 }: Props) {
  return (
    <Circle
      x={at[0]}
      y={at[1]}
      radius={(SIZES.handleRadius * size) / scale}
      fill={isSelected ? COLORS.selected : fill}
      stroke={COLORS.handleStroke}
      strokeWidth={1.5}
      strokeScaleEnabled={false}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

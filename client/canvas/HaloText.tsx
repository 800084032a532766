import { Text } from 'react-konva';
import { COLORS } from './colors';

interface Props {
  text: string;
  /** Position in image pixels (the layer's space). */
  x: number;
  y: number;
  color: string;
  scale: number;
  /** Font size in screen pixels, whatever the zoom. */
  sizePx: number;
}

/** A bold label with a dark halo so it reads on any photo; constant screen size at any zoom. */
export function HaloText({ text, x, y, color, scale, sizePx }: Props) {
  return (
    <Text
      text={text}
      x={x}
      y={y}
      fontSize={sizePx / scale}
      fontStyle="bold"
      fill={color}
      stroke={COLORS.halo}
      strokeWidth={3}
      strokeScaleEnabled={false}
      fillAfterStrokeEnabled
      perfectDrawEnabled={false}
      listening={false}
    />
  );
}

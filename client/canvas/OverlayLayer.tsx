import { memo } from 'react';
import { Layer } from 'react-konva';
import type { Answer } from '../../shared/answers';
import type { ShapeProps } from '../tools/types';

interface Props {
  Shape: React.FC<ShapeProps>;
  answer: Answer;
  scale: number;
  /** `overlay`: verify mode, the answer under review; `ghost`: faded reference while correcting it. */
  variant: 'overlay' | 'ghost';
}

/** A saved or generated answer drawn read-only over the image. */
export const OverlayLayer = memo(function OverlayLayer({ Shape, answer, scale, variant }: Props) {
  return (
    <Layer listening={false} opacity={variant === 'ghost' ? 0.45 : 1}>
      <Shape answer={answer} scale={scale} variant="overlay" />
    </Layer>
  );
});

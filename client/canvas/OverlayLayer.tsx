import { memo } from 'react';
import { Layer } from 'react-konva';
import type { Answer } from '../../shared/tasks';
import type { ShapeProps } from './tool';

interface Props {
  Shape: React.FC<ShapeProps>;
  answer: Answer;
  scale: number;
  /**
   * `overlay`: the answer under review (verify mode); `ghost`: the same, faded, as a reference while
   * correcting it; `answer`: the contributor's own answer shown read-only (e.g. practice feedback).
   */
  variant: 'overlay' | 'ghost' | 'answer';
  label?: string;
}

/** A saved or generated answer drawn read-only over the image. */
export const OverlayLayer = memo(function OverlayLayer({ Shape, answer, scale, variant, label }: Props) {
  return (
    <Layer listening={false} opacity={variant === 'ghost' ? 0.45 : 1}>
      <Shape answer={answer} scale={scale} variant={variant === 'answer' ? 'answer' : 'overlay'} overlayLabel={label} />
    </Layer>
  );
});

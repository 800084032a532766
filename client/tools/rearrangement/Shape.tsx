import { COLORS } from '../../canvas/colors';
import type { ShapeProps } from '../../canvas/tool';
import { Markers } from './Markers';

/** A saved rearrangement answer, read-only. */
export function PointShape({ answer, scale, variant }: ShapeProps) {
  if (!('points' in answer)) return null;
  return <Markers points={answer.points} scale={scale} color={variant === 'overlay' ? COLORS.overlay : COLORS.marker} dashed={variant === 'overlay'} />;
}

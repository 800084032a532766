import { COLORS } from '../../canvas/colors';
import type { ShapeProps } from '../../canvas/tool';
import { Path } from './Path';

/** A saved trajectory answer, read-only. */
export function PolylineShape({ answer, scale, variant }: ShapeProps) {
  if (!('points' in answer)) return null;
  const isOverlay = variant === 'overlay';
  return <Path points={answer.points} scale={scale} color={isOverlay ? COLORS.overlay : COLORS.path} hasHandles={false} dashed={isOverlay} />;
}

import type { ShapeProps } from '../../canvas/tool';
import { CuboidEdges } from './Edges';

/** A saved pose answer (8 projected corners), read-only. */
export function CuboidShape({ answer, scale, variant }: ShapeProps) {
  if (!('points' in answer) || answer.points.length !== 8) return null;
  return <CuboidEdges corners={answer.points} scale={scale} isOverlay={variant === 'overlay'} />;
}

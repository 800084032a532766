import type { ShapeProps } from '../../canvas/tool';
import { Gripper } from './Gripper';

/** A saved grasp answer, read-only. */
export function GraspShape({ answer, scale, variant }: ShapeProps) {
  if (!('points' in answer)) return null;
  return <Gripper points={answer.points} scale={scale} isOverlay={variant === 'overlay'} />;
}

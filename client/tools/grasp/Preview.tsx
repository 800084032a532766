import { Group } from 'react-konva';
import { Handle } from '../common/Handle';
import type { PreviewProps } from '../../canvas/tool';
import { graspPoints } from './geometry';
import { Gripper } from './Gripper';
import { handlePositions, type GraspHandle } from './geometry';
import type { GraspDraft } from './tool';

const HANDLES: readonly GraspHandle[] = ['center', 'left', 'right', 'tips'];

export function GraspPreview({ draft, scale }: PreviewProps<GraspDraft>) {
  if (!draft.grasp) return null;
  const hs = handlePositions(draft.grasp);
  return (
    <Group listening={false}>
      <Gripper points={draft.exact ?? graspPoints(draft.grasp)} scale={scale} />
      {HANDLES.map((h) => (
        <Handle key={h} at={hs[h]} scale={scale} isSelected={draft.selected === h} size={h === 'center' ? 1.25 : 1} />
      ))}
    </Group>
  );
}

import { Group, Line } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS, OKABE_ITO } from '../../canvas/colors';
import { Handle } from '../common/Handle';
import { convexHull } from '../../../shared/geometry/polygon';
import { HaloLine } from '../common/HaloLine';
import type { PreviewProps } from '../../canvas/tool';
import { CuboidEdges } from './Edges';
import { footprintImage, GIZMO_HANDLES, gizmoCorners, handleImage, type Cam, type GizmoHandle } from './gizmo';
import type { CuboidDraft } from './tool';

/** Handle fills per role; the legend names them. Shapes (size) differ too, not only colour. */
const HANDLE_STYLE: Record<GizmoHandle, { fill: string; shape: 'circle' | 'diamond' | 'triangle' }> = {
  move: { fill: COLORS.handleFill, shape: 'circle' },
  yaw: { fill: OKABE_ITO.reddishPurple, shape: 'diamond' },
  sx: { fill: OKABE_ITO.vermillion, shape: 'circle' },
  sy: { fill: OKABE_ITO.bluishGreen, shape: 'circle' },
  sz: { fill: OKABE_ITO.blue, shape: 'circle' },
  tilt: { fill: OKABE_ITO.yellow, shape: 'triangle' },
};

export function CuboidPreview({ draft, scale, cam }: PreviewProps<CuboidDraft> & { cam: Cam | null }) {
  if (draft.mode === 'free') {
    const { corners, selected } = draft.free;
    return (
      <Group listening={false}>
        <CuboidEdges corners={corners} scale={scale} />
        {corners.map((c, i) => (
          <Handle key={i} at={c} scale={scale} isSelected={i === selected} fill={i < 4 ? COLORS.handleFill : COLORS.back} />
        ))}
      </Group>
    );
  }
  if (!cam || !draft.pose) return null;
  const corners = gizmoCorners(cam, draft.pose);
  if (!corners) return null;
  const handles = GIZMO_HANDLES.map((h) => [h, handleImage(cam, draft.pose!, h)] as const).filter((e): e is readonly [GizmoHandle, Vec2] => e[1] !== null);
  const foot = handles.find(([h]) => h === 'move')?.[1];
  const yaw = handles.find(([h]) => h === 'yaw')?.[1];
  const footprint = footprintImage(cam, draft.pose);
  const outline = footprint ? convexHull(footprint) : null;
  return (
    <Group listening={false}>
      {/* Its footprint on the table, under the box: where it touches and how far back it stands. */}
      {outline && (
        <Line points={outline.flatMap((p) => [p[0], p[1]])} closed fill={COLORS.footprint} opacity={0.3} listening={false} perfectDrawEnabled={false} />
      )}
      {outline && <HaloLine points={outline} closed color={COLORS.footprint} scale={scale} width={1} dash={[2, 3]} />}
      {/* Every edge is drawn over the photo, hidden ones too: the box reads through whatever stands in front. */}
      <CuboidEdges corners={corners} scale={scale} />
      {foot && yaw && <HaloLine points={[foot, yaw]} color={OKABE_ITO.reddishPurple} scale={scale} width={1.5} dash={[3, 3]} />}
      {/* The footprint centre is not drawn as a handle: the whole box body is the move handle. */}
      {handles
        .filter(([h]) => h !== 'move')
        .map(([h, at]) => (
          <Handle key={h} at={at} scale={scale} isSelected={draft.selected === h} fill={HANDLE_STYLE[h].fill} shape={HANDLE_STYLE[h].shape} />
        ))}
    </Group>
  );
}

import { COLORS } from '../../canvas/colors';
import type { PointListDraft } from '../common/pointList';
import type { PreviewProps } from '../../canvas/tool';
import { Path } from './Path';

export function PolylinePreview({ draft, scale }: PreviewProps<PointListDraft>) {
  return <Path points={draft.points} scale={scale} color={COLORS.path} selected={draft.selected} hasHandles />;
}

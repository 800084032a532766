import { COLORS } from '../../canvas/colors';
import type { PointListDraft } from '../common/pointList';
import type { PreviewProps } from '../../canvas/tool';
import { Markers } from './Markers';

export function PointPreview({ draft, scale }: PreviewProps<PointListDraft>) {
  return <Markers points={draft.points} scale={scale} color={COLORS.marker} selected={draft.selected} />;
}

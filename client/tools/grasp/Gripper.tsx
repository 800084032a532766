import { Group } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS } from '../../canvas/colors';
import { HaloLine } from '../common/HaloLine';
import { HaloText } from '../../canvas/HaloText';

interface Props {
  /** Centre, left base, right base, left tip, right tip (image px). */
  points: readonly Vec2[];
  scale: number;
  /** Overlay style: one colour, dashed; otherwise left/right fingers in two palette colours. */
  isOverlay?: boolean;
}

/** A parallel-jaw gripper: palm between the bases, two fingers, a short wrist behind the palm, "L" label. */
export function Gripper({ points, scale, isOverlay = false }: Props) {
  if (points.length !== 5) return null;
  const [c, lb, rb, lt, rt] = points;
  const ax = (lt[0] - lb[0] + rt[0] - rb[0]) / 2, ay = (lt[1] - lb[1] + rt[1] - rb[1]) / 2;
  const len = Math.hypot(ax, ay) || 1;
  const wristLen = Math.max(len * 0.5, 14 / scale);
  const wrist: Vec2 = [c[0] - (ax / len) * wristLen, c[1] - (ay / len) * wristLen];
  const dash = isOverlay ? [7, 5] : undefined;
  const body = isOverlay ? COLORS.overlay : COLORS.handleFill;
  const left = isOverlay ? COLORS.overlay : COLORS.leftFinger;
  const right = isOverlay ? COLORS.overlay : COLORS.rightFinger;
  return (
    <Group listening={false}>
      <HaloLine points={[c, wrist]} color={body} scale={scale} width={3} dash={dash} />
      <HaloLine points={[lb, rb]} color={body} scale={scale} width={3} dash={dash} />
      <HaloLine points={[lb, lt]} color={left} scale={scale} width={4} dash={dash} />
      <HaloLine points={[rb, rt]} color={right} scale={scale} width={4} dash={dash} />
      <HaloText
        text="L"
        x={lt[0] + (lt[0] - rt[0]) * 0.15 - 5 / scale}
        y={lt[1] + (lt[1] - rt[1]) * 0.15 - 7 / scale}
        color={left}
        scale={scale}
        sizePx={14}
      />
    </Group>
  );
}

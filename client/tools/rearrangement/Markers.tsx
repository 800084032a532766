import { Circle, Group } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS } from '../../canvas/colors';
import { HaloText } from '../../canvas/HaloText';

interface Props {
  points: readonly Vec2[];
  scale: number;
  color: string;
  selected?: number | null;
  dashed?: boolean;
}

/** Numbered target markers: a ring with a centre dot, so the exact pixel stays visible. */
export function Markers({ points, scale, color, selected = null, dashed = false }: Props) {
  const r = 9 / scale;
  return (
    <Group listening={false}>
      {points.map((p, i) => (
        <Group key={i} x={p[0]} y={p[1]} listening={false}>
          <Circle radius={r} stroke={COLORS.halo} strokeWidth={5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
          <Circle
            radius={r}
            stroke={i === selected ? COLORS.selected : color}
            strokeWidth={i === selected ? 3 : 2}
            strokeScaleEnabled={false}
            dash={dashed ? [4 / scale, 3 / scale] : undefined}
            perfectDrawEnabled={false}
          />
          <Circle radius={2 / scale} fill={i === selected ? COLORS.selected : color} perfectDrawEnabled={false} />
          <HaloText text={String(i + 1)} x={r * 1.1} y={-r * 2.1} color={color} scale={scale} sizePx={13} />
        </Group>
      ))}
    </Group>
  );
}

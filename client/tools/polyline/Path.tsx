import { Group } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { HaloLine } from '../common/HaloLine';
import { Handle } from '../common/Handle';

interface Props {
  points: readonly Vec2[];
  scale: number;
  color: string;
  selected?: number | null;
  hasHandles: boolean;
  dashed?: boolean;
}

/** A path with an arrow head on every segment (direction is part of the answer) and a larger start. */
export function Path({ points, scale, color, selected = null, hasHandles, dashed = false }: Props) {
  const dash = dashed ? [8, 6] : undefined;
  return (
    <Group listening={false}>
      {points.length >= 2 && <HaloLine points={points} color={color} scale={scale} dash={dash} />}
      {points.slice(1).map((b, i) => {
        const a = points[i];
        const mid: Vec2 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        return <HaloLine key={i} points={[a, mid]} color={color} scale={scale} hasArrow width={0.01} />;
      })}
      {hasHandles && points.map((p, i) => <Handle key={i} at={p} scale={scale} isSelected={i === selected} fill={i === 0 ? color : undefined} size={i === 0 ? 1.3 : 1} />)}
    </Group>
  );
}

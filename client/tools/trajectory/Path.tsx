import { Group } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { ArrowHead } from '../common/ArrowHead';
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
      {points.slice(1).map((b, i) => (
        <ArrowHead key={i} from={points[i]} to={b} color={color} scale={scale} />
      ))}
      {hasHandles && points.map((p, i) => <Handle key={i} at={p} scale={scale} isSelected={i === selected} fill={i === 0 ? color : undefined} size={i === 0 ? 1.3 : 1} />)}
    </Group>
  );
}

import { memo } from 'react';
import { Group, Layer, Line } from 'react-konva';
import type { Vec2 } from '../../shared/geometry/types';
import { HaloText } from './HaloText';
import { OKABE_ITO } from './colors';

export interface Region {
  /** Polygon in image pixels. */
  points: readonly Vec2[];
  /** Written at its first point, e.g. "source", "2". */
  label: string;
}

/** A question's regions (trajectory source/target, one per marker): thin yellow outlines, read-only. */
export const RegionsLayer = memo(function RegionsLayer({ regions, scale }: { regions: readonly Region[]; scale: number }) {
  return (
    <Layer listening={false}>
      {regions.map((r, i) => (
        <Group key={i}>
          <Line points={r.points.flatMap((p) => [p[0], p[1]])} closed stroke="#000" strokeWidth={4 / scale} opacity={0.5} />
          <Line points={r.points.flatMap((p) => [p[0], p[1]])} closed stroke={OKABE_ITO.yellow} strokeWidth={1.5 / scale} dash={[6 / scale, 4 / scale]} />
          <HaloText text={r.label} x={r.points[0][0]} y={r.points[0][1] - 16 / scale} color={OKABE_ITO.yellow} scale={scale} sizePx={12} />
        </Group>
      ))}
    </Layer>
  );
});

import { Line } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS, SIZES } from '../../canvas/colors';

interface Props {
  points: readonly Vec2[];
  color: string;
  scale: number;
  closed?: boolean;
  dash?: number[];
  /** Stroke width in screen pixels. */
  width?: number;
  opacity?: number;
}

/**
 * A stroke with a dark halo under it so it reads on any photo. Widths are in screen pixels
 * (`strokeScaleEnabled=false`); the dash pattern is given in screen pixels too and scaled here.
 */
export function HaloLine({ points, color, scale, closed = false, dash, width = SIZES.stroke, opacity = 1 }: Props) {
  const flat = points.flatMap((p) => [p[0], p[1]]);
  const dashImg = dash?.map((d) => d / scale);
  const common = { points: flat, closed, listening: false, perfectDrawEnabled: false, strokeScaleEnabled: false, lineCap: 'round' as const, lineJoin: 'round' as const, opacity };
  return (
    <>
      <Line {...common} stroke={COLORS.halo} strokeWidth={width + SIZES.halo} />
      <Line {...common} stroke={color} strokeWidth={width} dash={dashImg} />
    </>
  );
}

import { Group, Line } from 'react-konva';
import type { Vec2 } from '../../../shared/geometry/types';
import { COLORS } from '../../canvas/colors';
import { HaloLine } from '../common/HaloLine';

interface Props {
  /** 4 (front face only) or 8 corners in METRICS.md order, image px. */
  corners: readonly Vec2[];
  scale: number;
  isOverlay?: boolean;
}

/**
 * Front face (corners 0–3) solid orange with a light fill, back face (4–7) dashed sky blue, the four
 * depth edges thin: hue, dash and fill all differ, so the faces are told apart without colour vision.
 */
export function CuboidEdges({ corners, scale, isOverlay = false }: Props) {
  const front = corners.slice(0, 4);
  const back = corners.slice(4, 8);
  const frontColor = isOverlay ? COLORS.overlay : COLORS.front;
  const backColor = isOverlay ? COLORS.overlay : COLORS.back;
  return (
    <Group listening={false}>
      {back.length === 4 && <HaloLine points={back} closed color={backColor} scale={scale} dash={[6, 5]} />}
      {back.length === 4 &&
        front.map((f, i) => <HaloLine key={i} points={[f, back[i]]} color={backColor} scale={scale} width={1.5} dash={isOverlay ? [6, 5] : undefined} />)}
      {front.length === 4 && (
        <Line
          points={front.flatMap((p) => [p[0], p[1]])}
          closed
          fill={frontColor}
          opacity={0.18}
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {front.length === 4 && <HaloLine points={front} closed color={frontColor} scale={scale} width={2.5} dash={isOverlay ? [10, 4] : undefined} />}
    </Group>
  );
}

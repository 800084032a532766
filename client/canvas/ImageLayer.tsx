import { memo } from 'react';
import { Image as KonvaImage, Layer } from 'react-konva';

interface Props {
  source: CanvasImageSource;
  width: number;
  height: number;
  /** Past 3 screen px per image px, show crisp pixels so one can aim at a single pixel. */
  isPixelated: boolean;
}

/** The photo on its own layer: never listening, redrawn only when the view changes. */
export const ImageLayer = memo(function ImageLayer({ source, width, height, isPixelated }: Props) {
  return (
    <Layer listening={false} imageSmoothingEnabled={!isPixelated}>
      <KonvaImage image={source} width={width} height={height} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
});

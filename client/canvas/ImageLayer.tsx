import { memo, useEffect, useRef } from 'react';
import type Konva from 'konva';
import { Image as KonvaImage, Layer } from 'react-konva';

interface Props {
  source: CanvasImageSource;
  width: number;
  height: number;
  /** Past 3 screen px per image px, show crisp pixels so one can aim at a single pixel. */
  isPixelated: boolean;
  /** CSS filter of the photo (brightness, contrast; imageLook.ts), 'none' for the photo as it is. */
  filter: string;
}

/**
 * The photo on its own layer: never listening, redrawn only when the view changes. Brightness and
 * contrast are a CSS filter on the layer's canvas (done by the compositor, no redraw, no pixel copy),
 * so the drawing above them keeps its colours.
 */
export const ImageLayer = memo(function ImageLayer({ source, width, height, isPixelated, filter }: Props) {
  const ref = useRef<Konva.Layer>(null);
  useEffect(() => {
    const canvas = ref.current?.getNativeCanvasElement();
    if (canvas) canvas.style.filter = filter;
  }, [filter]);
  return (
    <Layer ref={ref} listening={false} imageSmoothingEnabled={!isPixelated}>
      <KonvaImage image={source} width={width} height={height} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
});

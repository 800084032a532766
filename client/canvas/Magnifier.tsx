import { useImperativeHandle, useRef } from 'react';
import { OKABE_ITO } from './colors';

export interface MagnifierHandle {
  /** Shows the area around image point `img` next to stage point `at`; `drawing` is the tool layer canvas. */
  show(at: [number, number], img: [number, number], scale: number, stageSize: { width: number; height: number }, drawing: HTMLCanvasElement | null): void;
  hide(): void;
}

interface Props {
  source: CanvasImageSource | null;
  /** The photo's filter (brightness, contrast), so the loupe shows what the canvas shows. */
  filter: string;
  ref?: React.Ref<MagnifierHandle>;
}

const SIZE = 150;
const GAP = 48;

/**
 * A loupe beside the cursor: the original pixels at ≥ 4 screen px per image px, the drawing on top,
 * a crosshair on the exact pixel and its coordinates. Drawn imperatively once per animation frame, so
 * pointer moves never re-render React.
 */
export function Magnifier({ source, filter, ref }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frame = useRef(0);
  useImperativeHandle(ref, () => ({
    show(at, img, scale, stageSize, drawing) {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => {
        const c = canvasRef.current;
        const ctx = c?.getContext('2d');
        if (!c || !ctx || !source) return;
        const zoom = Math.max(4, scale * 3);
        const span = SIZE / zoom;
        ctx.imageSmoothingEnabled = false;
        ctx.fillStyle = '#333';
        ctx.fillRect(0, 0, SIZE, SIZE);
        ctx.filter = filter;
        ctx.drawImage(source, img[0] - span / 2, img[1] - span / 2, span, span, 0, 0, SIZE, SIZE);
        ctx.filter = 'none';
        if (drawing) {
          // The tool layer is in stage pixels (times the canvas pixel ratio).
          const ratio = drawing.width / Math.max(1, stageSize.width);
          const s = span * scale * ratio;
          ctx.imageSmoothingEnabled = true;
          ctx.drawImage(drawing, at[0] * ratio - s / 2, at[1] * ratio - s / 2, s, s, 0, 0, SIZE, SIZE);
        }
        ctx.strokeStyle = OKABE_ITO.yellow;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(SIZE / 2 + 0.5, 0);
        ctx.lineTo(SIZE / 2 + 0.5, SIZE / 2 - 4);
        ctx.moveTo(SIZE / 2 + 0.5, SIZE / 2 + 5);
        ctx.lineTo(SIZE / 2 + 0.5, SIZE);
        ctx.moveTo(0, SIZE / 2 + 0.5);
        ctx.lineTo(SIZE / 2 - 4, SIZE / 2 + 0.5);
        ctx.moveTo(SIZE / 2 + 5, SIZE / 2 + 0.5);
        ctx.lineTo(SIZE, SIZE / 2 + 0.5);
        ctx.stroke();
        ctx.font = '11px system-ui, sans-serif';
        const label = `${img[0].toFixed(1)}, ${img[1].toFixed(1)}`;
        ctx.fillStyle = 'rgba(0,0,0,0.65)';
        ctx.fillRect(0, SIZE - 30, SIZE, 18);
        ctx.fillStyle = '#fff';
        ctx.textAlign = 'center';
        ctx.fillText(label, SIZE / 2, SIZE - 17);
        // Sit up-right of the cursor, flipping to stay inside the stage.
        const left = at[0] + GAP + SIZE > stageSize.width ? at[0] - GAP - SIZE : at[0] + GAP;
        const top = at[1] - GAP - SIZE < 0 ? at[1] + GAP : at[1] - GAP - SIZE;
        c.style.transform = `translate(${left}px, ${top}px)`;
        c.style.visibility = 'visible';
      });
    },
    hide() {
      cancelAnimationFrame(frame.current);
      if (canvasRef.current) canvasRef.current.style.visibility = 'hidden';
    },
  }), [source, filter]);
  return (
    <canvas
      ref={canvasRef}
      width={SIZE}
      height={SIZE}
      data-testid="magnifier"
      aria-hidden
      style={{ position: 'absolute', left: 0, top: 0, visibility: 'hidden', pointerEvents: 'none', borderRadius: '50%', border: '2px solid #fff', boxShadow: '0 0 0 1px #000, 0 2px 8px rgba(0,0,0,.5)' }}
    />
  );
}

/**
 * Figure 3 of the paper as a component: one image with several answers drawn over it, each in its own
 * colour-blind-safe colour (Okabe–Ito; past seven, the colours repeat with a dash pattern), the ground
 * truth in white, and rearrangement's ground-truth regions. Hovering or clicking an answer (here or in
 * the host's legend) highlights it and dims the others. Read-only: it reports the highlight, nothing else.
 * Reused by the question page, the gallery and the curation view.
 */
import type Konva from 'konva';
import { forwardRef } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Stage, Text } from 'react-konva';
import type { Answer } from '../../shared/tasks';
import { answerSketch } from '../../shared/answers/sketch';
import type { Vec2 } from '../../shared/geometry/types';
import { COLORS, OKABE_ITO } from '../canvas/colors';
import { useImage } from '../canvas/useImage';

export interface OverlayAnswer {
  key: string;
  label: string;
  color: string;
  /** Screen-pixel dash pattern (colours repeat past seven answers), or none. */
  dash?: number[];
  /** null: unreadable (nothing to draw; the legend says so). */
  answer: Answer | null;
}

const PALETTE = [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.reddishPurple];
const DASHES: (number[] | undefined)[] = [undefined, [10, 5], [2, 5]];
export const GROUND_TRUTH_COLOR = '#FFFFFF';

/** The i-th answer's colour and dash: seven colours, then the same colours dashed, then dotted. */
export function answerStyle(i: number): { color: string; dash?: number[] } {
  return { color: PALETTE[i % PALETTE.length], dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length] };
}

interface Props {
  imageUrl: string;
  width: number;
  height: number;
  /** CSS width of the drawing; the height follows the image's aspect ratio. */
  displayWidth: number;
  answers: OverlayAnswer[];
  regions?: Vec2[][] | null;
  /** Names written at each region's first point (default "region 1", "region 2"…; e.g. "source"). */
  regionLabels?: readonly string[];
  highlight: string | null;
  onHighlight?: (key: string | null, isClick: boolean) => void;
}

function Sketch({ a, scale, isDim, isHot, onHighlight }: { a: OverlayAnswer; scale: number; isDim: boolean; isHot: boolean; onHighlight?: Props['onHighlight'] }) {
  if (!a.answer) return null;
  const s = answerSketch(a.answer);
  const width = (isHot ? 4 : 2) / scale;
  const opacity = isDim ? 0.3 : 1;
  const events = onHighlight
    ? { onMouseEnter: () => onHighlight(a.key, false), onMouseLeave: () => onHighlight(null, false), onClick: () => onHighlight(a.key, true), onTap: () => onHighlight(a.key, true) }
    : {};
  const dash = a.dash?.map((d) => d / scale);
  return (
    <Group opacity={opacity} name={`answer-${a.key}`} {...events}>
      {s.segments.map(([p, q], i) => (
        <Group key={i}>
          <Line points={[p[0], p[1], q[0], q[1]]} stroke={COLORS.halo} strokeWidth={width + 3 / scale} lineCap="round" hitStrokeWidth={12 / scale} />
          <Line points={[p[0], p[1], q[0], q[1]]} stroke={a.color} strokeWidth={width} dash={dash} lineCap="round" listening={false} />
        </Group>
      ))}
      {s.markers.map((m, i) => (
        <Group key={`m${i}`}>
          <Circle x={m.at[0]} y={m.at[1]} radius={(isHot ? 7 : 5) / scale} fill={a.color} stroke={COLORS.halo} strokeWidth={2 / scale} hitStrokeWidth={10 / scale} />
          {m.label && <Text x={m.at[0] + 7 / scale} y={m.at[1] - 16 / scale} text={m.label} fontSize={13 / scale} fontStyle="bold" fill={a.color} stroke={COLORS.halo} strokeWidth={3 / scale} fillAfterStrokeEnabled listening={false} />}
        </Group>
      ))}
    </Group>
  );
}

export const AnswersOverlay = forwardRef<Konva.Stage, Props>(function AnswersOverlay(props, ref) {
  const { width, height, displayWidth, answers, regions, regionLabels, highlight, onHighlight } = props;
  const { image, error } = useImage(props.imageUrl);
  const scale = displayWidth / width;
  const stageHeight = Math.round(height * scale);
  return (
    <div className="answers-overlay" data-testid="answers-overlay" data-image-ready={image ? 'true' : 'false'} style={{ width: displayWidth, height: stageHeight }}>
      {error && <p className="error">{error}</p>}
      <Stage ref={ref} width={displayWidth} height={stageHeight} scaleX={scale} scaleY={scale}>
        <Layer listening={false}>{image && <KonvaImage image={image.full} width={width} height={height} />}</Layer>
        <Layer>
          {regions?.map((poly, i) => (
            <Group key={`r${i}`} listening={false}>
              <Line points={poly.flat()} closed fill="rgba(255,255,255,0.18)" stroke={GROUND_TRUTH_COLOR} strokeWidth={1.5 / scale} dash={[6 / scale, 4 / scale]} />
              <Text x={poly[0][0]} y={poly[0][1] - 15 / scale} text={regionLabels?.[i] ?? `region ${i + 1}`} fontSize={11 / scale} fill={GROUND_TRUTH_COLOR} stroke={COLORS.halo} strokeWidth={3 / scale} fillAfterStrokeEnabled />
            </Group>
          ))}
          {answers.map((a) => (
            <Sketch key={a.key} a={a} scale={scale} isDim={highlight !== null && highlight !== a.key} isHot={highlight === a.key} onHighlight={onHighlight} />
          ))}
        </Layer>
      </Stage>
    </div>
  );
});

/**
 * The annotation canvas: a generic component with a contract (see README.md). It knows no task and
 * no tool folder: the screen hands it the task's registry entry (`tool`), the entry builds the tool,
 * the tool gives drafts, previews, keys and answers. Layers: image (own canvas, never listening) → overlay (a given answer) → tool (the live
 * draft, the only part that re-renders while drawing). Remount it (React `key`) for each question.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Stage } from 'react-konva';
import type Konva from 'konva';
import type { Answer, Task } from '../../shared/tasks';
import type { WorldToCamera } from '../../shared/geometry/camera';
import type { Box3d, Mat3, Vec3 } from '../../shared/geometry/types';
import { Legend } from '../history/Legend';
import { buildKeyTable, useShortcuts, type Command, type HostKey } from '../history/shortcuts';
import { createEditorStore, deserializeDraft, serializeDraft } from './editorStore';
import { ImageLayer } from './ImageLayer';
import { lookFilter, PLAIN_LOOK, type ImageLook } from './imageLook';
import { Magnifier, type MagnifierHandle } from './Magnifier';
import { OverlayLayer } from './OverlayLayer';
import { OwnAnswerLayer } from './OwnAnswerLayer';
import { RegionsLayer, type Region } from './RegionsLayer';
import { ToolControls } from './ToolControls';
import type { ToolEntry } from './tool';
import { Toolbar } from './Toolbar';
import { ToolLayer } from './ToolLayer';
import { pickLevel, useImage } from './useImage';
import { usePointerInput } from './usePointerInput';
import { useViewport } from './useViewport';

export interface AnnotationCanvasProps {
  imageUrl: string;
  /** Original image size in pixels; every coordinate in and out is in this space. */
  imageWidth: number;
  imageHeight: number;
  task: Task;
  /** The task's entry of the tool registry (`TOOLS[task]`): builds the tool and renders saved answers. */
  tool: ToolEntry;
  /** Pose only: intrinsics (and the table plane) switch the cuboid tool to the 3D gizmo. */
  camera?: { K: Mat3; world_to_camera?: WorldToCamera };
  /** Pose only: the object's edge lengths (mm), when the dataset knows them; a new box starts at them. */
  objectSizeMm?: Vec3 | null;
  /**
   * Pose, with `camera.world_to_camera` and an `initialAnswer`: the label's 3D box (camera frame), so the
   * correction starts as the 3D gizmo at that box (curators; contributors never get a box).
   */
  initialBox3d?: Box3d | null;
  /** Pose gizmo on a known table: the box of each committed change (null without one), before onAnswerChange. */
  onBox3dChange?(box: Box3d | null): void;
  /** Start from this answer (e.g. correcting a generated one). Changing it resets the session. */
  initialAnswer?: Answer | null;
  /** A draft saved from `onDraftChange`; wins over `initialAnswer` when it belongs to the same tool. */
  initialDraft?: string | null;
  /** A generated answer to show read-only: the subject in verify mode, a faded reference in draw mode. */
  overlayAnswer?: Answer | null;
  mode: 'draw' | 'verify';
  /** What the overlay is, shown on its badge (default 'Proposed answer'; e.g. 'Correct answer' in feedback). */
  overlayLabel?: string;
  /** Called with the committed answer (null while incomplete) after every undoable change, undo or redo. */
  onAnswerChange(answer: Answer | null): void;
  /** Called with the serialised committed draft, for localStorage. */
  onDraftChange?(serialized: string): void;
  /** CSS height of the whole component (toolbar + canvas + legend); default 100%. */
  height?: number | string;
  /** Outlined, labelled polygons drawn read-only under the answer (a question's regions, for curators). */
  regions?: readonly Region[];
  /** Keys of the page around the canvas, added to the one key table and legend (keep the array stable). */
  hostKeys?: readonly HostKey[];
  /** Called with a host key's id when it is pressed. */
  onHostKey?(id: string): void;
  /** Focus the drawing surface on mount, so the keys work at once (the next question of a batch). */
  autoFocus?: boolean;
}

export function AnnotationCanvas(props: AnnotationCanvasProps) {
  const { imageWidth, imageHeight, task, camera, mode, tool: entry } = props;
  // Keyed by value: a host that rebuilds the camera object each render must not restart the session.
  const cameraKey = JSON.stringify([camera ?? null, props.objectSizeMm ?? null, props.initialBox3d ?? null]);
  const tool = useMemo(
    () =>
      entry.create({
        task, imageWidth, imageHeight, camera, objectSizeMm: props.objectSizeMm ?? undefined, isEditingAnswer: !!props.initialAnswer, initialBox3d: props.initialBox3d ?? undefined,
      }),
    [entry, task, imageWidth, imageHeight, cameraKey], // oxlint-disable-line react-hooks/exhaustive-deps -- camera, size and box by value (cameraKey)
  );
  const store = useMemo(() => {
    const restored = deserializeDraft(tool.id, props.initialDraft);
    return createEditorStore(tool, restored ?? (props.initialAnswer ? tool.fromAnswer(props.initialAnswer) : tool.begin()));
  }, [tool]); // oxlint-disable-line react-hooks/exhaustive-deps -- initial values are read once per tool

  // A new initialAnswer after mount (verify → correct) restarts the session from it; never undoable.
  const firstInitial = useRef(props.initialAnswer);
  useEffect(() => {
    if (props.initialAnswer === firstInitial.current) return;
    firstInitial.current = props.initialAnswer;
    store.reset(props.initialAnswer ? tool.fromAnswer(props.initialAnswer) : tool.begin());
  }, [props.initialAnswer, store, tool]);

  // Report committed changes only, so a drag does not re-render the host on every pointer move.
  const callbacks = useRef(props);
  callbacks.current = props;
  useEffect(() => {
    let lastPresent: unknown = undefined;
    let lastAnswer = '';
    let lastBox = '';
    const report = () => {
      const present = store.getState().history.present;
      if (present === lastPresent) return;
      lastPresent = present;
      callbacks.current.onDraftChange?.(serializeDraft(tool.id, present));
      const answer = store.answer();
      const text = JSON.stringify(answer);
      // The box can change while the answer does not (a corner clamped at the image edge).
      const box = tool.toBox3d?.(present) ?? null;
      const boxText = JSON.stringify(box);
      if (boxText !== lastBox) {
        lastBox = boxText;
        callbacks.current.onBox3dChange?.(box);
      }
      if (text !== lastAnswer) {
        lastAnswer = text;
        callbacks.current.onAnswerChange(answer);
      }
    };
    report();
    return store.subscribe(report);
  }, [store, tool]);

  const containerRef = useRef<HTMLDivElement>(null);
  const magnifierRef = useRef<MagnifierHandle>(null);
  const toolLayerRef = useRef<Konva.Layer>(null);
  const imageSize = useMemo(() => ({ width: imageWidth, height: imageHeight }), [imageWidth, imageHeight]);
  const { size, view, viewRef, setView, fit, limits, zoomAtCentre } = useViewport(containerRef, imageSize);
  const { image, error } = useImage(props.imageUrl);
  const [isPanMode, setPanMode] = useState(false);
  const [isPanHeld, setPanHeld] = useState(false);
  const [isMagnifierOn, setMagnifierOn] = useState(true);
  // The photo alone (O): the answer being drawn, the overlay and regions out of the way for a moment.
  const [isOverlayHidden, setOverlayHidden] = useState(false);
  const [look, setLook] = useState<ImageLook>(PLAIN_LOOK);
  const filter = lookFilter(look);

  const isEditable = mode === 'draw';
  useEffect(() => {
    if (props.autoFocus) containerRef.current?.focus({ preventScroll: true });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once per mount (one question)
  // With the drawing hidden the pointer pans: nothing is drawn unseen.
  const isDrawing = isEditable && tool.usesPointer && !isPanMode && !isOverlayHidden;
  usePointerInput({ containerRef, viewRef, setView, limits, stageSize: size, store, isDrawing, isPanHeld: isPanHeld || isPanMode, isMagnifierOn, magnifierRef, toolLayerRef });

  const table = useMemo(() => buildKeyTable(tool, props.hostKeys), [tool, props.hostKeys]);
  const legendRows = useMemo(() => (isEditable ? table : table.filter((s) => s.isView || s.isHost)), [table, isEditable]);
  const run = useCallback(
    (c: Command) => {
      if (c.type === 'host') return callbacks.current.onHostKey?.(c.id);
      if (c.type === 'fit') return fit();
      if (c.type === 'zoom') return zoomAtCentre(c.factor);
      if (c.type === 'togglePan') return setPanMode((m) => !m);
      if (c.type === 'holdPan') return setPanHeld(c.isHeld);
      if (c.type === 'drawMode') return setPanMode(false);
      if (c.type === 'toggleMagnifier') return setMagnifierOn((m) => !m);
      if (c.type === 'toggleOverlay') return setOverlayHidden((h) => !h);
      if (!isEditable) return;
      if (c.type === 'undo') return store.undo();
      if (c.type === 'redo') return store.redo();
      store.dispatch(c.event);
    },
    [fit, zoomAtCentre, isEditable, store],
  );
  useShortcuts(table, run, true);

  // Mark the first frame with the image on screen: Playwright and the bench wait for it.
  const [isImageDrawn, setImageDrawn] = useState(false);
  useEffect(() => {
    if (!image || size.width === 0) return;
    const id = requestAnimationFrame(() => {
      performance.mark('canvas:image-drawn');
      setImageDrawn(true);
    });
    return () => cancelAnimationFrame(id);
  }, [image, size.width]);

  const level = image ? pickLevel(image.levels.length, view.scale, window.devicePixelRatio || 1) : 0;
  const overlay = props.overlayAnswer ?? null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6, height: props.height ?? '100%', minHeight: 0 }}>
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <Toolbar
          store={store}
          isEditable={isEditable}
          scale={view.scale}
          isPanMode={isPanMode}
          isMagnifierOn={isMagnifierOn}
          isOverlayHidden={isOverlayHidden}
          look={look}
          onZoom={zoomAtCentre}
          onFit={fit}
          onTogglePan={() => setPanMode((m) => !m)}
          onToggleMagnifier={() => setMagnifierOn((m) => !m)}
          onToggleOverlay={() => setOverlayHidden((h) => !h)}
          onLook={setLook}
        />
        {mode === 'verify' && overlay && (
          <span data-testid="verify-badge" style={{ font: '600 13px system-ui', color: '#000', background: '#CC79A7', padding: '3px 8px', borderRadius: 4 }}>
            {props.overlayLabel ?? 'Proposed answer'} (read-only, dashed)
          </span>
        )}
        {/* Read-only, a yes/no answer is the badge over the image, not a row of greyed buttons. */}
        {isEditable && <ToolControls store={store} tool={tool} disabled={false} />}
      </div>
      <div
        ref={containerRef}
        tabIndex={0}
        data-testid="annotation-canvas"
        data-task={task}
        data-tool={tool.id}
        data-mode={mode}
        data-scale={view.scale}
        data-offset-x={view.x}
        data-offset-y={view.y}
        data-image-ready={isImageDrawn ? 'true' : 'false'}
        data-overlay-hidden={isOverlayHidden ? 'true' : 'false'}
        data-image-filter={filter}
        aria-label={`${tool.label} canvas. ${tool.hint}`}
        style={{ position: 'relative', flex: 1, minHeight: 200, overflow: 'hidden', background: '#2b2b2b', outline: 'none', touchAction: 'none', userSelect: 'none' }}
      >
        {size.width > 0 && (
          <Stage width={size.width} height={size.height} scaleX={view.scale} scaleY={view.scale} x={view.x} y={view.y} listening={false}>
            {image && <ImageLayer source={image.levels[level]} width={imageWidth} height={imageHeight} isPixelated={view.scale >= 3} filter={filter} />}
            {!isOverlayHidden && props.regions && props.regions.length > 0 && <RegionsLayer regions={props.regions} scale={view.scale} />}
            {!isOverlayHidden && overlay && <OverlayLayer Shape={entry.Shape} answer={overlay} scale={view.scale} variant={mode === 'verify' ? 'overlay' : 'ghost'} label={props.overlayLabel} />}
            {!isOverlayHidden && isEditable && <ToolLayer store={store} tool={tool} scale={view.scale} layerRef={toolLayerRef} />}
            {/* Read-only modes still show the session's own answer (practice feedback: yours beside the truth). */}
            {!isOverlayHidden && !isEditable && <OwnAnswerLayer store={store} tool={tool} Shape={entry.Shape} scale={view.scale} />}
          </Stage>
        )}
        {isOverlayHidden && (
          <span data-testid="overlay-hidden-badge" style={{ position: 'absolute', top: 8, right: 8, font: '600 13px system-ui', color: '#000', background: '#F0E442', padding: '3px 8px', borderRadius: 4, pointerEvents: 'none' }}>
            Drawing hidden — press O to show it
          </span>
        )}
        <Magnifier source={image?.full ?? null} filter={filter} ref={magnifierRef} />
        {error && <p role="alert" style={{ position: 'absolute', top: 8, left: 8, color: '#fff', margin: 0 }}>{error}</p>}
      </div>
      <details open style={{ flex: 'none' }}>
        <summary style={{ font: '12px system-ui', cursor: 'pointer' }}>Shortcuts</summary>
        <Legend table={legendRows} hint={isEditable ? tool.hint : 'Check the proposed answer. Drag to pan, wheel to zoom.'} />
      </details>
    </div>
  );
}

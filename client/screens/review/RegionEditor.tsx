/**
 * The label's regions, editable: click a region to select it, drag its vertices, click the + on an
 * edge to add a vertex, double-click a vertex (or select it, Delete) to remove one. A marker without a
 * region asks for one: drawn point by point, or the region of the object it lies on. The label's
 * answer is drawn read-only underneath so each region is seen with its marker. Everything is in image
 * pixels; the image is fitted to the box (no zoom: regions are object-sized).
 */
import type Konva from 'konva';
import { useMemo, useRef, useState } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Stage } from 'react-konva';
import { pointInPolygon } from '../../../shared/geometry/polygon';
import type { Vec2 } from '../../../shared/geometry/types';
import type { Answer } from '../../../shared/tasks';
import { HaloText } from '../../canvas/HaloText';
import { COLORS, OKABE_ITO } from '../../canvas/colors';
import type { ToolEntry } from '../../canvas/tool';
import { useImage } from '../../canvas/useImage';
import { Legend } from '../../history/Legend';
import { useShortcuts, type HostKey, type Shortcut } from '../../history/shortcuts';
import { clampToImage, deleteRegion, editableRegions, insertVertex, markersOf, removeVertex, setRegion, type RegionDraft } from './regionDraft';
import { fitImage, useElementSize } from './useElementSize';

interface Props {
  imageUrl: string;
  width: number;
  height: number;
  task: string;
  tool: ToolEntry;
  /** The label's answer as it stands in the editor (markers are paired with regions by position). */
  answer: Answer | null;
  draft: RegionDraft;
  onChange(draft: RegionDraft): void;
  /** Regions of the objects in this image, for a new marker to take its region from. */
  objectRegions: readonly { name: string; points: Vec2[] }[];
  hostKeys: readonly HostKey[];
  onHostKey(id: string): void;
}

const host = (id: string) => () => ({ type: 'host' as const, id });

export function RegionEditor(p: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const view = fitImage(useElementSize(boxRef), p.width, p.height);
  const s = view.scale || 1;
  const { image, error: imageError } = useImage(p.imageUrl);
  const [selected, setSelected] = useState<string | null>(null);
  const [vertex, setVertex] = useState<number | null>(null);
  const [live, setLive] = useState<{ key: string; points: Vec2[] } | null>(null);
  const [drawing, setDrawing] = useState<{ key: string; label: string; points: Vec2[] } | null>(null);
  const [cursor, setCursor] = useState<Vec2 | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const size = { width: p.width, height: p.height };

  const regions = editableRegions(p.draft).map((r) => (live?.key === r.key ? { ...r, points: live.points } : r));
  const markers = markersOf(p.task, p.answer);
  const count = p.draft.regions?.length ?? 0;
  const missing = markers && p.draft.regions && count < markers.length ? count : null;
  const candidates = missing !== null ? p.objectRegions.filter((o) => pointInPolygon(markers![missing], o.points)) : [];
  const isOverfull = markers !== null && count > markers.length;
  const current = regions.find((r) => r.key === selected) ?? null;

  const commit = (key: string, points: Vec2[]) => {
    p.onChange(setRegion(p.draft, key, points));
    setMessage(null);
  };
  const finishDrawing = () => {
    if (!drawing) return;
    if (drawing.points.length < 3) return setMessage('A region needs at least 3 vertices: click more points, then close it.');
    commit(drawing.key, drawing.points);
    setSelected(drawing.key);
    setVertex(null);
    setDrawing(null);
  };
  const removeSelectedVertex = () => {
    if (!current || vertex === null) return;
    const next = removeVertex(current.points, vertex);
    if (typeof next === 'string') return setMessage(`${current.label[0].toUpperCase()}${current.label.slice(1)}: ${next}.`);
    commit(current.key, next);
    setVertex(null);
  };
  const deselect = () => {
    setSelected(null);
    setVertex(null);
  };
  const startDrawing = (key: string, label: string) => {
    setDrawing({ key, label, points: [] });
    setSelected(null);
    setVertex(null);
    setMessage(null);
  };

  const table = useMemo((): Shortcut[] => {
    const close: Shortcut = { keys: 'Enter', label: 'Close the region you are drawing', keyTest: (e) => e.key === 'Enter', command: host('close') };
    const own: Shortcut[] = [
      ...(drawing ? [close] : []),
      { keys: 'Delete', label: 'Remove the selected vertex', keyTest: (e) => e.key === 'Delete' || e.key === 'Backspace', command: host('delete-vertex') },
      { keys: 'Esc', label: 'Stop drawing / deselect', keyTest: (e) => e.key === 'Escape', command: host('escape') },
    ];
    return [...own, ...p.hostKeys.map((k): Shortcut => ({ keys: k.keys, label: k.label, keyTest: k.keyTest, isHost: true, command: host(`host:${k.id}`) }))];
  }, [drawing !== null, p.hostKeys]); // oxlint-disable-line react-hooks/exhaustive-deps -- the rows change only when drawing starts or stops
  const run = (c: { type: string; id?: string }) => {
    if (c.type !== 'host' || !c.id) return;
    if (c.id === 'close') finishDrawing();
    else if (c.id === 'delete-vertex') removeSelectedVertex();
    else if (c.id === 'escape') {
      if (drawing) setDrawing(null);
      else deselect();
    } else p.onHostKey(c.id.slice('host:'.length));
  };
  useShortcuts(table, run, true);

  const pointer = (stage: Konva.Stage | null): Vec2 | null => {
    const pos = stage?.getPointerPosition();
    return pos ? clampToImage([(pos.x - view.x) / s, (pos.y - view.y) / s], size) : null;
  };
  const onStageClick = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const stage = e.target.getStage();
    const pt = pointer(stage);
    if (!pt) return;
    if (drawing) {
      const first = drawing.points[0];
      if (drawing.points.length >= 3 && Math.hypot(pt[0] - first[0], pt[1] - first[1]) * s < 10) return finishDrawing();
      return setDrawing({ ...drawing, points: [...drawing.points, pt] });
    }
    if (e.target === stage) deselect();
  };
  const bound = (pos: { x: number; y: number }) => ({
    x: Math.min(view.x + p.width * s, Math.max(view.x, pos.x)),
    y: Math.min(view.y + p.height * s, Math.max(view.y, pos.y)),
  });
  const moved = (points: Vec2[], i: number, node: Konva.Node): Vec2[] => points.map((q, j) => (j === i ? clampToImage([node.x(), node.y()], size) : q));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6, height: '100%', minHeight: 0 }}>
      <div className="region-bar" data-testid="region-bar">
        {drawing ? (
          <span>
            Drawing <b>{drawing.label}</b>: click its vertices; click the first one or press Enter to close it; Esc stops.
          </span>
        ) : (
          <span className="muted">Click a region to edit it: drag a vertex, click + on an edge to add one, double-click a vertex to remove it.</span>
        )}
        {!drawing && missing !== null && (
          <span className="region-ask" role="status" data-testid="region-missing">
            Marker {missing + 1} has no region:
            <button onClick={() => startDrawing(`r${missing}`, `region of marker ${missing + 1}`)} data-testid="region-draw">
              Draw it
            </button>
            {candidates.map((c) => (
              <button key={c.name + JSON.stringify(c.points[0])} onClick={() => commit(`r${missing}`, c.points)} data-testid="region-take">
                Use {c.name}’s region
              </button>
            ))}
            {candidates.length === 0 && <span className="muted">(it lies on no object with a known region)</span>}
          </span>
        )}
        {!drawing && isOverfull &&
          regions.map((r) => (
            <button key={r.key} className="danger" onClick={() => {
                p.onChange(deleteRegion(p.draft, r.key));
                deselect();
              }} data-testid={`region-delete-${r.key}`}>
              Delete {r.label}
            </button>
          ))}
        {!drawing && current && (
          <button onClick={() => startDrawing(current.key, current.label)} data-testid="region-redraw">
            Redraw {current.label}
          </button>
        )}
        {message && (
          <span className="error" role="alert" data-testid="region-error">
            {message}
          </span>
        )}
      </div>
      <div
        ref={boxRef}
        data-testid="region-editor"
        data-scale={view.scale}
        data-offset-x={view.x}
        data-offset-y={view.y}
        data-image-ready={image && view.scale > 0 ? 'true' : 'false'}
        data-selected={selected ?? ''}
        style={{ position: 'relative', flex: 1, minHeight: 200, overflow: 'hidden', background: '#2b2b2b', cursor: drawing ? 'crosshair' : 'default' }}
      >
        {view.scale > 0 && (
          <Stage
            width={Math.max(1, view.x * 2 + Math.round(p.width * s))}
            height={Math.max(1, view.y * 2 + Math.round(p.height * s))}
            scaleX={s}
            scaleY={s}
            x={view.x}
            y={view.y}
            onClick={onStageClick}
            onMouseMove={(e) => drawing && setCursor(pointer(e.target.getStage()))}
          >
            <Layer listening={false}>{image && <KonvaImage image={image.full} width={p.width} height={p.height} />}</Layer>
            <Layer listening={false} opacity={0.85}>
              {p.answer && <p.tool.Shape answer={p.answer} scale={s} variant="answer" />}
            </Layer>
            <Layer>
              {regions.map((r) => {
                const isHot = r.key === selected;
                return (
                  <Group key={r.key}>
                    <Line
                      points={r.points.flat()}
                      closed
                      fill={isHot ? 'rgba(86,180,233,0.22)' : 'rgba(240,228,66,0.10)'}
                      stroke={isHot ? OKABE_ITO.skyBlue : OKABE_ITO.yellow}
                      strokeWidth={(isHot ? 2.5 : 1.5) / s}
                      dash={isHot ? undefined : [6 / s, 4 / s]}
                      onClick={(e) => {
                        e.cancelBubble = true;
                        if (drawing) return onStageClick(e);
                        setSelected(r.key);
                        setVertex(null);
                      }}
                    />
                    <HaloText text={r.label} x={r.points[0][0]} y={r.points[0][1] - 16 / s} color={isHot ? OKABE_ITO.skyBlue : OKABE_ITO.yellow} scale={s} sizePx={12} />
                  </Group>
                );
              })}
              {current &&
                !drawing &&
                current.points.map((q, i) => {
                  const n = current.points[(i + 1) % current.points.length];
                  return (
                    <Circle
                      key={`mid${i}`}
                      name="region-midpoint"
                      x={(q[0] + n[0]) / 2}
                      y={(q[1] + n[1]) / 2}
                      radius={5 / s}
                      fill="rgba(255,255,255,0.75)"
                      stroke={COLORS.handleStroke}
                      strokeWidth={1 / s}
                      dash={[2 / s, 2 / s]}
                      onClick={(e) => {
                        e.cancelBubble = true;
                        commit(current.key, insertVertex(current.points, i));
                        setVertex(i + 1);
                      }}
                    />
                  );
                })}
              {current &&
                !drawing &&
                current.points.map((q, i) => (
                  <Circle
                    key={`v${i}`}
                    name="region-vertex"
                    x={q[0]}
                    y={q[1]}
                    radius={(vertex === i ? 8 : 6) / s}
                    hitStrokeWidth={8 / s}
                    fill={vertex === i ? OKABE_ITO.skyBlue : COLORS.handleFill}
                    stroke={COLORS.handleStroke}
                    strokeWidth={1.5 / s}
                    draggable
                    dragBoundFunc={bound}
                    onDragStart={() => setVertex(i)}
                    onDragMove={(e) => setLive({ key: current.key, points: moved(current.points, i, e.target) })}
                    onDragEnd={(e) => {
                      setLive(null);
                      commit(current.key, moved(current.points, i, e.target));
                    }}
                    onClick={(e) => {
                      e.cancelBubble = true;
                      setVertex(i);
                    }}
                    onDblClick={(e) => {
                      e.cancelBubble = true;
                      const next = removeVertex(current.points, i);
                      if (typeof next === 'string') return setMessage(`${current.label[0].toUpperCase()}${current.label.slice(1)}: ${next}.`);
                      commit(current.key, next);
                      setVertex(null);
                    }}
                  />
                ))}
              {drawing && drawing.points.length > 0 && (
                <Group listening={false}>
                  <Line points={[...drawing.points, ...(cursor ? [cursor] : [])].flat()} stroke={OKABE_ITO.skyBlue} strokeWidth={2 / s} />
                  {drawing.points.map((q, i) => (
                    <Circle key={i} x={q[0]} y={q[1]} radius={(i === 0 ? 7 : 4) / s} fill={i === 0 ? OKABE_ITO.skyBlue : COLORS.handleFill} stroke={COLORS.handleStroke} strokeWidth={1 / s} />
                  ))}
                </Group>
              )}
            </Layer>
          </Stage>
        )}
        {imageError && <p role="alert" style={{ position: 'absolute', top: 8, left: 8, color: '#fff', margin: 0 }}>{imageError}</p>}
      </div>
      <details open style={{ flex: 'none' }}>
        <summary style={{ font: '12px system-ui', cursor: 'pointer' }}>Shortcuts</summary>
        <Legend table={table} />
      </details>
    </div>
  );
}

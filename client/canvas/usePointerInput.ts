/**
 * Pointer and wheel input of the canvas: the one place where stage pixels become image pixels. Left
 * button drives the tool (unless panning); middle/right button, Space held or pan mode pan the view;
 * the wheel zooms about the cursor.
 */
import { useEffect, useRef } from 'react';
import type Konva from 'konva';
import type { ToolEvent } from './tool';
import { stagePx, type StagePx } from '../../shared/geometry/types';
import { SIZES } from './colors';
import type { EditorStore } from './editorStore';
import type { MagnifierHandle } from './Magnifier';
import { panBy, toImage, wheelZoomFactor, zoomAbout, type Size, type Viewport } from './viewport';

interface Options {
  containerRef: React.RefObject<HTMLDivElement | null>;
  viewRef: React.RefObject<Viewport>;
  setView: (v: Viewport) => void;
  limits: { min: number; max: number };
  stageSize: Size;
  store: EditorStore;
  /** The tool gets pointer input (draw mode, a pointer tool, not in pan mode). */
  isDrawing: boolean;
  isPanHeld: boolean;
  isMagnifierOn: boolean;
  magnifierRef: React.RefObject<MagnifierHandle | null>;
  toolLayerRef: React.RefObject<Konva.Layer | null>;
}

export function usePointerInput(o: Options): void {
  const opts = useRef(o);
  opts.current = o;
  useEffect(() => {
    const el = o.containerRef.current;
    if (!el) return;
    let pan: { start: StagePx; view0: Viewport; id: number } | null = null;
    let toolPointer: number | null = null;

    const stagePoint = (e: PointerEvent | WheelEvent): StagePx => {
      const r = el.getBoundingClientRect();
      return stagePx(e.clientX - r.left, e.clientY - r.top);
    };
    const toolEvent = (type: 'down' | 'move' | 'up', e: PointerEvent): ToolEvent => {
      const v = opts.current.viewRef.current;
      return { type, p: toImage(v, stagePoint(e)), tolPx: SIZES.grabRadius / v.scale, shift: e.shiftKey };
    };
    const updateCursor = () => {
      const { isDrawing, isPanHeld } = opts.current;
      el.style.cursor = pan ? 'grabbing' : isPanHeld || !isDrawing ? 'grab' : 'crosshair';
    };
    const updateMagnifier = (e: PointerEvent) => {
      const { magnifierRef, isMagnifierOn, isDrawing, isPanHeld, viewRef, stageSize, toolLayerRef } = opts.current;
      if (!isMagnifierOn || !isDrawing || isPanHeld || pan) return magnifierRef.current?.hide();
      const at = stagePoint(e);
      const v = viewRef.current;
      magnifierRef.current?.show([at[0], at[1]], [...toImage(v, at)] as [number, number], v.scale, stageSize, toolLayerRef.current?.getNativeCanvasElement() ?? null);
    };

    const onDown = (e: PointerEvent) => {
      const { isDrawing, isPanHeld, viewRef, store } = opts.current;
      el.focus({ preventScroll: true });
      if (e.button === 1 || e.button === 2 || (e.button === 0 && (isPanHeld || !isDrawing))) {
        pan = { start: stagePoint(e), view0: viewRef.current, id: e.pointerId };
        el.setPointerCapture(e.pointerId);
        opts.current.magnifierRef.current?.hide();
        updateCursor();
        e.preventDefault();
        return;
      }
      if (e.button !== 0) return;
      toolPointer = e.pointerId;
      el.setPointerCapture(e.pointerId);
      store.dispatch(toolEvent('down', e));
      e.preventDefault();
    };
    const onMove = (e: PointerEvent) => {
      if (pan && e.pointerId === pan.id) {
        const at = stagePoint(e);
        opts.current.setView(panBy(pan.view0, at[0] - pan.start[0], at[1] - pan.start[1]));
        return;
      }
      if (opts.current.isDrawing) opts.current.store.dispatch(toolEvent('move', e));
      updateMagnifier(e);
      updateCursor();
    };
    const onUp = (e: PointerEvent) => {
      if (pan && e.pointerId === pan.id) {
        pan = null;
        updateCursor();
        return;
      }
      if (toolPointer === e.pointerId) {
        toolPointer = null;
        opts.current.store.dispatch(toolEvent('up', e));
      }
    };
    const onCancel = (e: PointerEvent) => {
      if (toolPointer === e.pointerId) opts.current.store.dispatch({ type: 'cancel' });
      toolPointer = null;
      pan = null;
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { viewRef, setView, limits } = opts.current;
      setView(zoomAbout(viewRef.current, stagePoint(e), wheelZoomFactor(e.deltaY, e.deltaMode), limits));
    };
    const onLeave = () => opts.current.magnifierRef.current?.hide();
    const onContextMenu = (e: Event) => e.preventDefault();

    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onCancel);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('contextmenu', onContextMenu);
    updateCursor();
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onCancel);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('contextmenu', onContextMenu);
    };
  }, [o.containerRef]);

  useEffect(() => {
    const el = o.containerRef.current;
    if (el) el.style.cursor = o.isPanHeld || !o.isDrawing ? 'grab' : 'crosshair';
    if (!o.isMagnifierOn || !o.isDrawing) o.magnifierRef.current?.hide();
  }, [o.isPanHeld, o.isDrawing, o.isMagnifierOn, o.containerRef, o.magnifierRef]);
}

import { memo, useSyncExternalStore } from 'react';
import type { EditorStore } from './editorStore';
import type { ImageLook } from './imageLook';
import { ImageLookControl } from './ImageLookControl';

interface Props {
  store: EditorStore;
  isEditable: boolean;
  scale: number;
  isPanMode: boolean;
  isMagnifierOn: boolean;
  isOverlayHidden: boolean;
  look: ImageLook;
  onZoom(factor: number): void;
  onFit(): void;
  onTogglePan(): void;
  onToggleMagnifier(): void;
  onToggleOverlay(): void;
  onLook(look: ImageLook): void;
}

const btn: React.CSSProperties = { font: '13px system-ui, sans-serif', padding: '4px 10px', border: '1px solid #888', borderRadius: 4, background: '#fff', cursor: 'pointer' };
const on: React.CSSProperties = { ...btn, background: '#0072B2', color: '#fff', borderColor: '#0072B2' };

/** View and history buttons; every one mirrors a row of the key table. */
export const Toolbar = memo(function Toolbar(p: Props) {
  const flags = useSyncExternalStore(p.store.subscribe, () => `${p.store.canUndo()}|${p.store.canRedo()}`);
  const [canUndo, canRedo] = flags.split('|').map((f) => f === 'true');
  return (
    <div role="toolbar" aria-label="Canvas" style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <button type="button" style={btn} data-testid="canvas-zoom-out" title="Zoom out (−)" onClick={() => p.onZoom(0.8)}>−</button>
      <span data-testid="canvas-zoom" style={{ font: '12px system-ui', minWidth: 44, textAlign: 'center' }}>{Math.round(p.scale * 100)}%</span>
      <button type="button" style={btn} data-testid="canvas-zoom-in" title="Zoom in (+)" onClick={() => p.onZoom(1.25)}>+</button>
      <button type="button" style={btn} data-testid="canvas-fit" title="Fit to screen (F)" onClick={p.onFit}>Fit</button>
      <button type="button" style={p.isPanMode ? on : btn} aria-pressed={p.isPanMode} data-testid="canvas-pan" title="Pan mode (H)" onClick={p.onTogglePan}>Pan (H)</button>
      <button type="button" style={p.isMagnifierOn ? on : btn} aria-pressed={p.isMagnifierOn} data-testid="canvas-magnifier" title="Magnifier (M)" onClick={p.onToggleMagnifier}>Loupe (M)</button>
      <button type="button" style={p.isOverlayHidden ? on : btn} aria-pressed={p.isOverlayHidden} data-testid="canvas-hide-overlay" title="Hide the drawing and overlays (O)" onClick={p.onToggleOverlay}>Hide (O)</button>
      <ImageLookControl look={p.look} onChange={p.onLook} />
      {p.isEditable && (
        <>
          <button type="button" style={btn} data-testid="canvas-undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => p.store.undo()}>↶ Undo</button>
          <button type="button" style={btn} data-testid="canvas-redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => p.store.redo()}>↷ Redo</button>
        </>
      )}
    </div>
  );
});

import { memo, useSyncExternalStore } from 'react';
import type { AnyTool } from './tool';
import type { EditorStore } from './editorStore';

/** The tool's DOM controls (Yes/No); subscribes itself so the canvas does not re-render on pointer moves. */
export const ToolControls = memo(function ToolControls({ store, tool, disabled }: { store: EditorStore; tool: AnyTool; disabled: boolean }) {
  const { live } = useSyncExternalStore(store.subscribe, store.getState);
  const Controls = tool.Controls;
  return Controls ? <Controls draft={live} dispatch={store.dispatch} disabled={disabled} /> : null;
});

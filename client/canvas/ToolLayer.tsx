import { memo, useSyncExternalStore } from 'react';
import { Layer } from 'react-konva';
import type Konva from 'konva';
import type { AnyTool } from './tool';
import type { EditorStore } from './editorStore';

interface Props {
  store: EditorStore;
  tool: AnyTool;
  scale: number;
  layerRef?: React.Ref<Konva.Layer>;
}

/** The live draft. The only React subtree that re-renders while a handle is dragged. */
export const ToolLayer = memo(function ToolLayer({ store, tool, scale, layerRef }: Props) {
  const { live } = useSyncExternalStore(store.subscribe, store.getState);
  const Preview = tool.Preview;
  return (
    <Layer listening={false} ref={layerRef}>
      <Preview draft={live} scale={scale} />
    </Layer>
  );
});

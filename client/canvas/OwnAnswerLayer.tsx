import { memo, useSyncExternalStore } from 'react';
import type { ShapeProps } from './tool';
import type { AnyTool } from './tool';
import type { EditorStore } from './editorStore';
import { OverlayLayer } from './OverlayLayer';

interface Props {
  store: EditorStore;
  tool: AnyTool;
  Shape: React.FC<ShapeProps>;
  scale: number;
}

/** Read-only modes: the session's committed answer in the drawing colours (practice feedback). */
export const OwnAnswerLayer = memo(function OwnAnswerLayer({ store, tool, Shape, scale }: Props) {
  const present = useSyncExternalStore(store.subscribe, () => store.getState().history.present);
  const answer = tool.toAnswer(present);
  return answer ? <OverlayLayer Shape={Shape} answer={answer} scale={scale} variant="answer" /> : null;
});

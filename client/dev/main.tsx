/**
 * Stand-alone harness for the canvas playground (e2e/canvas.spec.ts and bench/canvas.ts run against it
 * with client/dev/vite.config.ts, no server). The app mounts the same component at /dev/canvas.
 * Konva is exposed on window so e2e tests can assert on the node tree (jsdom has no canvas).
 */
import Konva from 'konva';
import { createRoot } from 'react-dom/client';
import CanvasPlayground from '../screens/CanvasPlayground';

(window as unknown as { Konva: typeof Konva }).Konva = Konva;
createRoot(document.getElementById('root')!).render(<CanvasPlayground />);

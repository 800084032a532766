/**
 * Stand-alone harness for the canvas playground (e2e/canvas.spec.ts and bench/canvas.ts run against it
 * with client/canvas/dev/vite.config.ts, no server). The app mounts the same component at /dev/canvas.
 */
import { createRoot } from 'react-dom/client';
import CanvasPlayground from '../../screens/CanvasPlayground';

createRoot(document.getElementById('root')!).render(<CanvasPlayground />);

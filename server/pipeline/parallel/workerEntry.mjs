// Worker-thread bootstrap: plain JavaScript so that Node can start it however the parent was launched
// (bin/bopask.js, tsx, vitest); it registers tsx's loader in this thread and then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

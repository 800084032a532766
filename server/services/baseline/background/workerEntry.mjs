// Worker-thread bootstrap (as server/pipeline/parallel/workerEntry.mjs): plain JavaScript, so Node can
// start it however the server was launched; it registers tsx's loader in this thread, then runs the job.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

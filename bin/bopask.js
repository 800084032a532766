#!/usr/bin/env node
// Launcher. Runs the bundled CLI (dist/cli, written by `npm run build`) when it was built from the source
// files exactly as they are now: plain JavaScript starts faster and in ~30 MB less memory than the
// TypeScript source. Otherwise (no build yet, or any source file changed since) it runs the source through
// tsx's loader, so a stale bundle is never used. BOPASK_CLI=source always runs the source; BOPASK_CLI=bundle
// refuses to run anything but a fresh bundle (benchmarks use it to measure what they claim to).
import v8 from 'node:v8';
import { bundleState, SCORE_V8_FLAGS } from './cliBundle.js';

// `bopask score` streams a million lines through short-lived objects, with little that lives long. Left
// alone, V8 doubles the young generation up to 2 × 16 MB and, seeing many objects survive while it is
// small, starts allocating lines' objects straight in the old generation (allocation-site pretenuring),
// where they pile up until a full collection: ~50 MB of peak RSS at 1M lines, measured. A young generation
// kept at its starting size and no pretenuring cost a few % more CPU; a full collection once the old
// generation has grown by a quarter (not the default's ~1.3–2×) keeps the little that is promoted from
// piling up (~5 MB). These flags are read by the collector at each collection, so setting them here,
// before any command code runs, takes effect.
if (process.argv[2] === 'score') v8.setFlagsFromString(SCORE_V8_FLAGS);

const mode = process.env.BOPASK_CLI ?? 'auto';
if (!['auto', 'source', 'bundle'].includes(mode)) {
  process.stderr.write(`bopask: BOPASK_CLI must be auto, source or bundle, got '${mode}'\n`);
  process.exit(2);
}
const bundle = mode === 'source' ? undefined : bundleState();
if (bundle?.fresh) {
  await import(bundle.entry);
} else if (mode === 'bundle') {
  process.stderr.write(`bopask: BOPASK_CLI=bundle, but ${bundle?.reason}; run npm run build:cli\n`);
  process.exit(1);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli/bopask.ts');
}

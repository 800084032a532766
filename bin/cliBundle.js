// Whether dist/cli holds a bundle built from the files as they are now (plain JavaScript: the launcher runs
// it before any loader is set up). vite.cli.config.ts writes dist/cli/inputs.json: the size and
// modification time of every file the bundle was built from. A rebuild is cheap (about a second), a
// stat of each of those files is about a millisecond, so any difference at all counts as stale.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.join(import.meta.dirname, '..');

/** The V8 flags bin/bopask.js sets for `bopask score` (why: there); bench/threadCost.ts runs its probe under them too. */
export const SCORE_V8_FLAGS = '--semi-space-growth-factor=1 --no-allocation-site-pretenuring --heap-growing-percent=25';

/**
 * `{ fresh: true, entry }` (a file URL to import) or `{ fresh: false, reason }`. `root` is the checkout,
 * `dist` the bundle's folder (both overridable for tests).
 */
export function bundleState(root = ROOT, dist = path.join(root, 'dist', 'cli')) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dist, 'inputs.json'), 'utf8'));
  } catch {
    return { fresh: false, reason: `there is no built CLI in ${dist}` };
  }
  for (const [file, size, mtimeMs] of manifest.inputs) {
    const s = statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!s || s.size !== size || s.mtimeMs !== mtimeMs) return { fresh: false, reason: `${file} changed since the CLI was built` };
  }
  return { fresh: true, entry: pathToFileURL(path.join(dist, manifest.entry)).href };
}

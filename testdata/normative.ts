/**
 * Where tests read the normative reference data (../shared/fixtures, ../shared/real-bop): from the
 * documents folder beside the project when it is there, else from the verbatim copy in
 * testdata/normative/ (so a checkout on its own, as in CI, still runs every reference case).
 * testdata/normative.test.ts fails if the copy ever differs from the original.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
export const DOCS_DIR = path.resolve(repo, '..', 'shared');
export const COPY_DIR = path.join(repo, 'testdata', 'normative');

/** Absolute path of `rel` (e.g. 'fixtures/metric-vectors.json') in the docs folder, else in the copy. */
export function normativePath(rel: string): string {
  const original = path.join(DOCS_DIR, rel);
  return fs.existsSync(original) ? original : path.join(COPY_DIR, rel);
}

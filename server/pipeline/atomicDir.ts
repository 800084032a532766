/**
 * Write-then-rename for output directories: commands write into a temporary sibling and rename it into
 * place only when everything succeeded, so a failure (bad input, crash) leaves nothing half-written.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BadInputError } from '../../shared/errors';

/**
 * Creates an empty temporary directory beside `outDir`. Refuses an existing non-empty `outDir` unless it
 * holds `marker` (a previous output of the same command, which is then replaced on commit).
 */
export function prepareTempDir(outDir: string, marker: string): string {
  const out = resolve(outDir);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, marker))) {
    throw new BadInputError(`output directory ${outDir} exists and is not empty (and holds no ${marker}); choose another --out`);
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

/** Moves `tmp` to `outDir`, replacing a previous output there. */
export function commitDir(tmp: string, outDir: string): void {
  const out = resolve(outDir);
  if (existsSync(out)) {
    const old = `${tmp}.old`;
    renameSync(out, old);
    renameSync(tmp, out);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, out);
  }
}

/** Removes a temporary directory after a failure. */
export function discardDir(tmp: string): void {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * The predictions file `bopask ask` writes (FORMAT.md, one answer a line). Lines are appended one write
 * each as answers arrive, so a run that is killed leaves a valid file (at worst a torn last line, which
 * `--resume` drops). `--retry-failed` instead writes a new file beside it, holding the kept lines and the
 * new answers, and renames it over the old one at the end: the old file stays whole until then.
 *
 * A question whose retries are exhausted is written as `{"id", "source", "output": null, "error": "…"}`:
 * unreadable, so it is scored invalid and counted, never dropped; the `error` field marks it for
 * `--retry-failed` (readers of the format ignore fields they do not know).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { parsePredictionLine } from '../../../shared/predictions';
import { BadInputError } from '../../../shared/errors';

export interface ExistingOutput {
  /** Ids already answered (or failed) in the file, with the line itself. */
  lines: Map<string, string>;
  failed: Set<string>;
  /** Bytes of a torn last line (no newline) that a killed run left; dropped on resume. */
  tornBytes: number;
}

/** Reads a previous output for `--resume`; every line must be one of ours: same source, a known id, once. */
export function readExisting(path: string, source: string, ids: ReadonlySet<string>): ExistingOutput {
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = new Map<string, string>();
  const failed = new Set<string>();
  const rows = text.slice(0, end).split('\n');
  rows.pop();
  rows.forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${path}:${i + 1}`;
    const r = parsePredictionLine(line);
    if (!r.ok) throw new BadInputError(`${at}: ${r.reason}`);
    const { id } = r.value;
    if (r.value.source !== source) throw new BadInputError(`${at}: field source: '${r.value.source}', but this run writes '${source}' (--source, default the --model)`);
    if (!ids.has(id)) throw new BadInputError(`${at}: field id: '${id}' is not in the dataset`);
    if (lines.has(id)) throw new BadInputError(`${at}: field id: '${id}' again`);
    lines.set(id, line);
    if ('error' in (JSON.parse(line) as object)) failed.add(id);
  });
  return { lines, failed, tornBytes: Buffer.byteLength(text.slice(end)) };
}

export class PredictionsWriter {
  private constructor(private readonly fd: number, private readonly path: string, private readonly tmp?: string) {}

  /** Appends to `path` (created when missing), first cutting a torn last line of `tornBytes`. */
  static append(path: string, tornBytes = 0): PredictionsWriter {
    if (tornBytes > 0) truncateSync(path, readFileSync(path).length - tornBytes);
    return new PredictionsWriter(openSync(path, 'a'), path);
  }

  /** Starts a replacement of `path` holding `kept` lines; commit() renames it into place. */
  static rewrite(path: string, kept: Iterable<string>): PredictionsWriter {
    const tmp = `${path}.tmp-${process.pid}`;
    const w = new PredictionsWriter(openSync(tmp, 'w'), path, tmp);
    for (const line of kept) w.writeLine(line);
    return w;
  }

  writeLine(line: string): void {
    writeSync(this.fd, line + '\n');
  }

  /** Closes the file; a rewrite is synced and renamed over the original. */
  commit(): void {
    if (this.tmp) fsyncSync(this.fd);
    closeSync(this.fd);
    if (this.tmp) renameSync(this.tmp, this.path);
  }

  /** Closes without committing: an unfinished rewrite is removed and the original stays as it was. */
  abandon(): void {
    closeSync(this.fd);
    if (this.tmp && existsSync(this.tmp)) rmSync(this.tmp);
  }
}

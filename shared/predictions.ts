/**
 * One line of a FORMAT.md responses/predictions file: `{"id", "source", "annotator"?, "output"}`, and
 * the checks every reader of such files applies (`bopask score`, `bopask import-predictions`, the
 * server's demo import), so a file one of them accepts the others accept too.
 */
import { KeyIndex } from './keyIndex';

/** A response or prediction: `output` is raw model text or the points themselves, kept as given. */
export interface PredictionLine {
  id: string;
  /** Trimmed; 1–100 characters. */
  source: string;
  /** Absent for a single-answer source; 1–200 characters, not blank. */
  annotator?: string;
  output: unknown;
}

export const MAX_SOURCE_LENGTH = 100;
export const MAX_ANNOTATOR_LENGTH = 200;
/** How many bad lines a refused file reports before "… and N more". */
export const MAX_REPORTED_ERRORS = 20;

export type PredictionLineResult = { ok: true; value: PredictionLine } | { ok: false; reason: string };

/**
 * Parses one predictions line. Checks only the envelope: the output is scored later, and an unreadable
 * output is a valid line scored as invalid (METRICS.md). `reason` names the field but not the line
 * ("field source: expected a non-empty string"); `PredictionChecker` adds the file and line. Hand-written
 * rather than zod because the CLI runs it a million times. Never throws.
 */
export function parsePredictionLine(line: string): PredictionLineResult {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, reason: 'expected a JSON object' };
  const o = v as Record<string, unknown>;
  const bad = (field: string, reason: string) => ({ ok: false as const, reason: `field ${field}: ${reason}` });
  if (typeof o.id !== 'string' || o.id === '') return bad('id', 'expected a non-empty string');
  if (typeof o.source !== 'string') return bad('source', 'expected a non-empty string');
  const source = o.source.trim();
  if (source === '') return bad('source', 'expected a non-empty string');
  if (source.length > MAX_SOURCE_LENGTH) return bad('source', `expected at most ${MAX_SOURCE_LENGTH} characters, got ${source.length}`);
  const annotator = o.annotator;
  if (annotator !== undefined) {
    if (typeof annotator !== 'string' || annotator.trim() === '') return bad('annotator', 'expected a non-empty string when present');
    if (annotator.length > MAX_ANNOTATOR_LENGTH) {
      return bad('annotator', `expected at most ${MAX_ANNOTATOR_LENGTH} characters, got ${annotator.length}`);
    }
  }
  if (!('output' in o)) return bad('output', 'missing');
  const value: PredictionLine = { id: o.id, source, output: o.output };
  if (annotator !== undefined) value.annotator = annotator;
  return { ok: true, value };
}

/** "'q1' from Human (annotator a)" for messages. */
function describeKey(p: Pick<PredictionLine, 'id' | 'source' | 'annotator'>): string {
  return `'${p.id}' from ${p.source}${p.annotator !== undefined ? ` (annotator ${p.annotator})` : ''}`;
}

/**
 * Reads the lines of one or more predictions files as one set of answers: parses each line, refuses a
 * second answer under the same (id, source, annotator) key, also across files, and collects every error
 * as "FILE:LINE: reason" so a refused file reports its first `MAX_REPORTED_ERRORS` bad lines at once.
 * Memory grows with the distinct keys, ~12 bytes each (`KeyIndex`), and with the breaks in the run of
 * positions (a new file, a blank or bad line between good ones: 16 bytes each).
 */
export class PredictionChecker {
  /** Numbers the keys 0, 1, … in the order their first answers came. */
  private readonly seen = new KeyIndex();
  /**
   * Where each key's first answer is, as a position in the run: the line number plus the base of the
   * file's stretch in `stretches`. Key n's position is n + `shifts[m]` for the last m with `shiftFrom[m]`
   * ≤ n: keys on consecutive lines share one entry, so a clean file takes one.
   */
  private readonly shiftFrom: number[] = [];
  private readonly shifts: number[] = [];
  /** One entry per run of lines from one file, in order: positions base + 1 … base + last line. */
  private readonly stretches: { file: string; base: number; last: number }[] = [];
  private readonly shown: string[] = [];
  private count = 0;

  /** Number of bad lines so far. */
  get errorCount(): number {
    return this.count;
  }

  /**
   * Checks one line (`lineNo` 1-based) of `file`. Returns the prediction, or undefined after recording
   * why the line is bad. Blank lines are the caller's to skip.
   */
  check(file: string, line: string, lineNo: number): PredictionLine | undefined {
    const r = parsePredictionLine(line);
    if (!r.ok) {
      this.reject(file, lineNo, r.reason);
      return undefined;
    }
    const { id, source, annotator } = r.value;
    const next = this.seen.size;
    const key = this.seen.add(id, source, annotator);
    const position = this.position(file, lineNo);
    if (key === next) {
      if (this.shifts.length === 0 || this.shifts[this.shifts.length - 1] !== position - key) {
        this.shiftFrom.push(key);
        this.shifts.push(position - key);
      }
      return r.value;
    }
    // A second answer. Where the first one is matters only to a line the report will show.
    this.reject(file, lineNo, this.shown.length < MAX_REPORTED_ERRORS ? this.secondAnswer(r.value, key, file) : '');
    return undefined;
  }

  /** Why `p`, the second answer under key number `key`, in `file`, is refused. */
  private secondAnswer(p: PredictionLine, key: number, file: string): string {
    const first = this.firstPosition(key);
    let k = this.stretches.length - 1;
    while (this.stretches[k].base >= first) k--;
    const at = this.stretches[k];
    const firstAt = at.file === file ? `line ${first - at.base}` : `${at.file}:${first - at.base}`;
    return `a second answer to ${describeKey(p)} (the first is at ${firstAt})`;
  }

  /** The position of key `key`'s first answer (binary search of `shiftFrom`). */
  private firstPosition(key: number): number {
    let lo = 0, hi = this.shiftFrom.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.shiftFrom[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return key + this.shifts[lo];
  }

  /** Records a bad line found by the caller's own checks (an unknown id, say): "FILE:LINE: reason". */
  reject(file: string, lineNo: number, reason: string): void {
    this.count++;
    if (this.shown.length < MAX_REPORTED_ERRORS) this.shown.push(`${file}:${lineNo}: ${reason}`);
  }

  /**
   * The report of every bad line, headed by `what` ("nothing was imported"), or undefined when all lines
   * were good: "3 bad line(s); nothing was imported:\n  p.jsonl:2: field id: …\n  …".
   */
  report(what: string): string | undefined {
    if (this.count === 0) return undefined;
    const more = this.count > this.shown.length ? `\n  … and ${this.count - this.shown.length} more` : '';
    return `${this.count} bad line(s); ${what}:\n${this.shown.map((e) => `  ${e}`).join('\n')}${more}`;
  }

  /** The run-wide position of `lineNo` of `file`; a new stretch starts when the file changes or restarts. */
  private position(file: string, lineNo: number): number {
    let s = this.stretches.at(-1);
    if (!s || s.file !== file || lineNo <= s.last) {
      const base = s ? s.base + s.last : 0;
      this.stretches.push((s = { file, base, last: lineNo }));
    }
    s.last = lineNo;
    return s.base + lineNo;
  }
}

/** One line of a FORMAT.md responses/predictions file: `{"id", "source", "annotator"?, "output"}`. */

/** A response or prediction: `output` is raw model text or the points themselves, kept as given. */
export interface PredictionLine {
  id: string;
  source: string;
  annotator?: string;
  output: unknown;
}

/**
 * Parses one predictions line (`lineNo` 1-based, for messages). Checks only the envelope — the output
 * is scored later, and an unreadable output is a valid line scored as invalid (METRICS.md). Hand-written
 * rather than zod because the CLI runs it a million times. Never throws.
 */
export function parsePredictionLine(line: string, lineNo: number): { ok: true; value: PredictionLine } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    return { ok: false, error: `line ${lineNo}: not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: `line ${lineNo}: expected a JSON object` };
  const o = v as Record<string, unknown>;
  const bad = (field: string, reason: string) => ({ ok: false as const, error: `line ${lineNo}, field ${field}: ${reason}` });
  if (typeof o.id !== 'string' || o.id === '') return bad('id', 'expected a non-empty string');
  if (typeof o.source !== 'string' || o.source === '') return bad('source', 'expected a non-empty string');
  if (o.annotator !== undefined && typeof o.annotator !== 'string') return bad('annotator', 'expected a string');
  if (!('output' in o)) return bad('output', 'missing');
  return { ok: true, value: { id: o.id, source: o.source, annotator: o.annotator as string | undefined, output: o.output } };
}

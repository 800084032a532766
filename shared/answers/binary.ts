/** Yes/no answers (spatial and relative-depth questions). */
import { z } from 'zod';
import { describe } from './points';
import type { KindParseResult } from './kind';

/** The yes/no answer schema of task `task` (its name as a literal, so answers discriminate on it). */
export function binaryAnswerSchema<T extends string>(task: T) {
  return z.object({ task: z.literal(task), value: z.boolean() });
}
export type BinaryAnswer<T extends string = string> = { task: T; value: boolean };

/**
 * The first standalone word `yes` or `no` (any case, punctuation ignored) is the answer; a boolean is
 * taken as is. "Nope", "cannot tell" or an empty text are invalid.
 */
export function parseBinary<T extends string>(task: T, raw: unknown): KindParseResult<BinaryAnswer<T>> {
  if (typeof raw === 'boolean') return { ok: true, answer: { task, value: raw } };
  if (typeof raw !== 'string') return { ok: false, reason: `expected yes or no, got ${describe(raw)}` };
  for (const word of raw.split(/[^\p{L}\p{N}]+/u)) {
    const w = word.toLowerCase();
    if (w === 'yes') return { ok: true, answer: { task, value: true } };
    if (w === 'no') return { ok: true, answer: { task, value: false } };
  }
  return { ok: false, reason: 'neither yes nor no found' };
}

/** `Yes` or `No`. */
export function formatBinary(a: BinaryAnswer): string {
  return a.value ? 'Yes' : 'No';
}

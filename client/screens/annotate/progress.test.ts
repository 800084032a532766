import { describe, expect, it } from 'vitest';
import { batchProgress } from './progress';

const items = (mode: string, open: number, closed: number) => [
  ...Array.from({ length: open }, () => ({ mode, status: 'open' })),
  ...Array.from({ length: closed }, (_, i) => ({ mode, status: i % 2 ? 'skipped' : 'answered' })),
];

describe('batch progress', () => {
  it('counts the questions the batch-size setting counts, and names practice and checks apart', () => {
    // 23 questions per batch, 6 practice questions, 2 checks: "0 of 23", not "0 of 31".
    const p = batchProgress([...items('practice', 6, 0), ...items('answer', 23, 0), ...items('verify', 2, 0)]);
    expect(p).toEqual({ done: 0, total: 23, text: '0 of 23 questions done · also 0 of 6 practice questions and 0 of 2 answers to check' });
  });
  it('counts skipped questions as done, and leaves out what the batch does not have', () => {
    const p = batchProgress([...items('practice', 0, 1), ...items('answer', 8, 4)]);
    expect(p.text).toBe('4 of 12 questions done · also 1 of 1 practice question');
    expect(batchProgress(items('answer', 1, 0)).text).toBe('0 of 1 question done');
  });
});

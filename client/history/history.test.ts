import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes captured entries only', () => {
    let h = createHistory('a');
    h = record(h, 'b', true);
    h = record(h, 'b-dragging', false);
    h = record(h, 'c', true);
    expect(h.past).toEqual(['a', 'b-dragging']);
    h = undo(h);
    expect(h.present).toBe('b-dragging');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });
  it('a new entry after undo drops the redo branch', () => {
    let h = record(record(createHistory(1), 2, true), 3, true);
    h = record(undo(h), 4, true);
    expect(h.past).toEqual([1, 2]);
    expect(canRedo(h)).toBe(false);
  });
  it('undo / redo at the ends are no-ops (same object)', () => {
    const h = createHistory(0);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(record(h, 0, true)).toBe(h);
  });
  it('keeps at most HISTORY_LIMIT past entries', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, true);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
  test.prop([fc.array(fc.integer(), { maxLength: 30 })])('undo all then redo all returns to the same present', (docs) => {
    let h = createHistory(-1);
    for (const d of docs) h = record(h, d, true);
    const end = h.present;
    while (canUndo(h)) h = undo(h);
    while (canRedo(h)) h = redo(h);
    expect(h.present).toBe(end);
  });
});

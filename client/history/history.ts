/**
 * The single undo/redo history of an editing session, over an immutable document (the current
 * question's draft). Pure functions; the canvas's editor store is the only caller. Every update states
 * whether it is undoable (excalidraw's CaptureUpdateAction): `record(h, doc, true)` makes a new entry,
 * `record(h, doc, false)` replaces the present without one, `createHistory` starts over (loading a saved draft
 * or a new question is never undoable).
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
}

/** Entries kept; older ones drop off the bottom. Drafts are small JSON, so this is a few hundred kB at most. */
export const HISTORY_LIMIT = 200;

export function createHistory<T>(doc: T): History<T> {
  return { past: [], present: doc, future: [] };
}

export function record<T>(h: History<T>, doc: T, isUndoable: boolean): History<T> {
  if (doc === h.present) return h;
  if (!isUndoable) return { ...h, present: doc };
  const past = [...h.past, h.present];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, present: doc, future: [] };
}

export const canUndo = (h: History<unknown>): boolean => h.past.length > 0;
export const canRedo = (h: History<unknown>): boolean => h.future.length > 0;

export function undo<T>(h: History<T>): History<T> {
  if (!canUndo(h)) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (!canRedo(h)) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

/**
 * The editing session of one question: the single history of committed drafts plus the live draft
 * (a drag in progress). It glues a tool's reducer to the history: `capture` results become history
 * entries, transient ones only change the live draft, `{ cancel: true }` and Escape roll back to the
 * last entry. A plain subscribable store so only the layers that show the draft re-render on pointer
 * moves (React's useSyncExternalStore), never the whole canvas.
 */
import type { Answer } from '../../shared/tasks';
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from '../history/history';
import type { AnyTool, ToolEvent } from './tool';

export interface EditorState {
  history: History<unknown>;
  live: unknown;
}

export interface EditorStore {
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  dispatch(ev: ToolEvent): void;
  undo(): void;
  redo(): void;
  /** Replaces everything, not undoable (loading a saved draft, switching verify → correct). */
  reset(draft: unknown): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** The answer of the last committed draft (what the host may save). */
  answer(): Answer | null;
}

export function createEditorStore(tool: AnyTool, initial: unknown): EditorStore {
  let state: EditorState = { history: createHistory(initial), live: initial };
  const listeners = new Set<() => void>();
  const set = (next: EditorState) => {
    if (next.history === state.history && next.live === state.live) return;
    state = next;
    for (const l of listeners) l();
  };
  return {
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispatch(ev) {
      // Escape always rolls back to the last entry, whatever the tool does with it.
      if (ev.type === 'cancel') return set({ ...state, live: state.history.present });
      const r = tool.step(state.live, ev);
      if ('cancel' in r) return set({ ...state, live: state.history.present });
      set({ history: r.capture ? record(state.history, r.draft, true) : state.history, live: r.draft });
    },
    undo() {
      const history = undo(state.history);
      set({ history, live: history.present });
    },
    redo() {
      const history = redo(state.history);
      set({ history, live: history.present });
    },
    reset(draft) {
      set({ history: createHistory(draft), live: draft });
    },
    canUndo: () => canUndo(state.history),
    canRedo: () => canRedo(state.history),
    answer: () => tool.toAnswer(state.history.present),
  };
}

/** Drafts are plain JSON; this wraps one with its tool id so a draft is never restored into another tool. */
export function serializeDraft(toolId: string, draft: unknown): string {
  return JSON.stringify({ v: 1, toolId, draft });
}

/** The draft saved by `serializeDraft` for this tool, or null (other tool, old format, corrupt text). */
export function deserializeDraft(toolId: string, text: string | null | undefined): unknown | null {
  if (!text) return null;
  try {
    const o = JSON.parse(text) as { v?: unknown; toolId?: unknown; draft?: unknown };
    return o && o.v === 1 && o.toolId === toolId && o.draft !== undefined ? o.draft : null;
  } catch {
    // Corrupt localStorage text is expected (manual edits, truncation); starting afresh is the handling.
    return null;
  }
}

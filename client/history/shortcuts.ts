/**
 * The one key → command table (excalidraw's per-action `keyTest`). The canvas installs the only key
 * listener through `useShortcuts`; tools contribute rows through `Tool.keys`; the legend renders the
 * same rows, so what is documented is what is bound.
 */
import { useEffect, useRef } from 'react';
import type { AnyTool, ToolEvent } from '../canvas/tool';

export type Command =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'fit' }
  | { type: 'zoom'; factor: number }
  | { type: 'togglePan' }
  | { type: 'holdPan'; isHeld: boolean }
  | { type: 'drawMode' }
  | { type: 'toggleMagnifier' }
  | { type: 'toggleOverlay' }
  /** Goes to the active tool (cancel, delete, nudge, tool commands). */
  | { type: 'tool'; event: ToolEvent }
  /** Goes to the page around the canvas (submit, verdicts, a curator's accept-and-next), by the id it gave. */
  | { type: 'host'; id: string };

/** What a contributor's page can do from the keyboard; it says which ones apply to the current item. */
export type HostAction = 'accept' | 'fix' | 'reject' | 'back' | 'submit';

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export interface Shortcut {
  /** How the legend writes the keys; rows without it are bound but not listed (variants). */
  keys?: string;
  label: string;
  keyTest: (e: KeyLike) => boolean;
  command: (e: KeyLike) => Command;
  /** Command sent on key release (hold-to-pan). */
  release?: Command;
  /** View rows (zoom, pan, fit, loupe) also work read-only, in verify mode. */
  isView?: boolean;
  /** The hosting page's rows (submit, verdicts): they work in either mode and are listed first. */
  isHost?: boolean;
}

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;
const plain = (e: KeyLike, k: string) => !mod(e) && !e.altKey && e.key.toLowerCase() === k;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

const CORE: Shortcut[] = [
  { keys: 'Ctrl+Z', label: 'Undo', keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z', command: () => ({ type: 'undo' }) },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', label: 'Redo', keyTest: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'), command: () => ({ type: 'redo' }) },
  { keys: 'Esc', label: 'Cancel what you are drawing', keyTest: (e) => e.key === 'Escape', command: () => ({ type: 'tool', event: { type: 'cancel' } }) },
  { keys: 'Delete', label: 'Delete the selected point / shape', keyTest: (e) => e.key === 'Delete' || e.key === 'Backspace', command: () => ({ type: 'tool', event: { type: 'delete' } }) },
  {
    keys: 'Arrows (+Shift)',
    label: 'Nudge the selected handle 1 px (10 px)',
    keyTest: (e) => e.key in ARROWS && !mod(e),
    command: (e) => {
      const [dx, dy] = ARROWS[e.key];
      const step = e.shiftKey ? 10 : 1;
      return { type: 'tool', event: { type: 'nudge', dx: dx * step, dy: dy * step } };
    },
  },
  { keys: 'Wheel / + −', label: 'Zoom about the cursor / centre', isView: true, keyTest: (e) => !mod(e) && (e.key === '+' || e.key === '='), command: () => ({ type: 'zoom', factor: 1.25 }) },
  { label: 'Zoom out', isView: true, keyTest: (e) => !mod(e) && (e.key === '-' || e.key === '_'), command: () => ({ type: 'zoom', factor: 0.8 }) },
  { keys: 'F', label: 'Fit the image to the screen', isView: true, keyTest: (e) => plain(e, 'f'), command: () => ({ type: 'fit' }) },
  {
    keys: 'Space-drag / right-drag / H',
    label: 'Pan (H toggles pan mode)', isView: true,
    keyTest: (e) => e.code === 'Space' || e.key === ' ',
    command: () => ({ type: 'holdPan', isHeld: true }),
    release: { type: 'holdPan', isHeld: false },
  },
  { label: 'Toggle pan mode', isView: true, keyTest: (e) => plain(e, 'h'), command: () => ({ type: 'togglePan' }) },
  { keys: 'M', label: 'Show / hide the magnifier', isView: true, keyTest: (e) => plain(e, 'm'), command: () => ({ type: 'toggleMagnifier' }) },
  { keys: 'O', label: 'Hide / show the drawing and overlays (see the photo alone)', isView: true, keyTest: (e) => plain(e, 'o'), command: () => ({ type: 'toggleOverlay' }) },
];

/** A key the page around the canvas adds to the one table (so it shows in the legend too). */
export interface HostKey {
  id: string;
  keys: string;
  label: string;
  keyTest: (e: KeyLike) => boolean;
}

/** The contributor page's keys, by the action they ask for (the id the page gets back). */
export const CONTRIBUTOR_KEYS: Readonly<Record<HostAction, HostKey>> = {
  accept: { id: 'accept', keys: 'A', label: 'Correct: accept the shown answer', keyTest: (e) => plain(e, 'a') },
  fix: { id: 'fix', keys: 'E', label: 'Not correct – fix it (edit the answer)', keyTest: (e) => plain(e, 'e') },
  reject: { id: 'reject', keys: 'R', label: 'Not correct (no fix)', keyTest: (e) => plain(e, 'r') },
  back: { id: 'back', keys: 'B', label: 'Back to checking (drop the fix)', keyTest: (e) => plain(e, 'b') },
  submit: { id: 'submit', keys: 'Enter', label: 'Submit the answer (also Ctrl+Enter)', keyTest: (e) => e.key === 'Enter' && !e.altKey && !e.shiftKey },
};
const HOST_ORDER: readonly HostAction[] = ['accept', 'fix', 'reject', 'submit', 'back'];

/** The contributor keys for the actions that apply now, in a fixed order. */
export function contributorKeys(actions: readonly HostAction[]): HostKey[] {
  return HOST_ORDER.filter((a) => actions.includes(a)).map((a) => CONTRIBUTOR_KEYS[a]);
}

/**
 * The table for a tool: the host page's keys first (they work in every mode, like view keys), then the
 * core rows, the tool's hotkey (back to drawing) and the tool's own keys.
 */
export function buildKeyTable(tool: AnyTool, host: readonly HostKey[] = []): Shortcut[] {
  const hostRows: Shortcut[] = host.map((k) => ({ keys: k.keys, label: k.label, keyTest: k.keyTest, isHost: true, command: () => ({ type: 'host', id: k.id }) }));
  const own: Shortcut[] = (tool.keys ?? []).map((k) => ({ keys: k.keys, label: k.label, keyTest: k.keyTest, command: () => ({ type: 'tool', event: k.event }) }));
  const hotkey: Shortcut = { keys: tool.hotkey.toUpperCase(), label: `${tool.label} tool (leave pan mode)`, keyTest: (e) => plain(e, tool.hotkey), command: () => ({ type: 'drawMode' }) };
  // A buttons-only tool (yes/no) has nothing to nudge, delete a point of, or switch back to.
  const core = tool.usesPointer ? CORE : CORE.filter((s) => !/Nudge|Delete|Cancel/.test(s.label));
  return [...hostRows, ...core, ...(tool.usesPointer ? [hotkey] : []), ...own];
}

export function matchShortcut(table: readonly Shortcut[], e: KeyLike): Shortcut | undefined {
  return table.find((s) => s.keyTest(e));
}

function isTyping(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable) return true;
  // Enter on a link, a <summary> or a button of a form (the skip form) keeps its own meaning.
  return key === 'Enter' && typeof el.closest === 'function' && !!el.closest('a, summary, form');
}

/** Installs the one window key listener for `table`; `run` gets each matched command. */
export function useShortcuts(table: readonly Shortcut[], run: (c: Command) => void, isEnabled: boolean): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (!isEnabled) return;
    const down = (e: KeyboardEvent) => {
      if (isTyping(e.target, e.key)) return;
      const s = matchShortcut(table, e);
      if (!s) return;
      e.preventDefault();
      if (e.repeat && s.release) return;
      runRef.current(s.command(e));
    };
    const up = (e: KeyboardEvent) => {
      const s = matchShortcut(table, e);
      if (s?.release) runRef.current(s.release);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [table, isEnabled]);
}

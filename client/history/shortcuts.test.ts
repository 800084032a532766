import { describe, expect, it } from 'vitest';
import { createCuboidTool } from '../tools/pose/tool';
import { createPointTool } from '../tools/rearrangement/tool';
import { createBinaryTool } from '../tools/yesno/tool';
import { buildKeyTable, contributorKeys, matchShortcut } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key: k,
  code: mods.code ?? '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const table = buildKeyTable(createPointTool({ task: 'rearrangement', imageWidth: 100, imageHeight: 100 }));
const commandOf = (e: ReturnType<typeof key>) => matchShortcut(table, e)?.command(e);

describe('shortcut table', () => {
  it('maps undo and both redo chords', () => {
    expect(commandOf(key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(commandOf(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(commandOf(key('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(commandOf(key('z', { metaKey: true }))).toEqual({ type: 'undo' });
  });
  it('sends Escape, Delete and arrow nudges to the tool', () => {
    expect(commandOf(key('Escape'))).toEqual({ type: 'tool', event: { type: 'cancel' } });
    expect(commandOf(key('Delete'))).toEqual({ type: 'tool', event: { type: 'delete' } });
    expect(commandOf(key('ArrowLeft'))).toEqual({ type: 'tool', event: { type: 'nudge', dx: -1, dy: 0 } });
    expect(commandOf(key('ArrowDown', { shiftKey: true }))).toEqual({ type: 'tool', event: { type: 'nudge', dx: 0, dy: 10 } });
  });
  it('has the tool hotkey and the tool’s own keys, and every listed key is unique', () => {
    expect(commandOf(key('p'))).toEqual({ type: 'drawMode' });
    const cuboid = buildKeyTable(createCuboidTool({ task: 'pose', imageWidth: 100, imageHeight: 100, camera: { K: [[100, 0, 50], [0, 100, 50], [0, 0, 1]] } }));
    expect(matchShortcut(cuboid, key('t'))?.command(key('t'))).toEqual({ type: 'tool', event: { type: 'command', command: 'tilt' } });
    const listed = cuboid.filter((s) => s.keys).map((s) => s.keys);
    expect(new Set(listed).size).toBe(listed.length);
  });
  it('binds and lists only the host actions that apply now, first, with no key taken twice', () => {
    const all = ['accept', 'fix', 'reject', 'back', 'submit'] as const;
    for (const tool of [createPointTool({ task: 'rearrangement', imageWidth: 100, imageHeight: 100 }), createBinaryTool({ task: 'spatial', imageWidth: 100, imageHeight: 100 }), createCuboidTool({ task: 'pose', imageWidth: 100, imageHeight: 100, camera: { K: [[100, 0, 50], [0, 100, 50], [0, 0, 1]] } })]) {
      const t = buildKeyTable(tool, contributorKeys(all));
      const keys = ['a', 'e', 'r', 'b', 'Enter'];
      const actions = keys.map((k) => matchShortcut(t, key(k))?.command(key(k)));
      expect(actions).toEqual(['accept', 'fix', 'reject', 'back', 'submit'].map((id) => ({ type: 'host', id })));
      const listed = t.filter((s) => s.keys).map((s) => s.keys);
      expect(new Set(listed).size).toBe(listed.length);
    }
    const verify = buildKeyTable(createPointTool({ task: 'rearrangement', imageWidth: 100, imageHeight: 100 }), contributorKeys(['accept', 'fix', 'reject']));
    expect(verify.slice(0, 3).map((s) => s.keys)).toEqual(['A', 'E', 'R']);
    expect(matchShortcut(verify, key('Enter'))).toBeUndefined();
    expect(matchShortcut(table, key('a'))).toBeUndefined();
    // Ctrl+Enter submits too; Shift+Enter does not.
    const draw = buildKeyTable(createPointTool({ task: 'rearrangement', imageWidth: 100, imageHeight: 100 }), contributorKeys(['submit']));
    expect(matchShortcut(draw, key('Enter', { ctrlKey: true }))?.command(key('Enter'))).toEqual({ type: 'host', id: 'submit' });
    expect(matchShortcut(draw, key('Enter', { shiftKey: true }))).toBeUndefined();
  });
  it('space is a hold-to-pan with a release command', () => {
    const s = matchShortcut(table, key(' ', { code: 'Space' }))!;
    expect(s.command(key(' '))).toEqual({ type: 'holdPan', isHeld: true });
    expect(s.release).toEqual({ type: 'holdPan', isHeld: false });
  });
});

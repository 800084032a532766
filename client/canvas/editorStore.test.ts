import { describe, expect, it } from 'vitest';
import { createPointTool } from '../tools/rearrangement/tool';
import { imagePx } from '../../shared/geometry/types';
import { createEditorStore, deserializeDraft, serializeDraft } from './editorStore';

const tool = createPointTool({ task: 'rearrangement', imageWidth: 100, imageHeight: 100 });
const ptr = (type: 'down' | 'move' | 'up', x: number, y: number) => ({ type, p: imagePx(x, y), tolPx: 3, shift: false }) as const;

describe('editor store', () => {
  it('one entry per click, none for drag moves; undo/redo', () => {
    const s = createEditorStore(tool, tool.begin());
    s.dispatch(ptr('down', 10, 10));
    s.dispatch(ptr('up', 10, 10));
    s.dispatch(ptr('down', 10, 10));
    s.dispatch(ptr('move', 20, 20));
    expect(s.getState().history.past.length).toBe(1);
    s.dispatch(ptr('up', 20, 20));
    expect(s.answer()).toEqual({ task: 'rearrangement', points: [[20, 20]] });
    s.undo();
    expect(s.answer()).toEqual({ task: 'rearrangement', points: [[10, 10]] });
    s.redo();
    expect(s.answer()).toEqual({ task: 'rearrangement', points: [[20, 20]] });
  });
  it('escape mid-drag leaves no trace', () => {
    const s = createEditorStore(tool, tool.begin());
    s.dispatch(ptr('down', 10, 10));
    s.dispatch(ptr('move', 50, 50));
    s.dispatch({ type: 'cancel' });
    expect(s.getState().live).toBe(s.getState().history.present);
    expect(s.canUndo()).toBe(false);
  });
  it('notifies only on change; reset is not undoable', () => {
    const s = createEditorStore(tool, tool.begin());
    let n = 0;
    s.subscribe(() => n++);
    s.dispatch(ptr('move', 5, 5));
    expect(n).toBe(0);
    s.reset(tool.fromAnswer({ task: 'rearrangement', points: [[1, 2]] }));
    expect(n).toBe(1);
    expect(s.canUndo()).toBe(false);
    expect(s.answer()).toEqual({ task: 'rearrangement', points: [[1, 2]] });
  });
  it('drafts round-trip through JSON, keyed by tool', () => {
    const s = createEditorStore(tool, tool.begin());
    s.dispatch(ptr('down', 10, 10));
    s.dispatch(ptr('up', 10, 10));
    const text = serializeDraft(tool.id, s.getState().history.present);
    expect(deserializeDraft(tool.id, text)).toEqual(s.getState().history.present);
    expect(deserializeDraft('grasp', text)).toBeNull();
    expect(deserializeDraft(tool.id, '{not json')).toBeNull();
  });
});

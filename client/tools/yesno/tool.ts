/** Spatial / depth: a Yes or No answer, from the buttons or the Y / N keys. No drawing. */
import type { Answer } from '../../../shared/tasks';
import type { Tool, ToolContext } from '../../canvas/tool';
import { BinaryControls } from './Controls';

export interface BinaryDraft {
  value: boolean | null;
}

export function createBinaryTool(ctx: ToolContext): Tool<BinaryDraft> {
  const task = ctx.task === 'depth' ? 'depth' : 'spatial';
  return {
    id: 'binary',
    label: 'Yes / No',
    hotkey: 'b',
    hint: 'Answer with Yes or No (keys Y and N).',
    usesPointer: false,
    begin: () => ({ value: null }),
    fromAnswer: (a: Answer) => ({ value: 'value' in a ? a.value : null }),
    step: (d, ev) => {
      if (ev.type === 'command' && (ev.command === 'yes' || ev.command === 'no')) {
        const value = ev.command === 'yes';
        return value === d.value ? { draft: d, capture: false } : { draft: { value }, capture: true };
      }
      if (ev.type === 'delete' && d.value !== null) return { draft: { value: null }, capture: true };
      return { draft: d, capture: false };
    },
    toAnswer: (d) => (d.value === null ? null : { task, value: d.value }),
    Preview: () => null,
    Controls: BinaryControls,
    keys: [
      { keys: 'Y', label: 'Answer Yes', keyTest: (e) => e.key.toLowerCase() === 'y' && !e.ctrlKey && !e.metaKey, event: { type: 'command', command: 'yes' } },
      { keys: 'N', label: 'Answer No', keyTest: (e) => e.key.toLowerCase() === 'n' && !e.ctrlKey && !e.metaKey, event: { type: 'command', command: 'no' } },
    ],
  };
}

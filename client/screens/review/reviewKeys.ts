/** The review page's keys, added to the canvas's one key table (and so to its legend). */
import type { HostKey } from '../../history/shortcuts';

const plain = (e: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }) => !e.ctrlKey && !e.metaKey && !e.altKey;

export const REVIEW_KEYS: readonly HostKey[] = [
  { id: 'save-next', keys: 'Enter', label: 'Accept (or save your correction) and go to the next', keyTest: (e) => e.key === 'Enter' && plain(e) && !e.shiftKey },
  { id: 'reject', keys: 'X', label: 'Reject: type the reason, Enter', keyTest: (e) => plain(e) && e.key.toLowerCase() === 'x' },
  { id: 'next', keys: 'J / PageDown', label: 'Next question', keyTest: (e) => plain(e) && (e.key.toLowerCase() === 'j' || e.key === 'PageDown') },
  { id: 'prev', keys: 'K / PageUp', label: 'Previous question', keyTest: (e) => plain(e) && (e.key.toLowerCase() === 'k' || e.key === 'PageUp') },
  { id: 'queue', keys: 'Q', label: 'Back to the queue', keyTest: (e) => plain(e) && e.key.toLowerCase() === 'q' },
];

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

/** The crowd view's own keys (its answers list), listed before the page's. */
export const CROWD_KEYS: readonly HostKey[] = [
  { id: 'crowd-next', keys: '↓', label: 'Highlight the next answer', keyTest: (e) => plain(e) && e.key === 'ArrowDown' },
  { id: 'crowd-prev', keys: '↑', label: 'Highlight the previous answer', keyTest: (e) => plain(e) && e.key === 'ArrowUp' },
  { id: 'crowd-adopt', keys: 'A', label: 'Adopt the highlighted answer as the label (a new version)', keyTest: (e) => plain(e) && !e.shiftKey && e.key.toLowerCase() === 'a' },
  { id: 'crowd-clear', keys: 'Esc', label: 'Clear the highlight', keyTest: (e) => e.key === 'Escape' },
];

export type ReviewView = 'label' | 'crowd' | 'regions';

const toCrowd: HostKey = { id: 'view-crowd', keys: 'V', label: 'Show the crowd’s and the models’ answers (adopt one as the label)', keyTest: (e) => plain(e) && e.key.toLowerCase() === 'v' };
const toRegions: HostKey = { id: 'view-regions', keys: 'R', label: 'Edit the regions', keyTest: (e) => plain(e) && e.key.toLowerCase() === 'r' };
const back = (k: HostKey): HostKey => ({ ...k, id: 'view-label', label: 'Back to editing the label' });
const cache = new Map<string, readonly HostKey[]>();

/** The page's keys in each view (stable arrays: the canvas keys its table on them). */
export function reviewKeys(view: ReviewView, hasRegions: boolean): readonly HostKey[] {
  const id = `${view}:${hasRegions}`;
  let keys = cache.get(id);
  if (!keys) {
    const regions = hasRegions ? [view === 'regions' ? back(toRegions) : toRegions] : [];
    keys = [...REVIEW_KEYS, view === 'crowd' ? back(toCrowd) : toCrowd, ...regions];
    cache.set(id, keys);
  }
  return keys;
}

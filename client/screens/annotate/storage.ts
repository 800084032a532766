/**
 * What the contributor's browser keeps so a batch survives a reload or a lost connection: the batch
 * token, one response id per assignment (so a retried submit is recognised by the server), the
 * half-drawn draft and the time already spent per question, and which task introductions were seen.
 */
const KEY = 'bopask.annotate';

export type Campaign = 'baseline' | 'labels';

function get(key: string): string | null {
  try {
    return localStorage.getItem(`${KEY}.${key}`);
  } catch {
    return null;
  }
}
function set(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(`${KEY}.${key}`);
    else localStorage.setItem(`${KEY}.${key}`, value);
  } catch {
    // Private mode or a full quota: the batch still works, it just will not survive a reload.
  }
}

/** The question being timed: time counts while the page is visible, and is flushed to storage. */
let timing: { assignmentId: number; since: number } | null = null;

function flushTiming(): void {
  if (!timing) return;
  const now = performance.now();
  const key = `time.${timing.assignmentId}`;
  set(key, String(Math.round((Number(get(key) ?? 0) || 0) + (now - timing.since))));
  timing.since = now;
}

export const contributorStorage = {
  /** The batch token of a campaign (the label-verification campaign keeps its own). */
  token: (campaign: Campaign = 'baseline') => get(campaign === 'labels' ? 'token.labels' : 'token'),
  setToken: (t: string | null, campaign: Campaign = 'baseline') => set(campaign === 'labels' ? 'token.labels' : 'token', t),
  /** The response id for an assignment, created once and reused by every retry. */
  responseId(assignmentId: number): string {
    const existing = get(`rid.${assignmentId}`);
    if (existing) return existing;
    const id = crypto.randomUUID();
    set(`rid.${assignmentId}`, id);
    return id;
  },
  draft: (assignmentId: number): unknown => {
    const raw = get(`draft.${assignmentId}`);
    try {
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  },
  setDraft: (assignmentId: number, draft: unknown) => set(`draft.${assignmentId}`, draft == null ? null : JSON.stringify(draft)),
  /** Whether the contributor was correcting this verify item ("Fix it"), so a reload comes back to it. */
  isCorrecting: (assignmentId: number) => get(`fix.${assignmentId}`) === '1',
  setCorrecting: (assignmentId: number, isOn: boolean) => set(`fix.${assignmentId}`, isOn ? '1' : null),
  /** Starts counting time on a question (stopping any other); returns the stop function. */
  startTiming(assignmentId: number): () => void {
    flushTiming();
    timing = { assignmentId, since: performance.now() };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushTiming();
      else if (timing) timing.since = performance.now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      if (timing?.assignmentId === assignmentId) {
        flushTiming();
        timing = null;
      }
    };
  },
  /** Time spent on a question so far, including the running part, in ms. */
  spentMs(assignmentId: number): number {
    if (timing?.assignmentId === assignmentId && document.visibilityState !== 'hidden') flushTiming();
    return Number(get(`time.${assignmentId}`) ?? 0) || 0;
  },
  hasSeenIntro: (task: string) => get(`intro.${task}`) === '1',
  markIntroSeen: (task: string) => set(`intro.${task}`, '1'),
  forget(assignmentId: number): void {
    set(`draft.${assignmentId}`, null);
    set(`time.${assignmentId}`, null);
    set(`fix.${assignmentId}`, null);
  },
};

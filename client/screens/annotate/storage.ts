/**
 * What the contributor's browser keeps so a batch survives a reload or a lost connection: the batch
 * token, one response id per assignment (so a retried submit is recognised by the server), the
 * half-drawn draft and the time already spent per question, and which task introductions were seen.
 */
const KEY = 'bopask.annotate';

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

export const contributorStorage = {
  token: () => get('token'),
  setToken: (t: string | null) => set('token', t),
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
  spentMs: (assignmentId: number) => Number(get(`time.${assignmentId}`) ?? 0) || 0,
  setSpentMs: (assignmentId: number, ms: number) => set(`time.${assignmentId}`, String(Math.round(ms))),
  hasSeenIntro: (task: string) => get(`intro.${task}`) === '1',
  markIntroSeen: (task: string) => set(`intro.${task}`, '1'),
  forget(assignmentId: number): void {
    set(`draft.${assignmentId}`, null);
    set(`time.${assignmentId}`, null);
  },
};

/**
 * What the progress bar counts: the batch's questions — the number the admin sets as "questions per
 * batch" — and, beside them, the practice questions (one per task) and the answers to check, which
 * come on top of that number.
 */
export interface ProgressItem {
  mode: 'answer' | 'verify' | 'practice' | string;
  status: 'open' | 'answered' | 'skipped' | string;
}

export interface Progress {
  done: number;
  total: number;
  text: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function batchProgress(items: readonly ProgressItem[]): Progress {
  const count = (mode: string) => {
    const of = items.filter((i) => i.mode === mode);
    return { done: of.filter((i) => i.status !== 'open').length, total: of.length };
  };
  const q = count('answer'), p = count('practice'), v = count('verify');
  const extras = [
    p.total ? `${p.done} of ${plural(p.total, 'practice question', 'practice questions')}` : '',
    v.total ? `${v.done} of ${plural(v.total, 'answer to check', 'answers to check')}` : '',
  ].filter(Boolean);
  const text = `${q.done} of ${plural(q.total, 'question', 'questions')} done${extras.length ? ` · also ${extras.join(' and ')}` : ''}`;
  return { done: q.done, total: q.total, text };
}

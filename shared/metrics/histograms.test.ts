import { describe, expect, it } from 'vitest';
import { scoreHistograms } from './histograms';
import type { QuestionScore } from './questionScores';

const q = (source: string, task: QuestionScore['task'], means: QuestionScore['means']): QuestionScore => ({
  source, questionId: `${source}-${Math.random()}`, task, responses: 1, invalid: 0, contributors: 1, means, validMeans: {},
});

describe('scoreHistograms', () => {
  it('bins per-question scores per source on a shared axis; the last bin takes the top value and inf', () => {
    const h = scoreHistograms([
      q('Human', 'spatial', { correct: 1 }), q('Human', 'spatial', { correct: 0.5 }), q('Human', 'spatial', { correct: 0 }),
      q('M', 'spatial', { correct: 0 }),
      q('M', 'trajectory', { dist: 23 }), q('M', 'trajectory', { dist: Infinity }), q('Human', 'trajectory', { dist: 1 }),
    ]);
    expect(h.spatial.counts.Human).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(h.spatial.counts.M).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Distance axis: 0 to 30 px (23 rounded up to a multiple of 10), bins of 3 px.
    expect(h.trajectory.edges[10]).toBe(30);
    expect(h.trajectory.counts.M).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(h.trajectory.counts.Human).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(h.grasp.counts).toEqual({});
  });
});

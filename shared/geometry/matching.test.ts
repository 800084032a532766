import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { maxBipartiteMatching } from './matching';

describe('maxBipartiteMatching', () => {
  it('finds the augmenting path a greedy match would miss', () => {
    // Greedy gives left 0 → right 0 and leaves left 1 unmatched; the maximum is 2.
    expect(maxBipartiteMatching([[0, 1], [0]], 2)).toBe(2);
  });

  it('counts each right vertex once', () => {
    expect(maxBipartiteMatching([[0], [0], [0]], 1)).toBe(1);
    expect(maxBipartiteMatching([[0, 1, 2], [0, 1, 2], [0, 1, 2]], 3)).toBe(3);
  });

  it('is 0 for empty graphs', () => {
    expect(maxBipartiteMatching([], 3)).toBe(0);
    expect(maxBipartiteMatching([[], []], 0)).toBe(0);
  });

  test.prop([fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }).chain((nRight) =>
    fc.tuple(fc.constant(nRight), fc.array(fc.subarray([...Array(nRight).keys()]), { maxLength: 6 })))])(
    'agrees with brute force and is bounded by both sides',
    (_unused, [nRight, adj]) => {
      const m = maxBipartiteMatching(adj, nRight);
      expect(m).toBeLessThanOrEqual(Math.min(adj.length, nRight));
      const brute = (l: number, used: number): number => {
        if (l === adj.length) return 0;
        let best = brute(l + 1, used);
        for (const r of adj[l]) if (!(used & (1 << r))) best = Math.max(best, 1 + brute(l + 1, used | (1 << r)));
        return best;
      };
      expect(m).toBe(brute(0, 0));
    },
  );
});

/** Maximum bipartite matching. */

/**
 * Size of a maximum matching in a bipartite graph given as adjacency lists: `adj[l]` lists the right
 * vertices (0 … nRight−1) that left vertex `l` may be matched to. Kuhn's augmenting paths, O(V·E) —
 * ample for a few dozen markers. Returns 0 for an empty graph.
 */
export function maxBipartiteMatching(adj: readonly (readonly number[])[], nRight: number): number {
  const matchOfRight = new Int32Array(nRight).fill(-1);
  let size = 0;
  for (let l = 0; l < adj.length; l++) {
    const seen = new Uint8Array(nRight);
    if (augment(l, adj, matchOfRight, seen)) size++;
  }
  return size;
}

function augment(l: number, adj: readonly (readonly number[])[], matchOfRight: Int32Array, seen: Uint8Array): boolean {
  for (const r of adj[l]) {
    if (seen[r]) continue;
    seen[r] = 1;
    if (matchOfRight[r] < 0 || augment(matchOfRight[r], adj, matchOfRight, seen)) {
      matchOfRight[r] = l;
      return true;
    }
  }
  return false;
}

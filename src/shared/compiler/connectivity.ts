// Connectivity rules → synapse lists in CSR order (pre-major; within a row, post ascending for generated
// rules, document order for explicit lists). Random rules draw from the counter RNG stream
// STREAM.connectivity + projection index, so a seed always gives the same network.
import type { Connectivity } from '../graph';
import { CounterRng, STREAM } from '../rng';

export interface Csr {
  rowPtr: Uint32Array;
  post: Uint32Array;
  /** For explicit lists: CSR position → index in the document's lists (for explicit weights/delays). */
  order: Uint32Array | null;
}

export function buildConnectivity(c: Connectivity, nPre: number, nPost: number, sameNode: boolean, seed: number, projIndex: number): Csr {
  const stream = STREAM.connectivity + projIndex;
  const noSelf = sameNode && 'allow_self' in c && !c.allow_self;
  switch (c.rule) {
    case 'all_to_all': {
      const rowLen = nPost - (noSelf ? 1 : 0);
      const rowPtr = new Uint32Array(nPre + 1);
      const post = new Uint32Array(nPre * Math.max(0, rowLen));
      let k = 0;
      for (let i = 0; i < nPre; i++) {
        rowPtr[i] = k;
        for (let j = 0; j < nPost; j++) if (!(noSelf && i === j)) post[k++] = j;
      }
      rowPtr[nPre] = k;
      return { rowPtr, post: post.subarray(0, k), order: null };
    }
    case 'one_to_one': {
      const rowPtr = new Uint32Array(nPre + 1), post = new Uint32Array(nPre);
      for (let i = 0; i < nPre; i++) { rowPtr[i] = i; post[i] = i; }
      rowPtr[nPre] = nPre;
      return { rowPtr, post, order: null };
    }
    case 'fixed_probability': {
      // Geometric skipping: O(synapses), not O(nPre·nPost). Row i uses its own RNG index, so rows are independent.
      const rowPtr = new Uint32Array(nPre + 1);
      let post = new Uint32Array(Math.max(16, Math.ceil(nPre * nPost * c.p * 1.1) + 16));
      let k = 0;
      const logq = Math.log1p(-c.p);
      for (let i = 0; i < nPre; i++) {
        rowPtr[i] = k;
        if (c.p <= 0) continue;
        const rng = new CounterRng(seed, stream, i);
        let j = -1;
        for (;;) {
          j += c.p >= 1 ? 1 : 1 + Math.floor(Math.log(1 - rng.next()) / logq);
          if (j >= nPost) break;
          if (noSelf && i === j) continue;
          if (k >= post.length) { const b = new Uint32Array(post.length * 2); b.set(post); post = b; }
          post[k++] = j;
        }
      }
      rowPtr[nPre] = k;
      return { rowPtr, post: post.slice(0, k), order: null };
    }
    case 'fixed_indegree': {
      // For each target, k distinct sources (rejection sampling), then regrouped by source.
      const pres = new Uint32Array(nPost * c.k);
      const avail = nPre - (noSelf ? 1 : 0);
      if (c.k > avail) throw new Error(`fixed_indegree k=${c.k} exceeds the ${avail} available sources`);
      for (let j = 0; j < nPost; j++) {
        const rng = new CounterRng(seed, stream, j);
        const chosen = new Set<number>();
        while (chosen.size < c.k) {
          const i = rng.int(nPre);
          if (noSelf && i === j) continue;
          chosen.add(i);
        }
        pres.set([...chosen].sort((a, b) => a - b), j * c.k);
      }
      const postOf = new Uint32Array(nPost * c.k);
      for (let j = 0; j < nPost; j++) postOf.fill(j, j * c.k, (j + 1) * c.k);
      return groupByPre(pres, postOf, nPre).csr;
    }
    case 'explicit': {
      const r = groupByPre(Uint32Array.from(c.pre), Uint32Array.from(c.post), nPre);
      return { ...r.csr, order: r.order };
    }
  }
}

/** Stable counting sort of (pre, post) pairs by pre. */
function groupByPre(pre: Uint32Array, post: Uint32Array, nPre: number): { csr: Csr; order: Uint32Array } {
  const rowPtr = new Uint32Array(nPre + 1);
  for (let s = 0; s < pre.length; s++) rowPtr[pre[s] + 1]++;
  for (let i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
  const fill = rowPtr.slice(0, nPre);
  const out = new Uint32Array(pre.length), order = new Uint32Array(pre.length);
  for (let s = 0; s < pre.length; s++) { const k = fill[pre[s]]++; out[k] = post[s]; order[k] = s; }
  return { csr: { rowPtr, post: out, order }, order };
}

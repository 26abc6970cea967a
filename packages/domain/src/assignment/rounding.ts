/**
 * Bipartite dependent rounding (Gandhi, Khuller, Parthasarathy, Srinivasan, J. ACM 2006) of a fractional
 * assignment x ∈ [0, D] with D = 2^B, done bit by bit. At bit j every pair with x/2^j odd lies on a
 * simple cycle or a maximal simple path of such pairs; each cycle or path is shifted by ±2^j alternately
 * around it, the direction chosen by one fair keystream bit. Hence:
 *   - marginals: E[final x] = x for every pair (each shift is ±2^j with probability ½), so
 *     P(pair chosen) = x/D ≤ the cap;
 *   - degrees: an application's total k·D is even at every bit, so it is never a path end and keeps
 *     exactly k; an expert's total only moves to a neighbouring multiple of 2^(j+1), so its final load is
 *     ⌊load⌋ or ⌈load⌉ of its fractional load — inside [minLoad, maxLoad];
 *   - each shift touches at most two pairs at a vertex, in opposite directions (negative correlation).
 * Only integer arithmetic; the order of vertices and pairs is the canonical one, so the same keystream
 * gives the same assignment everywhere.
 */
import type { ChaChaStream } from './stream.js';

/**
 * x: pair values in units of 1/D (integers, modified in place to 0 or D). Pairs connect node appOf[i]
 * (applications 0..n-1) to node n + expOf[i].
 */
export function dependentRound(x: Float64Array, appOf: Int32Array, expOf: Int32Array, n: number, m: number, bits: number, rng: ChaChaStream): void {
  const N = n + m;
  // Values are integers in [0, 2^bits] with bits ≤ 30, so the low bits are exact as int32 (and much
  // cheaper than a floating-point remainder).
  const mask = (1 << bits) - 1;
  let F = 0;
  for (let i = 0; i < x.length; i++) if ((x[i]! & mask) !== 0) F++;
  const frac = new Int32Array(F);
  for (let i = 0, z = 0; i < x.length; i++) if ((x[i]! & mask) !== 0) frac[z++] = i;
  if (F === 0) return;
  // CSR of the fractional pairs by node, pairs in canonical order.
  const start = new Int32Array(N + 1);
  for (const i of frac) {
    start[appOf[i]! + 1]!++;
    start[n + expOf[i]! + 1]!++;
  }
  for (let v = 0; v < N; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, N);
  const adj = new Int32Array(2 * F);
  for (let f = 0; f < F; f++) {
    const i = frac[f]!;
    adj[fill[appOf[i]!]!++] = f;
    adj[fill[n + expOf[i]!]!++] = f;
  }
  const val = new Int32Array(F);
  for (let f = 0; f < F; f++) val[f] = x[frac[f]!]!;
  const fa = new Int32Array(F);
  const fe = new Int32Array(F);
  for (let f = 0; f < F; f++) {
    fa[f] = appOf[frac[f]!]!;
    fe[f] = n + expOf[frac[f]!]!;
  }
  const deg = new Int32Array(N);
  const ptr = new Int32Array(N);
  const used = new Int32Array(F);
  const pos = new Int32Array(N).fill(-1);
  const stackNodes = new Int32Array(N + 1);
  const stackEdges = new Int32Array(N + 1);

  for (let j = 0; j < bits; j++) {
    const unit = 1 << j;
    const stamp = j + 1;
    // A bit no pair has set draws no keystream bits and changes nothing: skip it (with the cap ½ every
    // value is a multiple of 2^15, so only the last bit does any work).
    let any = false;
    for (let f = 0; f < F; f++) {
      if (val[f]! & unit) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    deg.fill(0);
    for (let f = 0; f < F; f++) {
      if (val[f]! & unit) {
        deg[fa[f]!]!++;
        deg[fe[f]!]!++;
      }
    }
    ptr.set(start.subarray(0, N));
    const shift = (edges: Int32Array, from: number, to: number, last: number): void => {
      const up = rng.bit() === 1;
      let t = 0;
      for (let s = from; s < to; s++, t++) val[edges[s]!]! += (t % 2 === 0) === up ? unit : -unit;
      if (last >= 0) val[last]! += (t % 2 === 0) === up ? unit : -unit;
    };
    const walk = (origin: number): void => {
      let top = 0;
      stackNodes[0] = origin;
      pos[origin] = 0;
      let cur = origin;
      for (;;) {
        const end = start[cur + 1]!;
        let p = ptr[cur]!;
        while (p < end) {
          const f = adj[p]!;
          if (val[f]! & unit && used[f] !== stamp) break;
          p++;
        }
        ptr[cur] = p;
        if (p === end) break;
        const f = adj[p]!;
        used[f] = stamp;
        const other = fa[f] === cur ? fe[f]! : fa[f]!;
        deg[cur]!--;
        deg[other]!--;
        const at = pos[other]!;
        if (at >= 0) {
          // Closed a simple cycle: the stack edges from `other` upward plus f.
          shift(stackEdges, at, top, f);
          for (let s = at + 1; s <= top; s++) pos[stackNodes[s]!] = -1;
          top = at;
          cur = other;
        } else {
          stackEdges[top] = f;
          stackNodes[++top] = other;
          pos[other] = top;
          cur = other;
        }
      }
      if (top > 0) shift(stackEdges, 0, top, -1);
      for (let s = 0; s <= top; s++) pos[stackNodes[s]!] = -1;
    };
    // Paths first, from odd-degree vertices (so each vertex ends at most one path), then cycles.
    for (let v = 0; v < N; v++) while (deg[v]! % 2 === 1) walk(v);
    for (let v = 0; v < N; v++) while (deg[v]! > 0) walk(v);
  }
  for (let f = 0; f < F; f++) x[frac[f]!] = val[f]!;
}

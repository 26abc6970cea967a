/**
 * Dinic's maximum flow on a CSR residual graph. Used to decide feasibility before cost scaling and to
 * produce the minimum cut that names the bottleneck (the source side of the final residual graph is the
 * smallest minimum cut, so it points at the tightest group of applications or experts).
 */

export interface MaxFlowResult {
  value: number;
  /** 1 for nodes reachable from the source in the final residual graph (the source side of a min cut). */
  sourceSide: Uint8Array;
  /** Flow on each input arc. */
  flow: Float64Array;
}

export function maxFlow(
  nodeCount: number,
  arcFrom: Int32Array,
  arcTo: Int32Array,
  arcCap: Float64Array,
  source: number,
  sink: number,
): MaxFlowResult {
  const n = nodeCount;
  const m = arcFrom.length;
  const firstOut = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    firstOut[arcFrom[a]! + 1]!++;
    firstOut[arcTo[a]! + 1]!++;
  }
  for (let i = 0; i < n; i++) firstOut[i + 1]! += firstOut[i]!;
  const fill = firstOut.slice(0, n);
  const R = 2 * m;
  const target = new Int32Array(R);
  const reverse = new Int32Array(R);
  const resCap = new Float64Array(R);
  const fwd = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    const u = arcFrom[a]!;
    const v = arcTo[a]!;
    const i = fill[u]!++;
    const j = fill[v]!++;
    target[i] = v;
    target[j] = u;
    reverse[i] = j;
    reverse[j] = i;
    resCap[i] = arcCap[a]!;
    fwd[a] = i;
  }
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const cur = new Int32Array(n);
  const stackArc = new Int32Array(n);
  let value = 0;

  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let h = 0;
    let t = 0;
    queue[t++] = source;
    while (h < t) {
      const u = queue[h++]!;
      const last = firstOut[u + 1]!;
      for (let a = firstOut[u]!; a < last; a++) {
        if (resCap[a]! > 0) {
          const v = target[a]!;
          if (level[v] === -1) {
            level[v] = level[u]! + 1;
            queue[t++] = v;
          }
        }
      }
    }
    return level[sink] !== -1;
  };

  while (bfs()) {
    for (let i = 0; i < n; i++) cur[i] = firstOut[i]!;
    // Iterative DFS along the level graph; each found path is augmented by its bottleneck.
    for (;;) {
      let depth = 0;
      let u = source;
      let reached = false;
      for (;;) {
        if (u === sink) {
          reached = true;
          break;
        }
        const last = firstOut[u + 1]!;
        let a = cur[u]!;
        for (; a < last; a++) {
          const v = target[a]!;
          if (resCap[a]! > 0 && level[v] === level[u]! + 1) break;
        }
        cur[u] = a;
        if (a < last) {
          stackArc[depth++] = a;
          u = target[a]!;
        } else {
          if (depth === 0) break;
          level[u] = -1; // dead end: never enter again in this phase
          const back = stackArc[--depth]!;
          u = target[reverse[back]!]!;
          cur[u]!++;
        }
      }
      if (!reached) break;
      let delta = Infinity;
      for (let i = 0; i < depth; i++) {
        const c = resCap[stackArc[i]!]!;
        if (c < delta) delta = c;
      }
      for (let i = 0; i < depth; i++) {
        const a = stackArc[i]!;
        resCap[a] = resCap[a]! - delta;
        resCap[reverse[a]!] = resCap[reverse[a]!]! + delta;
      }
      value += delta;
    }
  }
  const sourceSide = new Uint8Array(n);
  sourceSide[source] = 1;
  let h = 0;
  let t = 0;
  queue[t++] = source;
  while (h < t) {
    const u = queue[h++]!;
    const last = firstOut[u + 1]!;
    for (let a = firstOut[u]!; a < last; a++) {
      const v = target[a]!;
      if (resCap[a]! > 0 && sourceSide[v] === 0) {
        sourceSide[v] = 1;
        queue[t++] = v;
      }
    }
  }
  const flow = new Float64Array(m);
  for (let a = 0; a < m; a++) flow[a] = resCap[reverse[fwd[a]!]!]!;
  return { value, sourceSide, flow };
}

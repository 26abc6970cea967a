/**
 * Exact minimum-cost flow by cost scaling (Goldberg's ε-scaling push–relabel in its partial-augment form,
 * with the global price update of Goldberg 1997 / LEMON's CostScaling), on a compact CSR residual graph.
 *
 * Every quantity that decides the result is an integer: capacities, supplies and costs are integers,
 * prices move in integer multiples of ε, and costs are pre-multiplied by α·N so that the final ε-optimal
 * flow with ε < α is ε/(α·N) < 1/N optimal in the original costs, i.e. exactly optimal (a residual cycle
 * has at most N arcs, so its cost is > −1, hence ≥ 0). Residual capacities and scaled costs are held in
 * Int32Array when every value fits, otherwise in Float64Array; prices and excesses always in Float64Array
 * (they can exceed 2^31). Every value stays an integer below 2^53, where doubles are exact and identical
 * on every machine.
 *
 * The caller must have established feasibility (see maxflow.ts): push–relabel cannot terminate on an
 * infeasible network, so a bound on price descent turns that into an exception instead of a hang.
 */

export interface FlowProblem {
  nodeCount: number;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  /** Upper capacity of each arc (lower bounds already transformed away). */
  arcCap: Float64Array;
  /** Integer cost per unit of flow. */
  arcCost: Float64Array;
  /** Supply (+) or demand (−) of each node; sums to zero. */
  supply: Float64Array;
}

export interface FlowSolution {
  flow: Float64Array;
  cost: number;
  /** Final prices in scaled units: every residual arc has c·scale + π(u) − π(v) ≥ −epsilon. */
  prices: Float64Array;
  scale: number;
  /** Final ε (scaled units), below α = scale / N: the flow is ε/scale < 1/N optimal, i.e. exact. */
  epsilon: number;
  stats: { phases: number; relabels: number; globalUpdates: number };
}

export interface CostScalingOptions {
  /** ε is divided by α each phase (measured: 8–16 best on assignment-like graphs; default 12). */
  alpha?: number;
  /** Longest admissible path searched before augmenting (LEMON's PARTIAL_AUGMENT default 4). */
  maxPathLength?: number;
  /** Global price update after this many relabels per node (measured: 2–4 best; default 4). */
  globalUpdateFactor?: number;
  /** Warm start: node prices (in scaled units, as returned in `prices`) and the first ε. */
  initialPrices?: Float64Array;
  initialEpsilon?: number;
  /** Warm start: flow per arc (within capacity); excesses follow from it. */
  initialFlow?: Float64Array;
}

export class FlowInfeasibleError extends Error {
  constructor() {
    super('最小费用流无可行解');
  }
}

export function minCostFlow(p: FlowProblem, opts: CostScalingOptions = {}): FlowSolution {
  const alpha = opts.alpha ?? 12;
  const maxLen = opts.maxPathLength ?? 4;
  const n = p.nodeCount;
  const m = p.arcFrom.length;
  const R = 2 * m;

  const firstOut = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    firstOut[p.arcFrom[a]! + 1]!++;
    firstOut[p.arcTo[a]! + 1]!++;
  }
  for (let i = 0; i < n; i++) firstOut[i + 1]! += firstOut[i]!;
  const fill = firstOut.slice(0, n);
  const target = new Int32Array(R);
  const reverse = new Int32Array(R);
  const scale = alpha * n;
  // Residual capacities and scaled costs in Int32Array when they fit (half the memory traffic of the
  // scans, which dominate); Float64Array (exact integers below 2^53) otherwise.
  let maxCap = 0;
  let maxAbsCost = 0;
  for (let a = 0; a < m; a++) {
    const c = p.arcCap[a]!;
    if (c > maxCap) maxCap = c;
    const w = Math.abs(p.arcCost[a]!);
    if (w > maxAbsCost) maxAbsCost = w;
  }
  const resCap: Int32Array | Float64Array = maxCap < 2 ** 31 ? new Int32Array(R) : new Float64Array(R);
  const cost: Int32Array | Float64Array = maxAbsCost * scale < 2 ** 31 ? new Int32Array(R) : new Float64Array(R);
  const fwd = new Int32Array(m);
  let maxCost = 0;
  for (let a = 0; a < m; a++) {
    const u = p.arcFrom[a]!;
    const v = p.arcTo[a]!;
    const i = fill[u]!++;
    const j = fill[v]!++;
    target[i] = v;
    target[j] = u;
    reverse[i] = j;
    reverse[j] = i;
    resCap[i] = p.arcCap[a]!;
    const c = p.arcCost[a]! * scale;
    cost[i] = c;
    cost[j] = -c;
    fwd[a] = i;
    const ac = c < 0 ? -c : c;
    if (ac > maxCost) maxCost = ac;
  }
  if (!(maxCost < 2 ** 50)) throw new Error('minCostFlow: scaled costs exceed exact integer range');

  const excess = Float64Array.from(p.supply);
  if (opts.initialFlow) {
    for (let a = 0; a < m; a++) {
      const f = opts.initialFlow[a]!;
      if (f === 0) continue;
      const i = fwd[a]!;
      resCap[i] = resCap[i]! - f;
      resCap[reverse[i]!] = f;
      excess[p.arcFrom[a]!] = excess[p.arcFrom[a]!]! - f;
      excess[p.arcTo[a]!] = excess[p.arcTo[a]!]! + f;
    }
  }
  const pi = opts.initialPrices ? Float64Array.from(opts.initialPrices) : new Float64Array(n);
  const nextOut = new Int32Array(n);
  // Active-node FIFO (ring buffer; a node is queued at most once, stale entries are skipped).
  const qCap = n + 1;
  const queue = new Int32Array(qCap);
  const inQueue = new Uint8Array(n);
  let qHead = 0;
  let qLen = 0;

  const g: GlobalUpdateState = {
    n,
    maxRank: alpha * n,
    buckets: new Int32Array(alpha * n + 1),
    bucketNext: new Int32Array(n + 1),
    bucketPrev: new Int32Array(n + 1),
    rank: new Int32Array(n),
    firstOut,
    target,
    reverse,
    resCap,
    cost,
    excess,
    pi,
    nextOut,
  };

  let epsilon = Math.max(1, Math.floor(opts.initialEpsilon ?? maxCost));
  let relabels = 0;
  let globalUpdates = 0;
  let phases = 0;
  const gSkip = Math.max(1, Math.floor((opts.globalUpdateFactor ?? 4) * n));

  const path = new Int32Array(maxLen);
  const onPath = new Uint8Array(R);
  for (;;) {
    phases++;
    // Saturate every residual arc that violates ε-optimality for the new ε.
    for (let u = 0; u < n; u++) {
      const last = firstOut[u + 1]!;
      const piU = pi[u]!;
      for (let a = firstOut[u]!; a < last; a++) {
        const delta = resCap[a]!;
        if (delta > 0) {
          const v = target[a]!;
          if (cost[a]! + piU - pi[v]! < 0) {
            excess[u] = excess[u]! - delta;
            excess[v] = excess[v]! + delta;
            resCap[a] = 0;
            resCap[reverse[a]!] = resCap[reverse[a]!]! + delta;
          }
        }
      }
    }
    qHead = 0;
    qLen = 0;
    for (let u = 0; u < n; u++) {
      if (excess[u]! > 0) {
        queue[(qHead + qLen++) % qCap] = u;
        inQueue[u] = 1;
      }
      nextOut[u] = firstOut[u]!;
    }
    // Theory: a phase from an αε-optimal start lowers a price by < (α+2)·N·ε; a warm start may begin
    // further from optimal, so the guard (against an infeasible network looping forever) is generous.
    const priceFloor = -(4 * (alpha + 2) * n + 4) * (epsilon + maxCost);
    const phaseStart = Float64Array.from(pi);
    let nextUpdate = relabels + gSkip;
    if (qLen > 0) {
      globalUpdate(g, epsilon);
      globalUpdates++;
    }

    while (qLen > 0) {
      const start = queue[qHead]!;
      if (excess[start]! <= 0) {
        inQueue[start] = 0;
        qHead = qHead + 1 === qCap ? 0 : qHead + 1;
        qLen--;
        continue;
      }
      let tip = start;
      let plen = 0;
      let cycle = false;
      while (plen < maxLen && excess[tip]! >= 0) {
        const piTip = pi[tip]!;
        const last = firstOut[tip + 1]!;
        let minRc = Infinity;
        let found = -1;
        for (let a = nextOut[tip]!; a < last; a++) {
          if (resCap[a]! > 0) {
            const rc = cost[a]! + piTip - pi[target[a]!]!;
            if (rc < 0) {
              found = a;
              break;
            } else if (rc < minRc) minRc = rc;
          }
        }
        if (found >= 0) {
          path[plen++] = found;
          nextOut[tip] = found;
          if (onPath[found] === 1) {
            cycle = true;
            break;
          }
          onPath[found] = 1;
          tip = target[found]!;
          continue;
        }
        if (tip !== start) {
          const ra = reverse[path[plen - 1]!]!;
          const rc = cost[ra]! + piTip - pi[target[ra]!]!;
          if (rc < minRc) minRc = rc;
        }
        const stop = nextOut[tip]!;
        for (let a = firstOut[tip]!; a < stop; a++) {
          if (resCap[a]! > 0) {
            const rc = cost[a]! + piTip - pi[target[a]!]!;
            if (rc < minRc) minRc = rc;
          }
        }
        if (minRc === Infinity) throw new FlowInfeasibleError();
        const np = piTip - (minRc + epsilon);
        if (np - phaseStart[tip]! < priceFloor) throw new FlowInfeasibleError();
        pi[tip] = np;
        nextOut[tip] = firstOut[tip]!;
        relabels++;
        if (tip !== start) {
          const pa = path[--plen]!;
          onPath[pa] = 0;
          tip = target[reverse[pa]!]!;
        }
      }
      void cycle;
      let v = start;
      for (let i = 0; i < plen; i++) {
        const pa = path[i]!;
        const u = v;
        v = target[pa]!;
        onPath[pa] = 0;
        const eu = excess[u]!;
        const rcap = resCap[pa]!;
        const delta = rcap < eu ? rcap : eu;
        resCap[pa] = rcap - delta;
        const ra = reverse[pa]!;
        resCap[ra] = resCap[ra]! + delta;
        excess[u] = eu - delta;
        const ev = excess[v]! + delta;
        excess[v] = ev;
        if (ev > 0 && inQueue[v] === 0) {
          inQueue[v] = 1;
          const at = qHead + qLen;
          queue[at >= qCap ? at - qCap : at] = v;
          qLen++;
        }
      }
      if (relabels >= nextUpdate) {
        globalUpdate(g, epsilon);
        globalUpdates++;
        nextUpdate = relabels + gSkip;
      }
    }
    // Costs are scaled by α·N, so ε < α here is ε < 1/N in the original costs: exactly optimal.
    if (epsilon < alpha) break;
    epsilon = Math.max(1, Math.floor(epsilon / alpha));
  }

  const flow = new Float64Array(m);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const f = resCap[reverse[fwd[a]!]!]!;
    flow[a] = f;
    total += f * p.arcCost[a]!;
  }
  return { flow, cost: total, prices: pi, scale, epsilon, stats: { phases, relabels, globalUpdates } };
}

interface GlobalUpdateState {
  n: number;
  maxRank: number;
  buckets: Int32Array;
  bucketNext: Int32Array;
  bucketPrev: Int32Array;
  rank: Int32Array;
  firstOut: Int32Array;
  target: Int32Array;
  reverse: Int32Array;
  resCap: Int32Array | Float64Array;
  cost: Int32Array | Float64Array;
  excess: Float64Array;
  pi: Float64Array;
  nextOut: Int32Array;
}

/**
 * Global price update (Goldberg's set-relabel by Dial buckets): ranks every node by its ε-scaled
 * residual distance to the nearest deficit and lowers prices accordingly, which keeps ε-optimality and
 * points every excess straight at a deficit. Without it cost scaling is many times slower.
 */
function globalUpdate(s: GlobalUpdateState, epsilon: number): void {
  const { n, maxRank, buckets, bucketNext, bucketPrev, rank, firstOut, target, reverse, resCap, cost, excess, pi, nextOut } = s;
  const bucketEnd = n;
  for (let r = 0; r < maxRank; r++) buckets[r] = bucketEnd;
  let totalExcess = 0;
  let b0 = bucketEnd;
  for (let i = 0; i < n; i++) {
    if (excess[i]! < 0) {
      rank[i] = 0;
      bucketNext[i] = b0;
      bucketPrev[b0] = i;
      b0 = i;
    } else {
      totalExcess += excess[i]!;
      rank[i] = maxRank;
    }
  }
  if (totalExcess === 0) return;
  buckets[0] = b0;
  let r = 0;
  for (; r < maxRank; r++) {
    while (buckets[r] !== bucketEnd) {
      const u = buckets[r]!;
      buckets[r] = bucketNext[u]!;
      const piU = pi[u]!;
      const last = firstOut[u + 1]!;
      for (let a = firstOut[u]!; a < last; a++) {
        const ra = reverse[a]!;
        if (resCap[ra]! > 0) {
          const v = target[a]!;
          const oldRank = rank[v]!;
          if (r < oldRank) {
            const nrc = Math.trunc((cost[ra]! + pi[v]! - piU) / epsilon);
            let newRank = oldRank;
            if (nrc < maxRank) newRank = r + 1 + nrc;
            if (newRank < oldRank) {
              rank[v] = newRank;
              nextOut[v] = firstOut[v]!;
              if (oldRank < maxRank) {
                if (buckets[oldRank] === v) buckets[oldRank] = bucketNext[v]!;
                else {
                  const pv = bucketPrev[v]!;
                  const nv = bucketNext[v]!;
                  bucketNext[pv] = nv;
                  bucketPrev[nv] = pv;
                }
              }
              const nv = buckets[newRank]!;
              bucketNext[v] = nv;
              bucketPrev[nv] = v;
              buckets[newRank] = v;
            }
          }
        }
      }
      if (excess[u]! > 0) {
        totalExcess -= excess[u]!;
        if (totalExcess <= 0) break;
      }
    }
    if (totalExcess <= 0) break;
  }
  for (let u = 0; u < n; u++) {
    const k = Math.min(rank[u]!, r);
    if (k > 0) {
      pi[u] = pi[u]! - epsilon * k;
      nextOut[u] = firstOut[u]!;
    }
  }
}

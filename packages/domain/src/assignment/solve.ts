/**
 * The assignment problem as a flow, per independent part:
 *   application a --(pairCap, cost −affinity)--> expert e --((max−min)·D, 0)--> T
 * with supply k·D at each application, demand min·D at each expert (the standard lower-bound
 * transformation of the expert→T arc) and the rest at T. D = 1 and pairCap = 1 is the exact optimal
 * assignment; D = 2^16 and pairCap = p is the fractional problem of the random draw (every pair at most
 * p/D). Feasibility is decided first by one maximum flow; if it fails, two more maximum flows give the
 * two kinds of bottleneck (applications that cannot be filled, experts that cannot reach their minimum)
 * as minimum cuts — by Hoffman's theorem one of them always exists when the instance is infeasible.
 */
import type { CanonicalInstance } from './canonical.js';
import { maxFlow } from './maxflow.js';
import { minCostFlow, type CostScalingOptions } from './mcf.js';

export interface FlowUnits {
  /** Flow units per application place (1 for the exact assignment, 2^16 for the random draw). */
  denominator: number;
  /** Capacity of one application–expert pair in those units (≤ denominator). */
  pairCap: number;
}

export const OPTIMAL_UNITS: FlowUnits = { denominator: 1, pairCap: 1 };

/** A group of applications whose candidate experts cannot supply the places they need. */
export interface ShortageCut {
  /** Local application indices on the short side of the cut. */
  apps: Int32Array;
  /** Places needed by those applications, in flow units. */
  demand: number;
  /** Places their candidates can give (bounded by max loads and pair caps), in flow units. */
  supply: number;
}

/** A group of experts whose minimum loads cannot be met by the applications that list them. */
export interface UnderloadCut {
  experts: Int32Array;
  minTotal: number;
  supply: number;
}

export type PartFlow =
  | { feasible: true; candFlow: Float64Array; phases: number; relabels: number; rounds?: number }
  | { feasible: false; shortage: ShortageCut | null; underload: UnderloadCut | null };

const sum = (xs: ArrayLike<number>, from = 0, to = xs.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s;
};

/** True iff k places per application and all minimum/maximum loads can be met simultaneously. */
export function isFeasible(ci: CanonicalInstance, u: FlowUnits, active?: Uint8Array): boolean {
  const n = ci.appIds.length;
  const m = ci.expertIds.length;
  const C = ci.candExpert.length;
  const D = u.denominator;
  const kD = ci.k * D;
  const S = n + m;
  const H = S + 1;
  const T = S + 2;
  const arcs = n + C + 2 * m + 2;
  const from = new Int32Array(arcs);
  const to = new Int32Array(arcs);
  const cap = new Float64Array(arcs);
  let z = 0;
  const add = (a: number, b: number, c: number): void => {
    from[z] = a;
    to[z] = b;
    cap[z++] = c;
  };
  let minTotal = 0;
  for (let e = 0; e < m; e++) minTotal += ci.minLoad[e]! * D;
  for (let a = 0; a < n; a++) add(S, a, kD);
  for (let a = 0; a < n; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) if (!active || active[i]) add(a, n + ci.candExpert[i]!, u.pairCap);
  }
  for (let e = 0; e < m; e++) {
    add(n + e, H, (ci.maxLoad[e]! - ci.minLoad[e]!) * D);
    add(n + e, T, ci.minLoad[e]! * D);
  }
  add(S, H, minTotal);
  add(H, T, n * kD);
  const need = n * kD + minTotal;
  return maxFlow(T + 1, from.subarray(0, z), to.subarray(0, z), cap.subarray(0, z), S, T).value === need;
}

/** Minimum cut of "every application gets k places within max loads", or null if it holds. */
export function shortageCut(ci: CanonicalInstance, u: FlowUnits): ShortageCut | null {
  const n = ci.appIds.length;
  const m = ci.expertIds.length;
  const C = ci.candExpert.length;
  const kD = ci.k * u.denominator;
  const S = n + m;
  const T = S + 1;
  const from = new Int32Array(n + C + m);
  const to = new Int32Array(n + C + m);
  const cap = new Float64Array(n + C + m);
  let z = 0;
  for (let a = 0; a < n; a++) {
    from[z] = S;
    to[z] = a;
    cap[z++] = kD;
  }
  for (let a = 0; a < n; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      from[z] = a;
      to[z] = n + ci.candExpert[i]!;
      cap[z++] = u.pairCap;
    }
  }
  for (let e = 0; e < m; e++) {
    from[z] = n + e;
    to[z] = T;
    cap[z++] = ci.maxLoad[e]! * u.denominator;
  }
  const r = maxFlow(T + 1, from, to, cap, S, T);
  if (r.value === n * kD) return null;
  const apps: number[] = [];
  for (let a = 0; a < n; a++) if (r.sourceSide[a]) apps.push(a);
  const demand = apps.length * kD;
  return { apps: Int32Array.from(apps), demand, supply: demand - (n * kD - r.value) };
}

/** Minimum cut of "every expert reaches its minimum load", or null if it holds. */
export function underloadCut(ci: CanonicalInstance, u: FlowUnits): UnderloadCut | null {
  // Built from the experts' side so the source side of the cut is the smallest set of short experts.
  const n = ci.appIds.length;
  const m = ci.expertIds.length;
  const C = ci.candExpert.length;
  const D = u.denominator;
  const S = n + m;
  const T = S + 1;
  const from = new Int32Array(n + C + m);
  const to = new Int32Array(n + C + m);
  const cap = new Float64Array(n + C + m);
  let z = 0;
  let minTotal = 0;
  for (let e = 0; e < m; e++) {
    from[z] = S;
    to[z] = n + e;
    cap[z++] = ci.minLoad[e]! * D;
    minTotal += ci.minLoad[e]! * D;
  }
  for (let a = 0; a < n; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      from[z] = n + ci.candExpert[i]!;
      to[z] = a;
      cap[z++] = u.pairCap;
    }
  }
  for (let a = 0; a < n; a++) {
    from[z] = a;
    to[z] = T;
    cap[z++] = ci.k * D;
  }
  const r = maxFlow(T + 1, from, to, cap, S, T);
  if (r.value === minTotal) return null;
  const experts: number[] = [];
  let mt = 0;
  for (let e = 0; e < m; e++) {
    if (r.sourceSide[n + e]) {
      experts.push(e);
      mt += ci.minLoad[e]! * D;
    }
  }
  return { experts: Int32Array.from(experts), minTotal: mt, supply: mt - (minTotal - r.value) };
}

export interface SolveOptions extends CostScalingOptions {
  /**
   * Candidates per application in the first (sparse) round; more are added only where the prices
   * prove them profitable. 0 = always the full candidate graph. Default 3·k (measured).
   */
  sparseCandidates?: number;
}

/** Marks the L highest-affinity candidates of each application (ties by expert order). */
function topCandidates(ci: CanonicalInstance, L: number, active: Uint8Array): void {
  const n = ci.appIds.length;
  let maxDeg = 0;
  for (let a = 0; a < n; a++) maxDeg = Math.max(maxDeg, ci.candStart[a + 1]! - ci.candStart[a]!);
  const buf = new Int32Array(maxDeg);
  for (let a = 0; a < n; a++) {
    const lo = ci.candStart[a]!;
    const hi = ci.candStart[a + 1]!;
    if (hi - lo <= L) {
      active.fill(1, lo, hi);
      continue;
    }
    // The L-th largest affinity (typed-array numeric sort, ascending).
    const b = buf.subarray(0, hi - lo);
    b.set(ci.candAffinity.subarray(lo, hi));
    b.sort();
    const threshold = b[hi - lo - L]!;
    let above = 0;
    for (let i = lo; i < hi; i++) if (ci.candAffinity[i]! > threshold) above++;
    let tiesLeft = L - above;
    for (let i = lo; i < hi; i++) {
      const w = ci.candAffinity[i]!;
      if (w > threshold || (w === threshold && tiesLeft-- > 0)) active[i] = 1;
    }
  }
}

/**
 * Solves one part exactly. Cost scaling first runs on each application's top candidates only; the
 * final prices then price out every omitted pair, and any pair whose reduced cost is below −ε (scaled,
 * ε < α the final ε) joins the graph for a re-solve. When no omitted pair violates, the flow is ε-optimal
 * on the full graph with costs scaled by α·N, hence exactly optimal.
 */
export function solvePartFlow(ci: CanonicalInstance, u: FlowUnits, opts: SolveOptions = {}): PartFlow {
  // Every capacity and supply is a multiple of g = gcd(pairCap, D), so the flow is solved in units of
  // g/D (e.g. 1/2 for the cap ½ instead of 1/65536) and scaled back: the transportation LP is integral
  // in those units, hence the optimum is the same, and cost scaling works on far smaller numbers.
  // Push–relabel is homogeneous in the capacities, so the flow returned is exactly the one solving in
  // units of 1/D would give.
  const g = gcd(u.pairCap, u.denominator);
  if (g > 1) {
    const r = solvePartFlowIn(ci, { denominator: u.denominator / g, pairCap: u.pairCap / g }, opts);
    if (r.feasible) {
      const f = r.candFlow;
      for (let i = 0; i < f.length; i++) f[i] = f[i]! * g;
      return r;
    }
    const shortage = r.shortage && { apps: r.shortage.apps, demand: r.shortage.demand * g, supply: r.shortage.supply * g };
    const underload = r.underload && { experts: r.underload.experts, minTotal: r.underload.minTotal * g, supply: r.underload.supply * g };
    return { feasible: false, shortage, underload };
  }
  return solvePartFlowIn(ci, u, opts);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function solvePartFlowIn(ci: CanonicalInstance, u: FlowUnits, opts: SolveOptions): PartFlow {
  const n = ci.appIds.length;
  const m = ci.expertIds.length;
  const C = ci.candExpert.length;
  const D = u.denominator;
  const T = n + m;
  const active = new Uint8Array(C);
  let L = opts.sparseCandidates ?? (C >= 100_000 ? 3 * ci.k : 0);
  let maxDeg = 0;
  for (let a = 0; a < n; a++) maxDeg = Math.max(maxDeg, ci.candStart[a + 1]! - ci.candStart[a]!);
  if (L <= 0) L = maxDeg;
  // The sparse graph is a subgraph, so its feasibility implies the full graph's: one maximum flow
  // decides both when the top candidates suffice (always when L covers every candidate).
  let fullChecked = false;
  for (;;) {
    active.fill(0);
    topCandidates(ci, L, active);
    if (isFeasible(ci, u, active)) break;
    if (L >= maxDeg || (!fullChecked && !isFeasible(ci, u))) return { feasible: false, shortage: shortageCut(ci, u), underload: underloadCut(ci, u) };
    fullChecked = true;
    L *= 2;
  }
  let minTotal = 0;
  for (let e = 0; e < m; e++) minTotal += ci.minLoad[e]! * D;

  let phases = 0;
  let relabels = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    let A = 0;
    for (let i = 0; i < C; i++) A += active[i]!;
    const arcFrom = new Int32Array(A + m);
    const arcTo = new Int32Array(A + m);
    const arcCap = new Float64Array(A + m);
    const arcCost = new Float64Array(A + m);
    const candOfArc = new Int32Array(A);
    const supply = new Float64Array(T + 1);
    let z = 0;
    for (let a = 0; a < n; a++) {
      supply[a] = ci.k * D;
      for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
        if (!active[i]) continue;
        arcFrom[z] = a;
        arcTo[z] = n + ci.candExpert[i]!;
        arcCap[z] = u.pairCap;
        arcCost[z] = -ci.candAffinity[i]!;
        candOfArc[z++] = i;
      }
    }
    for (let e = 0; e < m; e++) {
      arcFrom[A + e] = n + e;
      arcTo[A + e] = T;
      arcCap[A + e] = (ci.maxLoad[e]! - ci.minLoad[e]!) * D;
      supply[n + e] = -ci.minLoad[e]! * D;
    }
    supply[T] = -(n * ci.k * D - minTotal);
    const sol = minCostFlow({ nodeCount: T + 1, arcFrom, arcTo, arcCap, arcCost, supply }, opts);
    phases += sol.stats.phases;
    relabels += sol.stats.relabels;
    // Price out the omitted pairs.
    const pi = sol.prices;
    let worst = 0;
    for (let a = 0; a < n; a++) {
      const pa = pi[a]!;
      for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
        if (active[i]) continue;
        const rc = -ci.candAffinity[i]! * sol.scale + pa - pi[n + ci.candExpert[i]!]!;
        if (rc < -sol.epsilon) {
          active[i] = 1;
          if (-rc > worst) worst = -rc;
        }
      }
    }
    if (worst === 0) {
      const candFlow = new Float64Array(C);
      for (let x = 0; x < A; x++) candFlow[candOfArc[x]!] = sol.flow[x]!;
      return { feasible: true, candFlow, phases, relabels, rounds };
    }
    // Measured: warm starts (old prices and flow, small ε) took ~10× more relabels than a cold
    // re-solve of the slightly larger graph, because the violations are large relative to ε.
  }
}

export { sum as sumOf };

/**
 * Exact 0/1 solver for the funding plan: maximise Σ w·x subject to one budget row, a budget cap and a count cap
 * per category, x binary. All data are integers (amounts in a common unit, weights in objective units).
 *
 * Bound (valid at every node, evaluated in exact integer arithmetic): the count caps are relaxed with integer
 * Lagrange multipliers μ_c chosen once at the root, and what remains — the budget row plus the per-category
 * budget caps, a laminar family — is a polymatroid in the amounts, so its LP relaxation is solved exactly by
 * the greedy in ratio order (each item takes as much as the global and its category's remaining money allow):
 *
 *   UB(node) = Σ_fixed-in w + Σ_c μ_c·(count left in c) + greedyLP(free items, profit w − μ_c)
 *
 * Weak duality makes this an upper bound for any μ ≥ 0, so floating point only ever chooses μ; it never
 * decides a prune or a fixing. Fractional greedy pieces are summed as exact rationals (BigInt only when a
 * product passes 2^53).
 *
 * Search, in three steps:
 *  1. Reduced-cost fixing: an item whose flipped bound falls below a target keeps its value in every set
 *     reaching that target (a quick test from the root LP prices, then the exact flipped greedy).
 *  2. Guess descent: "does a set reach g?" for g stepping down from the root bound (steps 1, 2, 4, …). Each
 *     question fixes items against g and searches the small remaining core depth-first in ratio order,
 *     include first, keeping only nodes whose bound reaches g. The first g answered yes yields the optimum
 *     z* (every better set would also reach g, so it lies in the searched family); each no lowers the bound.
 *  3. BL-4 tie-break: among all sets reaching z*, the lexicographically greatest in merit order (compare two
 *     sets at the best-ranked candidate where they differ; the one containing it wins). Candidates are
 *     decided in merit order, each for good: in when some optimal set contains it together with the decisions
 *     so far (the current witness answers at once; otherwise a ratio-order search with target z* looks).
 *
 * Dominance: i ≻ j when both are in one category, i needs no more money, has at least the weight, and has
 * more weight or a better rank. Some set reaching any target, and the BL-4 winner, contain every i ≻ j
 * whenever they contain j, so the search only builds such closed sets: excluding i excludes all it dominates.
 * Without this, equal-score swaps inside a count-capped category multiply the tree many times over.
 */

export interface CoreProblem {
  /** Amounts in a common unit (positive integers). */
  amount: readonly number[];
  /** Objective weights (positive integers). */
  weight: readonly number[];
  /** Category index of each item, 0 … categoryCount − 1. */
  cat: readonly number[];
  /** Merit rank (0 = best; a permutation of 0 … n − 1). Decides the tie-break. */
  rank: readonly number[];
  budget: number;
  /** Budget cap per category, in the same unit (use budget when there is none). */
  catBudget: readonly number[];
  /** Count cap per category (use the item count when there is none). */
  catCount: readonly number[];
}

export interface CoreSolution {
  selected: Uint8Array;
  value: number;
  /** The bound closed: no feasible set has a greater value. */
  optimal: boolean;
  /** The selected set is the unique BL-4 tie-break winner among all optimal sets. */
  tieBreakProven: boolean;
  /** Valid upper bound on the optimum (equals value when optimal). */
  bestBound: number;
  rootBound: number;
  nodes: number;
  /** Nodes spent proving the optimum value (the rest went to the tie-break search). */
  mainNodes: number;
  /** Items left free after fixing in the last step of the guess descent, and for the tie-break. */
  coreSize: number;
  tieCoreSize: number;
  fixedByBound: number;
  countMultipliers: number[];
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** floor(x / d) for a non-negative integer x < 2^53 and d ≥ 1, immune to the rounding of the float division. */
function floorDiv(x: number, d: number): number {
  let q = Math.floor(x / d);
  if (q * d > x) q -= 1;
  else if ((q + 1) * d <= x) q += 1;
  return q;
}

/** p_i / a_i > p_j / a_j, exactly. */
function ratioGreater(pi: number, ai: number, pj: number, aj: number): number {
  const l = pi * aj;
  const r = pj * ai;
  if (Math.abs(l) < SAFE && Math.abs(r) < SAFE) return l === r ? 0 : l > r ? 1 : -1;
  const L = BigInt(pi) * BigInt(aj);
  const R = BigInt(pj) * BigInt(ai);
  return L === R ? 0 : L > R ? 1 : -1;
}

export function solveCore(problem: CoreProblem, opts: { maxNodes: number; incumbents?: Uint8Array[] }): CoreSolution {
  const { amount, weight, cat, rank } = problem;
  const n = amount.length;
  const C = problem.catBudget.length;
  const budget = problem.budget;

  // ---- count multipliers μ_c (float search; any μ ≥ 0 is valid, a good one makes the bound tight) ----
  const mu = chooseMultipliers(problem);
  const profit = new Float64Array(n);
  for (let i = 0; i < n; i++) profit[i] = weight[i]! - mu[cat[i]!]!;

  // Ratio order (profit/amount descending, exact), merit rank breaking ties so the order is canonical.
  const ratioOrder = Array.from({ length: n }, (_, i) => i).sort((i, j) => {
    const g = ratioGreater(profit[i]!, amount[i]!, profit[j]!, amount[j]!);
    return g !== 0 ? -g : rank[i]! - rank[j]!;
  });

  // ---- search state ----
  const decided = new Uint8Array(n);
  const x = new Uint8Array(n);
  // Number of excluded dominators (see `dominates`): a blocked item is out of every set the search keeps.
  const blocked = new Int32Array(n);
  const capC = new Float64Array(C);
  const cntC = new Float64Array(C);
  let capG = budget;
  let V = 0;
  const reset = () => {
    decided.fill(0);
    x.fill(0);
    blocked.fill(0);
    for (let c = 0; c < C; c++) {
      capC[c] = Math.min(problem.catBudget[c]!, budget);
      cntC[c] = problem.catCount[c]!;
    }
    capG = budget;
    V = 0;
  };
  reset();

  const fitsNow = (i: number) => amount[i]! <= capG && amount[i]! <= capC[cat[i]!]! && cntC[cat[i]!]! > 0;
  const take = (i: number) => {
    const c = cat[i]!;
    capG -= amount[i]!;
    capC[c] = capC[c]! - amount[i]!;
    cntC[c] = cntC[c]! - 1;
    V += weight[i]!;
    x[i] = 1;
  };
  const untake = (i: number) => {
    const c = cat[i]!;
    capG += amount[i]!;
    capC[c] = capC[c]! + amount[i]!;
    cntC[c] = cntC[c]! + 1;
    V -= weight[i]!;
    x[i] = 0;
  };

  // Scratch for the greedy LP.
  const rem = new Float64Array(C);
  const fr: number[] = [];
  const fp: number[] = [];
  const fa: number[] = [];
  const frem: number[] = [];

  /** floor(UB) at the current node; the scan reads ratioOrder from `from`, skipping decided items. */
  const bound = (scan: readonly number[], from: number): number => {
    let g = capG;
    let base = V;
    let open = 0;
    for (let c = 0; c < C; c++) {
      base += mu[c]! * cntC[c]!;
      rem[c] = cntC[c]! > 0 ? capC[c]! : 0;
      if (rem[c]! > 0) open++;
    }
    let s = 0;
    let m = 0;
    for (let k = from; k < scan.length && g > 0 && open > 0; k++) {
      const i = scan[k]!;
      if (decided[i] || blocked[i]) continue;
      const p = profit[i]!;
      if (p <= 0) break;
      const c = cat[i]!;
      const r = rem[c]!;
      if (r <= 0) continue;
      const a = amount[i]!;
      const t = a < r ? (a < g ? a : g) : r < g ? r : g;
      if (t === a) {
        s += p;
      } else {
        fr[m] = t;
        fp[m] = p;
        fa[m] = a;
        m++;
      }
      rem[c] = r - t;
      if (r - t <= 0) open--;
      g -= t;
    }
    return base + s + floorFractions(m);
  };

  const floorFractions = (m: number): number => {
    let q = 0;
    let t = 0;
    for (let j = 0; j < m; j++) {
      const prod = fr[j]! * fp[j]!;
      let qq: number;
      let rr: number;
      if (prod < SAFE) {
        qq = floorDiv(prod, fa[j]!);
        rr = prod - qq * fa[j]!;
      } else {
        const P = BigInt(fr[j]!) * BigInt(fp[j]!);
        const A = BigInt(fa[j]!);
        qq = Number(P / A);
        rr = Number(P % A);
      }
      q += qq;
      frem[j] = rr;
      t += rr / fa[j]!;
    }
    if (m <= 1) return q;
    const ft = Math.floor(t);
    if (t - ft > 1e-9 && ft + 1 - t > 1e-9) return q + ft;
    // Σ rem_j / a_j sits near an integer: decide it exactly.
    let num = 0n;
    let den = 1n;
    for (let j = 0; j < m; j++) {
      const a = BigInt(fa[j]!);
      num = num * a + BigInt(frem[j]!) * den;
      den *= a;
    }
    return q + Number(num / den);
  };

  // ---- incumbents ----
  let best: Uint8Array = new Uint8Array(n);
  let bestValue = 0;
  const consider = (sel: Uint8Array) => {
    let v = 0;
    let g = 0;
    const cA = new Array<number>(C).fill(0);
    const cN = new Array<number>(C).fill(0);
    for (let i = 0; i < n; i++) {
      if (!sel[i]) continue;
      v += weight[i]!;
      g += amount[i]!;
      cA[cat[i]!]! += amount[i]!;
      cN[cat[i]!]! += 1;
    }
    if (g > budget) return;
    for (let c = 0; c < C; c++) if (cA[c]! > problem.catBudget[c]! || cN[c]! > problem.catCount[c]!) return;
    if (v > bestValue) {
      bestValue = v;
      best = Uint8Array.from(sel);
    }
  };
  for (const inc of opts.incumbents ?? []) consider(inc);
  // Greedy in ratio order, skipping what does not fit.
  {
    const sel = new Uint8Array(n);
    for (const i of ratioOrder) {
      if (fitsNow(i)) {
        take(i);
        sel[i] = 1;
      }
    }
    reset();
    consider(sel);
  }

  const rootBound = bound(ratioOrder, 0);
  let nodes = 0;
  let aborted = false;

  /**
   * Reduced-cost fixing from the root: an item whose flipped bound is below `target` takes the same value in
   * every set reaching target. Returns the free items; the state holds the fixings.
   */
  const fixAtRoot = (target: number, exact = true): number[] | null => {
    reset();
    const fixIn: number[] = [];
    const fixOut: number[] = [];
    // Quick test from the root LP duals: flipping item j costs at least |d_j| = |p_j − π_c a_j| where π_c is
    // the price at which j's category (or the budget) closes in the greedy. Fix when that certainly drops the
    // bound below target: |d_j| ≥ floor(UB) + 1 − target > UB − target. Exact integers: d_j·A = p_j·A − P·a_j.
    const ub = bound(ratioOrder, 0);
    const need = ub + 1 - target;
    const [priceP, priceA] = rootPrices();
    for (let i = 0; i < n; i++) {
      if (!fitsNow(i)) {
        fixOut.push(i);
        continue;
      }
      const c = cat[i]!;
      const P = priceP[c]!;
      const A = priceA[c]!;
      const l = profit[i]! * A;
      const r = P * amount[i]!;
      let sign = 0;
      let far = false;
      if (Math.abs(l) < SAFE && Math.abs(r) < SAFE && Math.abs(need * A) < SAFE) {
        const dA = l - r;
        sign = Math.sign(dA);
        far = Math.abs(dA) >= need * A;
      } else {
        const dA = BigInt(profit[i]!) * BigInt(A) - BigInt(P) * BigInt(amount[i]!);
        sign = dA > 0n ? 1 : dA < 0n ? -1 : 0;
        far = (dA < 0n ? -dA : dA) >= BigInt(need) * BigInt(A);
      }
      if (sign !== 0 && far) {
        (sign > 0 ? fixIn : fixOut).push(i);
        continue;
      }
      if (!exact) continue;
      decided[i] = 1;
      take(i);
      const ubIn = bound(ratioOrder, 0);
      untake(i);
      const ubOut = bound(ratioOrder, 0);
      decided[i] = 0;
      if (ubIn < target) fixOut.push(i);
      else if (ubOut < target) fixIn.push(i);
    }
    for (const i of fixOut) decided[i] = 1;
    for (const i of fixIn) {
      decided[i] = 1;
      take(i);
    }
    // Items every target-reaching set contains may not fit together: then no set reaches the target.
    if (capG < 0) return null;
    for (let c = 0; c < C; c++) if (capC[c]! < 0 || cntC[c]! < 0) return null;
    // An item dominated by one fixed out is out as well (closure). Per category, the fixed-out items sorted by
    // amount with a running best (weight, then rank) answer "is j dominated by any of them?" by bisection.
    const outByCat = Array.from({ length: C }, () => [] as number[]);
    for (const i of fixOut) outByCat[cat[i]!]!.push(i);
    for (const group of outByCat) {
      group.sort((i, j) => amount[i]! - amount[j]!);
      // bestOut[group[k]]: the best (weight, then rank) of group[0..k].
      if (group.length) bestOut[group[0]!] = group[0]!;
      for (let k = 1; k < group.length; k++) {
        const b = bestOut[group[k - 1]!]!;
        const cur = group[k]!;
        bestOut[cur] = weight[b]! > weight[cur]! || (weight[b]! === weight[cur]! && rank[b]! < rank[cur]!) ? b : cur;
      }
    }
    for (let j = 0; j < n; j++) {
      if (decided[j]) continue;
      const group = outByCat[cat[j]!]!;
      let lo = 0;
      let hi = group.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (amount[group[mid]!]! <= amount[j]!) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      const i = bestOut[group[lo - 1]!]!;
      if (weight[i]! > weight[j]! || (weight[i]! === weight[j]! && rank[i]! < rank[j]!)) decided[j] = 1;
    }
    const free = ratioOrder.filter((i) => !decided[i]);
    buildDominance(free);
    return free;
  };

  /** Closing price per category (P/A, A > 0) of the root greedy: see fixAtRoot. State must be the root. */
  const rootPrices = (): [number[], number[]] => {
    const P = new Array<number>(C).fill(0);
    const A = new Array<number>(C).fill(1);
    const closed = new Array<boolean>(C).fill(false);
    let gP = 0;
    let gA = 1;
    let g = capG;
    for (let c = 0; c < C; c++) rem[c] = cntC[c]! > 0 ? capC[c]! : 0;
    for (const i of ratioOrder) {
      if (g <= 0) break;
      if (decided[i] || blocked[i]) continue;
      const p = profit[i]!;
      if (p <= 0) break;
      const c = cat[i]!;
      const r = rem[c]!;
      if (r <= 0) continue;
      const t = Math.min(amount[i]!, r, g);
      rem[c] = r - t;
      g -= t;
      if (rem[c]! <= 0 && !closed[c]) {
        closed[c] = true;
        P[c] = p;
        A[c] = amount[i]!;
      }
      if (g <= 0) {
        gP = p;
        gA = amount[i]!;
      }
    }
    for (let c = 0; c < C; c++) {
      if (!closed[c]) {
        P[c] = gP;
        A[c] = gA;
      }
    }
    return [P, A];
  };

  /**
   * i ≻ j: same category, no more money, at least the weight, and better weight or better rank. Swapping j for
   * i in any set keeps every cap and does not lower the objective, and a strict gain or a better-ranked member
   * makes the swapped set win; the relation is a strict partial order. Hence some set reaching any target —
   * and the BL-4 winner among the optimal sets — is closed: with j it holds every i ≻ j. The search only keeps
   * closed sets, so excluding i excludes everything i dominates.
   */
  const dominates = (i: number, j: number) =>
    i !== j && cat[i] === cat[j] && amount[i]! <= amount[j]! && weight[i]! >= weight[j]! && (weight[i]! > weight[j]! || rank[i]! < rank[j]!);
  const bestOut = new Int32Array(n);
  let domStart = new Int32Array(n + 1);
  let domList = new Int32Array(0);
  const buildDominance = (free: readonly number[]) => {
    const byCat = Array.from({ length: C }, () => [] as number[]);
    for (const i of free) byCat[cat[i]!]!.push(i);
    // Two passes (count, then fill) straight into the CSR arrays: the pair lists run to 10^5–10^6 entries.
    const count = new Int32Array(n);
    for (const group of byCat) for (const i of group) for (const j of group) if (dominates(i, j)) count[i]! += 1;
    domStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) domStart[i + 1] = domStart[i]! + count[i]!;
    if (domList.length < domStart[n]!) domList = new Int32Array(domStart[n]! + (domStart[n]! >> 1));
    const fill = domStart.slice(0, n);
    for (const group of byCat) for (const i of group) for (const j of group) if (dominates(i, j)) domList[fill[i]!++] = j;
  };
  const block = (i: number, d: number) => {
    for (let k = domStart[i]!, e = domStart[i + 1]!; k < e; k++) blocked[domList[k]!]! += d;
  };

  /**
   * Depth-first search over the free items in ratio order, include first. 'improve': each leaf above the
   * incumbent raises the target (so the result is the best set of the family). 'first': stop at the first
   * leaf reaching the target.
   */
  const search = (free: readonly number[], target0: number, mode: 'improve' | 'first') => {
    let target = target0;
    let found: Uint8Array | null = null as Uint8Array | null;
    let stop = false;
    const len = free.length;
    const dfs = (k: number, sameBound: boolean): void => {
      if (++nodes > opts.maxNodes) {
        aborted = true;
        stop = true;
        return;
      }
      if (k === len) {
        if (V >= target) {
          found = Uint8Array.from(x);
          if (mode === 'first') stop = true;
          else target = V + 1;
        }
        return;
      }
      // Taking the first free item, which the parent's LP took whole, leaves the LP solution (and bound) as is.
      if (!sameBound && bound(free, k) < target) return;
      const i = free[k]!;
      decided[i] = 1;
      if (blocked[i] === 0 && fitsNow(i)) {
        take(i);
        dfs(k + 1, profit[i]! > 0);
        untake(i);
        if (stop) {
          decided[i] = 0;
          return;
        }
      }
      block(i, 1);
      dfs(k + 1, false);
      block(i, -1);
      decided[i] = 0;
    };
    dfs(0, false);
    return { found: found as Uint8Array | null };
  };

  // ---- main search: prove the optimum value ----
  // Guess descent: ask "does some set reach `guess`?" for guesses stepping down from the root bound with
  // doubling steps. Items are fixed against the guess (valid for every set reaching it), then the remaining
  // core is searched exhaustively for the best set it holds. If that best reaches the guess it is optimal
  // (every better set would reach the guess too, so it lies in the searched family); otherwise no set reaches
  // the guess and the upper bound drops below it. Near the optimum the cores are tiny, so the proof costs
  // little more than the final search, which is at the same time exactly the classic proof at z* + 1.
  let upper = rootBound;
  let fixedByBound = 0;
  let coreSize = 0;
  let step = 1;
  while (bestValue < upper) {
    const guess = Math.max(bestValue + 1, upper - step + 1);
    const free = fixAtRoot(guess, guess === bestValue + 1);
    if (free) {
      coreSize = free.length;
      fixedByBound = n - free.length;
      const run = search(free, guess, 'improve');
      if (run.found) {
        best = run.found;
        bestValue = weightOf(best, weight);
      }
    }
    if (aborted) break;
    if (bestValue >= guess) {
      upper = bestValue;
      break;
    }
    upper = guess - 1;
    step *= 2;
  }
  const optimal = !aborted;
  const mainNodes = nodes;

  // ---- BL-4 tie-break: lexicographically greatest optimal set in merit order ----
  // Decide the items in merit order, each for good: in if some optimal set contains it together with the
  // decisions so far (the current witness answers yes at once; otherwise a ratio-order search looks for one).
  let tieBreakProven = false;
  let tieCoreSize = 0;
  if (optimal) {
    const free = fixAtRoot(bestValue);
    if (free) {
      tieCoreSize = free.length;
      const byRank = [...free].sort((i, j) => rank[i]! - rank[j]!);
      let witness: Uint8Array = best;
      for (const i of byRank) {
        decided[i] = 1;
        if (witness[i] && blocked[i] === 0) {
          take(i);
          continue;
        }
        if (blocked[i] !== 0 || !fitsNow(i)) {
          block(i, 1);
          continue;
        }
        take(i);
        const rest = free.filter((j) => !decided[j]);
        if (bound(rest, 0) >= bestValue) {
          const run = search(rest, bestValue, 'first');
          if (aborted) break;
          if (run.found) {
            witness = run.found;
            continue;
          }
        }
        untake(i);
        block(i, 1);
      }
      if (!aborted && weightOf(witness, weight) === bestValue) {
        best = witness;
        tieBreakProven = true;
      }
    }
  }

  return {
    selected: best,
    value: bestValue,
    optimal,
    tieBreakProven,
    bestBound: optimal ? bestValue : upper,
    rootBound,
    nodes,
    mainNodes,
    coreSize,
    tieCoreSize,
    fixedByBound,
    countMultipliers: mu,
  };
}

function weightOf(sel: Uint8Array, weight: readonly number[]): number {
  let v = 0;
  for (let i = 0; i < sel.length; i++) if (sel[i]) v += weight[i]!;
  return v;
}

/**
 * Integer μ_c ≥ 0 minimising the root LP bound by coordinate descent. The Lagrangian dual is convex and
 * piecewise linear in each μ_c with slope K_c − (fractional count of category c in the greedy), so each
 * coordinate is a bisection on the sign of that slope. Only categories whose count cap can bind get one.
 */
function chooseMultipliers(problem: CoreProblem): number[] {
  const { amount, weight, cat } = problem;
  const n = amount.length;
  const C = problem.catBudget.length;
  const mu = new Array<number>(C).fill(0);
  const sizes = new Array<number>(C).fill(0);
  const maxW = new Array<number>(C).fill(0);
  for (let i = 0; i < n; i++) {
    sizes[cat[i]!]! += 1;
    maxW[cat[i]!] = Math.max(maxW[cat[i]!]!, weight[i]!);
  }
  const binding = Array.from({ length: C }, (_, c) => problem.catCount[c]! < sizes[c]!);
  if (!binding.some(Boolean)) return mu;

  const idx = Array.from({ length: n }, (_, i) => i);
  const key = new Float64Array(n);
  const rem = new Float64Array(C);
  const taken = new Float64Array(C);
  /** LP value and, in `taken`, the fractional count per category. */
  const lp = (m: number[]): number => {
    for (let i = 0; i < n; i++) key[i] = (weight[i]! - m[cat[i]!]!) / amount[i]!;
    idx.sort((i, j) => key[j]! - key[i]!);
    let g = problem.budget;
    let v = 0;
    for (let c = 0; c < C; c++) {
      v += m[c]! * problem.catCount[c]!;
      rem[c] = Math.min(problem.catBudget[c]!, problem.budget);
      taken[c] = 0;
    }
    for (const i of idx) {
      if (key[i]! <= 0 || g <= 0) break;
      const c = cat[i]!;
      const t = Math.min(amount[i]!, rem[c]!, g);
      if (t <= 0) continue;
      v += (t / amount[i]!) * (weight[i]! - m[c]!);
      taken[c] = taken[c]! + t / amount[i]!;
      rem[c] = rem[c]! - t;
      g -= t;
    }
    return v;
  };

  let current = lp(mu);
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (let c = 0; c < C; c++) {
      if (!binding[c]) continue;
      const m = mu.slice();
      const slopeAt = (v: number) => {
        m[c] = v;
        lp(m);
        return problem.catCount[c]! - taken[c]!;
      };
      // Smallest integer μ with slope ≥ 0; the minimum over integers is there or one below.
      let lo = 0;
      let hi = maxW[c]!;
      if (slopeAt(0) >= 0) hi = 0;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (slopeAt(mid) >= 0) hi = mid;
        else lo = mid;
      }
      let bestV = mu[c]!;
      let bestF = current;
      for (const v of hi > 0 ? [hi - 1, hi] : [hi]) {
        m[c] = v;
        const f = lp(m);
        if (f < bestF - 1e-9) {
          bestF = f;
          bestV = v;
        }
      }
      if (bestV !== mu[c]) {
        mu[c] = bestV;
        current = bestF;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return mu;
}

/**
 * Expert assignment bench: optimal and random-draw modes on generated instances (Zipf field sizes, 50
 * candidates per application), against HiGHS solving the same LP in the same run (the LP optimum of
 * this problem is integral; the random mode's baseline is the capped LP, compared with our expected
 * objective). `seconds` covers canonicalisation, partitioning, feasibility, the flows and (random mode)
 * the dependent rounding; HiGHS's covers its solve() of a pre-built LP string.
 */
import highsImport from 'highs';
import {
  canonicalize,
  drawUnits,
  DRAW_DENOMINATOR,
  finishDraw,
  OPTIMAL_UNITS,
  resultHashCanonical,
  solveFlowByParts,
  assignedFromFlow,
  type CanonicalInstance,
  type CompactAssignmentInput,
  type MergedFlow,
} from '../../packages/domain/src/assignment/index.js';
import { generateInstance } from './assignment/generate.js';
import { solveFlowParallel } from './assignment/parallel.js';

type Loader = typeof highsImport.default;
const highsLoader: Loader = (highsImport as unknown as { default?: Loader }).default ?? (highsImport as unknown as Loader);

const CAP = { numerator: 1, denominator: 2 };
const SEED = 'a3f1c0de5eed0000000000000000000000000000000000000000000000000001';

export function lpOf(g: CompactAssignmentInput, cap: number): string {
  const C = g.candidateApplication.length;
  const out: string[] = ['Maximize', ' obj:'];
  let line = '';
  for (let i = 0; i < C; i++) {
    line += ` + ${g.candidateAffinity[i]} x${i}`;
    if (line.length > 10_000) {
      out.push(line);
      line = '';
    }
  }
  out.push(line, 'Subject To');
  const byApp: number[][] = Array.from({ length: g.applicationIds.length }, () => []);
  const byExp: number[][] = Array.from({ length: g.expertIds.length }, () => []);
  for (let i = 0; i < C; i++) {
    byApp[g.candidateApplication[i]!]!.push(i);
    byExp[g.candidateExpert[i]!]!.push(i);
  }
  byApp.forEach((vs, a) => out.push(` a${a}: ${vs.map((v) => `+ x${v}`).join(' ')} = ${g.k}`));
  byExp.forEach((vs, e) => {
    if (vs.length === 0) return;
    const lhs = vs.map((v) => `+ x${v}`).join(' ');
    if (g.minLoad[e]! > 0) out.push(` l${e}: ${lhs} >= ${g.minLoad[e]}`);
    out.push(` u${e}: ${lhs} <= ${g.maxLoad[e]}`);
  });
  out.push('Bounds');
  for (let i = 0; i < C; i++) out.push(` 0 <= x${i} <= ${cap}`);
  out.push('End');
  return out.join('\n');
}

function countViolations(ci: CanonicalInstance, assigned: Uint8Array, probability: Float64Array | null, capUnits: number): number {
  let bad = 0;
  const loads = new Int32Array(ci.expertIds.length);
  for (let a = 0; a < ci.appIds.length; a++) {
    let c = 0;
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      if (!assigned[i]) continue;
      c++;
      loads[ci.candExpert[i]!]!++;
      if (probability && (probability[i]! > capUnits || probability[i]! <= 0)) bad++;
    }
    if (c !== ci.k) bad++;
  }
  for (let e = 0; e < loads.length; e++) if (loads[e]! < ci.minLoad[e]! || loads[e]! > ci.maxLoad[e]!) bad++;
  return bad;
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

async function solveOnce(g: CompactAssignmentInput, mode: 'optimal' | 'random', parallel: boolean) {
  const t = performance.now();
  const ci = canonicalize(g);
  const units = mode === 'optimal' ? OPTIMAL_UNITS : drawUnits(CAP);
  const merged: MergedFlow = parallel ? await solveFlowParallel(ci, units) : solveFlowByParts(ci, units);
  if (!merged.feasible) throw new Error(`bench instance infeasible: ${merged.report.messages.join(' ')}`);
  let assigned: Uint8Array;
  let objective: number;
  let expected: number | null = null;
  let probability: Float64Array | null = null;
  if (mode === 'optimal') {
    const r = assignedFromFlow(ci, merged.candFlow, 1);
    assigned = r.assigned;
    objective = r.objective;
  } else {
    const r = finishDraw(ci, merged, units, SEED);
    if (!r.feasible) throw new Error('infeasible');
    assigned = r.assigned;
    objective = r.objective;
    expected = r.expectedObjectiveUnits / DRAW_DENOMINATOR;
    probability = r.probability;
  }
  const seconds = (performance.now() - t) / 1000;
  return { seconds, objective, expected, hash: resultHashCanonical(ci, assigned), violations: countViolations(ci, assigned, probability, units.pairCap) };
}

export async function run(emit: (o: Record<string, unknown>) => void, opts: { quick: boolean }): Promise<void> {
  const sizes: [number, number][] = opts.quick ? [[200, 500]] : [
    [200, 500],
    [2_000, 3_000],
    [20_000, 20_000],
    [300_000, 150_000],
  ];
  const highs = await highsLoader();
  for (const [apps, experts] of sizes) {
    const g = generateInstance({ apps, experts, k: 5, seed: 20260101 });
    const big = apps >= 300_000;
    for (const mode of ['optimal', 'random'] as const) {
      // Warm-up on small sizes so the figure is not dominated by JIT compilation.
      if (apps <= 2_000) await solveOnce(g, mode, false);
      const a = await solveOnce(g, mode, big);
      const b = await solveOnce(g, mode, big);
      let highsObjective: number | null = null;
      let highsSeconds: number | null = null;
      if (!big) {
        const lp = lpOf(g, mode === 'optimal' ? 1 : CAP.numerator / CAP.denominator);
        const t = performance.now();
        const s = highs.solve(lp);
        highsSeconds = +((performance.now() - t) / 1000).toFixed(3);
        if (s.Status === 'Optimal') highsObjective = s.ObjectiveValue;
      }
      const ours = mode === 'optimal' ? a.objective : a.expected!;
      emit({
        bench: 'assignment',
        mode,
        apps,
        experts,
        k: 5,
        candidates: g.candidateApplication.length,
        fields: g.fieldCount,
        seconds: +Math.min(a.seconds, b.seconds).toFixed(3),
        seconds_runs: [+a.seconds.toFixed(3), +b.seconds.toFixed(3)],
        rss_mb: rssMb(),
        objective: a.objective,
        ...(mode === 'random' ? { expected_objective: +a.expected!.toFixed(4), cap: '1/2' } : {}),
        highs_objective: highsObjective,
        highs_seconds: highsSeconds,
        objective_equal: highsObjective === null ? null : Math.abs(highsObjective - ours) < 1e-6 * Math.max(1, Math.abs(ours)),
        speedup_vs_highs: highsSeconds === null ? null : +(highsSeconds / Math.min(a.seconds, b.seconds)).toFixed(1),
        violations: a.violations + b.violations,
        deterministic: a.hash === b.hash,
        ...(big ? { partitioned: true, threads: 2 } : {}),
      });
    }
  }
}

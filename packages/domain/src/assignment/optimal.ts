/**
 * Exact optimal assignment: partition by field, solve each part's min-cost flow, merge. The merge is
 * exposed separately so a caller with threads (the bench's worker pool) can solve parts elsewhere and
 * still obtain exactly what the serial path returns.
 */
import type { CanonicalInstance } from './canonical.js';
import { describeInfeasibility, type InfeasibilityReport } from './infeasibility.js';
import type { CostScalingOptions } from './mcf.js';
import { partitionByField, type InstancePart } from './partition.js';
import { OPTIMAL_UNITS, solvePartFlow, type FlowUnits, type PartFlow } from './solve.js';

export type MergedFlow =
  | { feasible: true; /** Flow per canonical candidate, in units of 1/D. */ candFlow: Float64Array }
  | { feasible: false; report: InfeasibilityReport };

export function mergePartFlows(ci: CanonicalInstance, parts: readonly InstancePart[], flows: readonly PartFlow[], u: FlowUnits): MergedFlow {
  const candFlow = new Float64Array(ci.candExpert.length);
  const shortApps: number[] = [];
  const underExperts: number[] = [];
  let shortDemand = 0;
  let shortSupply = 0;
  let underMin = 0;
  let underSupply = 0;
  let feasible = true;
  parts.forEach((part, p) => {
    const f = flows[p]!;
    if (!f.feasible) {
      feasible = false;
      if (f.shortage) {
        for (const a of f.shortage.apps) shortApps.push(part.appIndex[a]!);
        shortDemand += f.shortage.demand;
        shortSupply += f.shortage.supply;
      }
      if (f.underload) {
        for (const e of f.underload.experts) underExperts.push(part.expertIndex[e]!);
        underMin += f.underload.minTotal;
        underSupply += f.underload.supply;
      }
      return;
    }
    const pi = part.instance;
    for (let a = 0; a < pi.appIds.length; a++) {
      const g = ci.candStart[part.appIndex[a]!]!;
      const lo = pi.candStart[a]!;
      const len = pi.candStart[a + 1]! - lo;
      for (let j = 0; j < len; j++) candFlow[g + j] = f.candFlow[lo + j]!;
    }
  });
  if (!feasible) {
    shortApps.sort((x, y) => x - y);
    underExperts.sort((x, y) => x - y);
    return { feasible: false, report: describeInfeasibility(ci, u, shortApps, shortDemand, shortSupply, underExperts, underMin, underSupply) };
  }
  return { feasible: true, candFlow };
}

export function solveFlowByParts(ci: CanonicalInstance, u: FlowUnits, opts?: CostScalingOptions): MergedFlow {
  const parts = partitionByField(ci);
  const flows = parts.map((p) => solvePartFlow(p.instance, u, opts));
  return mergePartFlows(ci, parts, flows, u);
}

export interface OptimalAssignment {
  feasible: true;
  /** Sum of affinities of the assigned pairs: the maximum possible. */
  objective: number;
  /** 1 for each canonical candidate that is assigned. */
  assigned: Uint8Array;
  loads: Int32Array;
}

export function assignedFromFlow(ci: CanonicalInstance, candFlow: Float64Array, D: number): { assigned: Uint8Array; loads: Int32Array; objective: number } {
  const assigned = new Uint8Array(candFlow.length);
  const loads = new Int32Array(ci.expertIds.length);
  let objective = 0;
  for (let i = 0; i < candFlow.length; i++) {
    if (candFlow[i] === D) {
      assigned[i] = 1;
      loads[ci.candExpert[i]!]!++;
      objective += ci.candAffinity[i]!;
    } else if (candFlow[i] !== 0) throw new Error('assignment flow is not integral');
  }
  return { assigned, loads, objective };
}

export function solveOptimalCanonical(
  ci: CanonicalInstance,
  opts?: CostScalingOptions,
): OptimalAssignment | { feasible: false; report: InfeasibilityReport } {
  const merged = solveFlowByParts(ci, OPTIMAL_UNITS, opts);
  if (!merged.feasible) return merged;
  return { feasible: true, ...assignedFromFlow(ci, merged.candFlow, 1) };
}

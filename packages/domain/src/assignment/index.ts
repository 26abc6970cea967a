/**
 * Expert assignment (专家分配) and random draw (随机抽取). See README.md for guarantees and figures.
 */
export * from './canonical.js';
export { partitionByField, type InstancePart } from './partition.js';
export { solvePartFlow, OPTIMAL_UNITS, type FlowUnits, type PartFlow, type SolveOptions } from './solve.js';
export { mergePartFlows, solveFlowByParts, solveOptimalCanonical, assignedFromFlow, type OptimalAssignment, type MergedFlow } from './optimal.js';
export type { InfeasibilityReport, FieldShortage } from './infeasibility.js';
export { minCostFlow, type CostScalingOptions, type FlowProblem, type FlowSolution } from './mcf.js';
export {
  DRAW_ALGORITHM,
  DRAW_BITS,
  DRAW_DENOMINATOR,
  capUnits,
  drawUnits,
  drawCanonical,
  finishDraw,
  drawRecord,
  verifyDraw,
  deriveSeed,
  canonicalEntropy,
  resultHash,
  resultHashCanonical,
  type DrawCap,
  type DrawResult,
  type DrawRecord,
  type VerifyOutcome,
} from './draw.js';
export { ChaChaStream, nonceFor } from './stream.js';
export { dependentRound } from './rounding.js';
export {
  assignOptimal,
  drawAssignment,
  explainPairs,
  replaceDeclined,
  type AssignedPair,
  type AssignOutcome,
  type DrawOutcome,
  type Decline,
  type Replacement,
  type ReplacementOutcome,
} from './api.js';

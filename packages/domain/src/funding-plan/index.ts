export { planFunding, meritOrderFill, validateFundingPlanInput, compareMerit, FundingPlanInputError } from './plan.js';
export { toCplexLp, type FundingPlanLp } from './lp.js';
export type {
  BlockReason,
  CandidateDecision,
  CandidateStatus,
  CategoryTotal,
  FundingCandidate,
  FundingCategory,
  FundingObjective,
  FundingPlanInput,
  FundingPlanOptions,
  FundingPlanResult,
} from './types.js';

export { planFunding, meritOrderFill, validateFundingPlanInput, validateFundingPlanOptions, compareMerit, submittedMs, FundingPlanInputError } from './plan.js';
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

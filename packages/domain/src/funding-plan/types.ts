/** Public types of the funding-plan solver (立项资金方案). Money is integer 元; scores are integer fixed-point. */

export interface FundingCandidate {
  applicationNo: string;
  /** Integer score in 1/scoreScale points (scoreScale 10: 87.5分 is 875). */
  score: number;
  requestedYuan: number;
  /**
   * What the project gets if selected: the computed subsidy after BL-5/BL-6 and the 就高 adjustment of BL-7
   * (the district part only). 0 means the district pays nothing: the candidate is outside the plan.
   */
  computedYuan: number;
  /** Category code, one of FundingPlanInput.categories. */
  category: string;
  /**
   * Integer epoch milliseconds, or ISO 8601 text WITH an explicit offset (`…Z` or `…+08:00`); text
   * without an offset is refused, so the ranking never depends on the host's time zone. Earlier
   * submission wins a score tie (BL-4).
   */
  submittedAt: string | number;
  /** Higher-level (市/省/国家) support of an overlapping project, only to explain a 0 or reduced amount (BL-7). */
  higherLevelYuan?: number;
}

export interface FundingCategory {
  code: string;
  /** Shown to officers (领军, 强链, 育成); defaults to the code. */
  name?: string;
  /** Most this category may receive in the plan; null/absent: no cap of its own. */
  budgetCapYuan?: number | null;
  /** Most projects this category may have in the plan; null/absent: no cap. */
  countCap?: number | null;
}

export type FundingObjective = 'score' | 'scoreWeightedAmount';

export interface FundingPlanInput {
  candidates: readonly FundingCandidate[];
  /** Money available to this plan (BL-4 annual budget less what is already committed). */
  budgetYuan: number;
  categories: readonly FundingCategory[];
  /** Score units per point, a power of ten (1, 10, 100, 1000, 10000). Default 100. */
  scoreScale?: number;
  /**
   * 'score' (default): maximise the total score of the selected projects.
   * 'scoreWeightedAmount': maximise Σ score × amount (money goes to where score × money is largest).
   */
  objective?: FundingObjective;
}

export interface FundingPlanOptions {
  /** Branch-and-bound node limit (deterministic; there is no clock). Default 20,000,000 (about 2–4 s). */
  maxNodes?: number;
}

/** Why a candidate is not in the plan, measured against the plan's other selections. */
export type BlockReason =
  | { kind: 'budget'; remainingYuan: number; shortfallYuan: number; alone: boolean }
  | { kind: 'categoryBudget'; category: string; capYuan: number; remainingYuan: number; shortfallYuan: number; alone: boolean }
  | { kind: 'categoryCount'; category: string; cap: number };

export type CandidateStatus = 'selected' | 'notSelected' | 'noDistrictFunds';

export interface CandidateDecision {
  applicationNo: string;
  /** 1-based position in the BL-4 order (score, then earlier submission, then application number). */
  rank: number;
  score: number;
  category: string;
  amountYuan: number;
  requestedYuan: number;
  status: CandidateStatus;
  /** Selected by the plain merit-order fill (skip-and-continue). */
  inMeritOrder: boolean;
  /** For 'notSelected': every constraint that adding this candidate to the plan would break (never empty). */
  reasons: BlockReason[];
  /**
   * For 'notSelected': the smallest relaxation that lets it join without removing anyone
   * (all three together when several constraints bind).
   */
  toGetIn: { budgetIncreaseYuan: number; categoryBudgetIncreaseYuan: number; categoryCountIncrease: number } | null;
  /** One Simplified Chinese paragraph for officers, amounts in 万元. */
  explanation: string;
}

export interface CategoryTotal {
  code: string;
  name: string;
  count: number;
  amountYuan: number;
  budgetCapYuan: number | null;
  countCap: number | null;
}

export interface FundingPlanResult {
  objectiveKind: FundingObjective;
  scoreScale: number;
  /** Objective of the plan: Σ score (score units) or Σ score × amount (score units × 元). */
  objective: number;
  /** Proven: no plan within every cap has a greater objective. */
  optimal: boolean;
  /** Proven: the plan is the BL-4 tie-break winner among all optimal plans (so it is unique). */
  tieBreakProven: boolean;
  /** Upper bound on the optimum; equals objective when optimal. */
  bestBound: number;
  /** Application numbers in BL-4 order. */
  selected: string[];
  totalYuan: number;
  budgetYuan: number;
  byCategory: CategoryTotal[];
  /** Every candidate, in BL-4 order. */
  candidates: CandidateDecision[];
  meritOrder: {
    /** Take candidates in BL-4 order; one that does not fit is skipped and the fill continues with the next. */
    rule: 'skipAndContinue';
    selected: string[];
    objective: number;
    totalYuan: number;
  };
  difference: {
    onlyInPlan: string[];
    onlyInMeritOrder: string[];
    /** objective − meritOrder.objective (never negative when optimal). */
    objectiveDelta: number;
  };
  proof: {
    /** Root Lagrangian/LP bound (objective units). */
    rootBound: number;
    nodes: number;
    /** Candidates left free after reduced-cost fixing, for the optimum and for the tie-break search. */
    coreSize: number;
    tieCoreSize: number;
    /** Common divisor of all amounts used as the money unit inside the solver. */
    unitYuan: number;
    /** Lagrange multipliers of the count caps (objective units), by category code. */
    countMultipliers: Record<string, number>;
  };
  /** Plan-level summary in Chinese. */
  summary: string;
}

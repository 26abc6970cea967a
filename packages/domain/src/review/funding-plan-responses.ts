/** Response schemas of the funding plan (立项资金方案) and approval (立项) steps of a review round. */
import { z } from 'zod';
import { FUNDING_OVERRIDE_ACTIONS } from './funding-plan-selection.js';

export const fundingOverrideView = z.object({
  applicationNo: z.string(),
  action: z.enum(FUNDING_OVERRIDE_ACTIONS),
  reason: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});

export const fundingPlanCandidateView = z.object({
  applicationId: z.uuid(),
  applicationNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  scoreCenti: z.number().int(),
  /** 1-based BL-4 order. */
  rank: z.number().int(),
  submittedAt: z.string(),
  requestedYuan: z.number().int(),
  computedYuan: z.number().int(),
  higherLevelYuan: z.number().int().nullable(),
  /** How the amount was computed (BL-5, BL-6, BL-7 / YJ-1), one Chinese sentence per applied rule. */
  amountBasis: z.array(z.string()),
  /** The engine's decision. */
  engineStatus: z.enum(['selected', 'notSelected', 'noDistrictFunds']),
  inMeritOrder: z.boolean(),
  /** In the plan after the officer's overrides. */
  selected: z.boolean(),
  override: fundingOverrideView.nullable(),
  explanation: z.string(),
});
export type FundingPlanCandidateView = z.infer<typeof fundingPlanCandidateView>;

export const fundingPlanCategoryView = z.object({
  code: z.string(),
  name: z.string(),
  budgetCapYuan: z.number().int().nullable(),
  countCap: z.number().int().nullable(),
  count: z.number().int(),
  amountYuan: z.number().int(),
  meritOrderAmountYuan: z.number().int(),
});

export const fundingPlanView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'confirmed']),
  objective: z.enum(['score', 'scoreWeightedAmount']),
  budgetYuan: z.number().int(),
  totalYuan: z.number().int(),
  engineTotalYuan: z.number().int(),
  optimal: z.boolean(),
  tieBreakProven: z.boolean(),
  bestBound: z.number(),
  objectiveValue: z.number(),
  summary: z.string(),
  proof: z.object({ rootBound: z.number(), nodes: z.number().int(), coreSize: z.number().int() }),
  meritOrder: z.object({ selected: z.array(z.string()), objective: z.number(), totalYuan: z.number().int() }),
  difference: z.object({ onlyInPlan: z.array(z.string()), onlyInMeritOrder: z.array(z.string()), objectiveDelta: z.number(), text: z.string() }),
  categories: z.array(fundingPlanCategoryView),
  candidates: z.array(fundingPlanCandidateView),
  overrides: z.array(fundingOverrideView),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type FundingPlanView = z.infer<typeof fundingPlanView>;

export const fundingPlanResponse = z.object({
  plan: fundingPlanView.nullable(),
  history: z.array(z.object({ version: z.number().int(), status: z.enum(['draft', 'confirmed']), overrides: z.number().int(), createdBy: z.string().nullable(), createdAt: z.string() })),
});
export type FundingPlanResponse = z.infer<typeof fundingPlanResponse>;

export const approvalItemView = z.object({
  applicationId: z.uuid(),
  applicationNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  amountYuan: z.number().int(),
  projectNo: z.string().nullable(),
});

/** What approval (立项) would do, or did: the list, its total against the ledger, and the notice's clearance. */
export const approvalResponse = z.object({
  stage: z.string(),
  clearance: z.object({ cleared: z.boolean(), problems: z.array(z.string()), withdrawn: z.array(z.string()) }),
  items: z.array(approvalItemView),
  totalYuan: z.number().int(),
  ledger: z.object({ programmeCode: z.string(), year: z.number().int(), budgetYuan: z.number().int(), committedYuan: z.number().int(), availableYuan: z.number().int() }),
  /** Money missing for the whole list (BL-4); 0 when it fits. */
  shortfallYuan: z.number().int(),
  approved: z.boolean(),
});
export type ApprovalView = z.infer<typeof approvalResponse>;

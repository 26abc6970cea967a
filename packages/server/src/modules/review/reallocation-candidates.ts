/**
 * Read side of BL-10 reallocation for the projects context: a round's ranked candidates that were not funded
 * (scored, inspection passed or not required, outcome neither approved nor withdrawn), each with the amount the
 * programme's rules give it — the same computation the funding plan used — and the objective of the round's
 * confirmed plan, so re-running the engine over them judges them as the round did.
 */
import { and, desc, eq, isNotNull, isNull, notInArray, or } from 'drizzle-orm';
import type { fundingPlan } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { candidatesOfOutcomes, type CandidateMeta, type StoredPlanInput } from './funding-plan-input.js';
import { reviewFundingPlans } from './funding-plan-schema.js';
import { findRound } from './rounds.js';
import { reviewOutcomes } from './schema.js';

export interface UnfundedCandidates {
  roundId: string;
  callId: string;
  programmeCode: string;
  budgetYear: number;
  candidates: fundingPlan.FundingCandidate[];
  categories: fundingPlan.FundingCategory[];
  objective: fundingPlan.FundingObjective;
  meta: Record<string, CandidateMeta>;
}

export async function unfundedRankedCandidates(tx: Tx, roundId: string): Promise<UnfundedCandidates> {
  const round = await findRound(tx, roundId);
  const outcomes = await tx.select().from(reviewOutcomes).where(and(
    eq(reviewOutcomes.roundId, roundId),
    notInArray(reviewOutcomes.status, ['approved', 'withdrawn']),
    isNotNull(reviewOutcomes.scoreCenti),
    or(isNull(reviewOutcomes.inspection), eq(reviewOutcomes.inspection, 'passed')),
  ));
  const { candidates, meta, categoryNames, programmeCode } = await candidatesOfOutcomes(tx, round, outcomes);
  const [plan] = await tx.select({ input: reviewFundingPlans.input }).from(reviewFundingPlans).where(and(eq(reviewFundingPlans.roundId, roundId), eq(reviewFundingPlans.status, 'confirmed'))).orderBy(desc(reviewFundingPlans.version)).limit(1);
  const objective = (plan?.input as StoredPlanInput | undefined)?.settings.objective ?? 'score';
  const categories = [...categoryNames].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, name]) => ({ code, name, budgetCapYuan: null, countCap: null }));
  return { roundId, callId: round.callId, programmeCode, budgetYear: round.budgetYear, candidates, categories, objective, meta };
}

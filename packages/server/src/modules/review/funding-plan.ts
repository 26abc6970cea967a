/**
 * The funding plan (立项资金方案) of a round at stage 'planning': the engine's exact plan within the budget and
 * caps (BL-4, BL-7), every candidate explained, the merit-order fill beside it; officer overrides with a
 * recorded reason that must still fit; confirmation writes the planned amounts and moves the round on (BL-8).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
  applyOverrides,
  formatWan,
  fundingPlan,
  meritDifferenceText,
  selectionProblems,
  type FundingOverride,
  type FundingOverrideAction,
  type FundingPlanResponse,
  type FundingPlanView,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { readLedger } from '../programmes/budget.js';
import { reviewProblem } from './errors.js';
import { buildPlanInput, type PlanSettings, type StoredPlanInput } from './funding-plan-input.js';
import { reviewFundingPlans } from './funding-plan-schema.js';
import { advanceStage, findRound, requireStage } from './rounds.js';
import { reviewOutcomes } from './schema.js';

type PlanRow = typeof reviewFundingPlans.$inferSelect;
type StoredOverride = FundingOverride & { by: string | null; at: string };

async function latestPlan(tx: Tx, roundId: string): Promise<PlanRow | null> {
  const [row] = await tx.select().from(reviewFundingPlans).where(eq(reviewFundingPlans.roundId, roundId)).orderBy(desc(reviewFundingPlans.version)).limit(1);
  return row ?? null;
}

function totalOf(input: StoredPlanInput, selected: readonly string[]): number {
  const set = new Set(selected);
  return input.engine.candidates.filter((c) => set.has(c.applicationNo)).reduce((s, c) => s + c.computedYuan, 0);
}

async function storeVersion(tx: Tx, actor: Actor, roundId: string, input: StoredPlanInput, result: fundingPlan.FundingPlanResult, overrides: StoredOverride[]): Promise<PlanRow> {
  const previous = await latestPlan(tx, roundId);
  const selected = applyOverrides(result.selected, overrides);
  const [row] = await tx.insert(reviewFundingPlans).values({
    id: randomUUID(),
    roundId,
    version: (previous?.version ?? 0) + 1,
    input,
    result,
    overrides,
    selected,
    totalYuan: totalOf(input, selected),
    createdBy: actor.id,
    createdByName: actor.name,
  }).returning();
  return row!;
}

/** Runs the engine on the round's candidates and stores the plan as a new version (overrides start afresh). */
export async function computeFundingPlan(db: Db, actor: Actor, roundId: string, settings: PlanSettings): Promise<FundingPlanResponse> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'planning');
    const input = await buildPlanInput(tx, round, settings);
    if (input.engine.candidates.length === 0) throw reviewProblem('REVIEW_NO_CANDIDATES', '本轮没有已评分、核查通过（或无需核查）且仍在评审中的申报书。');
    const problems = fundingPlan.validateFundingPlanInput(input.engine);
    if (problems.length) throw reviewProblem('REVIEW_FUNDING_PLAN_INPUT', problems.join('；'));
    const result = fundingPlan.planFunding(input.engine);
    const row = await storeVersion(tx, actor, roundId, input, result, []);
    await recordAudit(tx, actor, { action: 'review.fundingPlan.compute', entityType: 'reviewRound', entityId: roundId, detail: { version: row.version, candidates: input.engine.candidates.length, budgetYuan: input.engine.budgetYuan, selected: result.selected.length, totalYuan: result.totalYuan, optimal: result.optimal, objective: result.objective } });
  });
  return readFundingPlan(db, roundId);
}

/** An officer's override: include or exclude one candidate, with a reason; refused when the plan would not fit. */
export async function overrideFundingPlan(db: Db, actor: Actor, roundId: string, body: { applicationNo: string; action: FundingOverrideAction; reason: string }): Promise<FundingPlanResponse> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'planning');
    const plan = await latestPlan(tx, roundId);
    if (!plan) throw reviewProblem('REVIEW_FUNDING_PLAN_MISSING');
    const input = plan.input as StoredPlanInput;
    const result = plan.result as fundingPlan.FundingPlanResult;
    const candidate = input.engine.candidates.find((c) => c.applicationNo === body.applicationNo);
    if (!candidate) throw reviewProblem('REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED', `申报书 ${body.applicationNo} 不是本方案的候选项目。`, [{ field: 'applicationNo', message: '不是本方案的候选项目' }]);
    const isIn = plan.selected.includes(body.applicationNo);
    if (isIn === (body.action === 'include')) throw reviewProblem('REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED', `申报书 ${body.applicationNo} ${isIn ? '已在' : '不在'}方案中。`, [{ field: 'action', message: isIn ? '已在方案中' : '不在方案中' }]);
    const overrides = [...(plan.overrides as StoredOverride[]), { applicationNo: body.applicationNo, action: body.action, reason: body.reason, by: actor.name, at: new Date().toISOString() }];
    const selected = applyOverrides(result.selected, overrides);
    // The same budget and caps the engine honoured (BL-4): an override never buys its way past them.
    const problems = selectionProblems(input.engine, selected);
    if (problems.length) {
      const shortfallYuan = Math.max(...problems.map((p) => p.shortfallYuan));
      throw reviewProblem('REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED', `调整后${problems.map((p) => p.message).join('；')}。请先调出其他项目或调整类别上限。`, [{ field: 'action', message: problems[0]!.message }], { shortfallYuan, problems: problems.map((p) => p.message) });
    }
    const row = await storeVersion(tx, actor, roundId, input, result, overrides);
    await recordAudit(tx, actor, { action: 'review.fundingPlan.override', entityType: 'reviewRound', entityId: roundId, detail: { version: row.version, applicationNo: body.applicationNo, action: body.action, reason: body.reason, totalYuan: row.totalYuan } });
  });
  return readFundingPlan(db, roundId);
}

/**
 * Confirms the plan the officer saw (its version): planned amounts for the selected, 未入选 (status rejected,
 * score and rank kept, so freed budget can reach them later) for the others, and the round moves to the party
 * meeting — one transaction with its audit.
 */
export async function confirmFundingPlan(db: Db, actor: Actor, roundId: string, version: number): Promise<FundingPlanResponse> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'planning');
    const plan = await latestPlan(tx, roundId);
    if (!plan) throw reviewProblem('REVIEW_FUNDING_PLAN_MISSING');
    if (plan.version !== version) throw reviewProblem('REVIEW_FUNDING_PLAN_STALE', `当前方案为第${plan.version}版，请刷新后再确认。`, [{ field: 'version', message: `当前为第${plan.version}版` }]);
    const input = plan.input as StoredPlanInput;
    // The ledger may have moved since the plan was computed: check the selection against what is available now.
    const ledger = await readLedger(tx, input.programmeCode, input.year);
    const problems = selectionProblems({ ...input.engine, budgetYuan: Math.max(0, ledger.availableYuan) }, plan.selected);
    if (problems.length) throw reviewProblem('REVIEW_FUNDING_PLAN_STALE', `预算台账已变化：${problems.map((p) => p.message).join('；')}。请重新生成方案。`, undefined, { shortfallYuan: Math.max(...problems.map((p) => p.shortfallYuan)) });
    const selected = new Set(plan.selected);
    const now = new Date();
    for (const c of input.engine.candidates) {
      const applicationId = input.meta[c.applicationNo]!.applicationId;
      const where = and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, applicationId));
      if (selected.has(c.applicationNo)) await tx.update(reviewOutcomes).set({ plannedAmountYuan: c.computedYuan, updatedAt: now }).where(where);
      else await tx.update(reviewOutcomes).set({ plannedAmountYuan: null, status: 'rejected', updatedAt: now }).where(where);
    }
    await tx.update(reviewFundingPlans).set({ status: 'confirmed', confirmedBy: actor.id, confirmedByName: actor.name, confirmedAt: now }).where(eq(reviewFundingPlans.id, plan.id));
    const detail = { version: plan.version, selected: plan.selected.length, notSelected: input.engine.candidates.length - plan.selected.length, totalYuan: plan.totalYuan, overrides: (plan.overrides as StoredOverride[]).length };
    await recordAudit(tx, actor, { action: 'review.fundingPlan.confirm', entityType: 'reviewRound', entityId: roundId, detail });
    await advanceStage(tx, actor, round, 'partyMeeting', { fundingPlan: detail, summary: `资金方案确认：入选${plan.selected.length}项，合计${formatWan(plan.totalYuan)}` });
  });
  return readFundingPlan(db, roundId);
}

export async function readFundingPlan(db: Tx, roundId: string): Promise<FundingPlanResponse> {
  await findRound(db, roundId);
  const rows = await db.select().from(reviewFundingPlans).where(eq(reviewFundingPlans.roundId, roundId)).orderBy(desc(reviewFundingPlans.version));
  const history = rows.map((r) => ({ version: r.version, status: r.status as 'draft' | 'confirmed', overrides: (r.overrides as unknown[]).length, createdBy: r.createdByName, createdAt: r.createdAt.toISOString() }));
  return { plan: rows[0] ? presentPlan(rows[0]) : null, history };
}

function presentPlan(row: PlanRow): FundingPlanView {
  const input = row.input as StoredPlanInput;
  const result = row.result as fundingPlan.FundingPlanResult;
  const overrides = row.overrides as StoredOverride[];
  const selected = new Set(row.selected);
  const merit = new Set(result.meritOrder.selected);
  const byNo = new Map(input.engine.candidates.map((c) => [c.applicationNo, c]));
  const lastOverride = (no: string) => [...overrides].reverse().find((o) => o.applicationNo === no) ?? null;
  const candidates = result.candidates.map((d) => {
    const c = byNo.get(d.applicationNo)!;
    const m = input.meta[d.applicationNo]!;
    const o = lastOverride(d.applicationNo);
    return {
      applicationId: m.applicationId,
      applicationNo: d.applicationNo,
      title: m.title,
      organisationName: m.organisationName,
      category: d.category,
      categoryName: m.categoryName,
      scoreCenti: d.score,
      rank: d.rank,
      submittedAt: String(c.submittedAt),
      requestedYuan: c.requestedYuan,
      computedYuan: c.computedYuan,
      higherLevelYuan: c.higherLevelYuan ?? null,
      amountBasis: m.amountBasis,
      engineStatus: d.status,
      inMeritOrder: d.inMeritOrder,
      selected: selected.has(d.applicationNo),
      override: o,
      explanation: d.explanation,
    };
  });
  const categories = input.engine.categories.map((cat) => {
    const inCat = input.engine.candidates.filter((c) => c.category === cat.code);
    const sum = (set: Set<string>) => inCat.filter((c) => set.has(c.applicationNo)).reduce((s, c) => s + c.computedYuan, 0);
    return { code: cat.code, name: cat.name ?? cat.code, budgetCapYuan: cat.budgetCapYuan ?? null, countCap: cat.countCap ?? null, count: inCat.filter((c) => selected.has(c.applicationNo)).length, amountYuan: sum(selected), meritOrderAmountYuan: sum(merit) };
  });
  return {
    id: row.id,
    version: row.version,
    status: row.status as 'draft' | 'confirmed',
    objective: result.objectiveKind,
    budgetYuan: input.engine.budgetYuan,
    totalYuan: row.totalYuan,
    engineTotalYuan: result.totalYuan,
    optimal: result.optimal,
    tieBreakProven: result.tieBreakProven,
    bestBound: result.bestBound,
    objectiveValue: result.objective,
    summary: result.summary,
    proof: { rootBound: result.proof.rootBound, nodes: result.proof.nodes, coreSize: result.proof.coreSize },
    meritOrder: result.meritOrder,
    difference: { ...result.difference, text: meritDifferenceText(result.difference, result.objectiveKind, result.scoreScale) },
    categories,
    candidates,
    overrides,
    createdBy: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    confirmedBy: row.confirmedByName,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}

/**
 * Approval (立项), the last step of BL-8: once the public notice has cleared, every outcome still in review with
 * an amount decided by the executive meeting becomes a project whose amount is committed in the programme-year's
 * ledger (BL-4) — all in one transaction, so a refusal leaves nothing half-approved.
 */
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { ApprovalView, ApplicationContent } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationNames } from '../organisations/service.js';
import { callSummaries } from '../programmes/call-queries.js';
import { readLedger } from '../programmes/budget.js';
import { createApprovedProjects, projectsOfApplications } from '../projects/service.js';
import { reviewProblem } from './errors.js';
import { categoryNameOf, ruleSetsAtSubmission } from './funding-plan-input.js';
import { noticeClearance } from './notice-gate.js';
import { advanceStage, findRound, requireStage, type RoundRow } from './rounds.js';
import { reviewOutcomes } from './schema.js';

/** The outcomes approval takes: still in review, with a decided amount, not withdrawn after an objection. */
async function approvable(tx: Tx, round: RoundRow, withdrawn: readonly string[]) {
  const rows = await tx.select().from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, round.id), eq(reviewOutcomes.status, round.stage === 'approved' ? 'approved' : 'inReview'), isNotNull(reviewOutcomes.decidedAmountYuan), gt(reviewOutcomes.decidedAmountYuan, 0)));
  const out = new Set(withdrawn);
  return rows.filter((r) => !out.has(r.applicationId));
}

export async function readApproval(db: Tx, roundId: string): Promise<ApprovalView> {
  const round = await findRound(db, roundId);
  const clearance = await noticeClearance(db, roundId);
  const outcomes = await approvable(db, round, clearance.withdrawn);
  const apps = await applicationsByIds(db, outcomes.map((o) => o.applicationId));
  const names = new Map((await organisationNames(db, [...new Set(apps.map((a) => a.organisationId))])).map((o) => [o.id, o.name]));
  const amounts = new Map(outcomes.map((o) => [o.applicationId, o.decidedAmountYuan!]));
  const projectNos = new Map((await projectsOfApplications(db, apps.map((a) => a.id))).map((p) => [p.applicationId, p.projectNo]));
  const contexts = await ruleSetsAtSubmission(db, apps);
  const programmeCode = (await callSummaries(db, [round.callId])).get(round.callId)?.programmeCode ?? '';
  const ledger = await readLedger(db, programmeCode, round.budgetYear);
  const items = apps.map((a) => ({
    applicationId: a.id,
    applicationNo: a.applicationNo,
    title: ((a.content ?? {}) as ApplicationContent).basic?.title ?? '',
    organisationName: names.get(a.organisationId) ?? '',
    categoryCode: a.categoryCode,
    categoryName: categoryNameOf(contexts.get(a.id)!.ruleSet, a.categoryCode),
    amountYuan: amounts.get(a.id)!,
    projectNo: projectNos.get(a.id) ?? null,
  }));
  const totalYuan = items.reduce((s, i) => s + i.amountYuan, 0);
  const approved = round.stage === 'approved';
  return {
    stage: round.stage,
    clearance,
    items,
    totalYuan,
    ledger: { programmeCode, year: round.budgetYear, budgetYuan: ledger.budgetYuan, committedYuan: ledger.committedYuan, availableYuan: ledger.availableYuan },
    shortfallYuan: approved ? 0 : Math.max(0, totalYuan - ledger.availableYuan),
    approved,
  };
}

export async function approveRound(db: Db, actor: Actor, roundId: string): Promise<ApprovalView> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'notice');
    const clearance = await noticeClearance(tx, roundId);
    if (!clearance.cleared) throw reviewProblem('REVIEW_NOTICE_NOT_CLEARED', `BL-8：${clearance.problems.join('；')}。`);
    const outcomes = await approvable(tx, round, clearance.withdrawn);
    const apps = await applicationsByIds(tx, outcomes.map((o) => o.applicationId));
    const contexts = await ruleSetsAtSubmission(tx, apps);
    const amounts = new Map(outcomes.map((o) => [o.applicationId, o.decidedAmountYuan!]));
    const call = (await callSummaries(tx, [round.callId])).get(round.callId);
    const created = await createApprovedProjects(tx, actor, {
      roundId,
      callId: round.callId,
      programmeCode: call?.programmeCode ?? '',
      budgetYear: round.budgetYear,
      items: apps.map((a) => {
        const basic = ((a.content ?? {}) as ApplicationContent).basic ?? {};
        return {
          applicationId: a.id,
          organisationId: a.organisationId,
          title: basic.title ?? a.applicationNo,
          categoryCode: a.categoryCode,
          categoryName: categoryNameOf(contexts.get(a.id)!.ruleSet, a.categoryCode),
          fieldCode: basic.fieldCode ?? null,
          amountYuan: amounts.get(a.id)!,
        };
      }),
    });
    const now = new Date();
    for (const a of apps) await tx.update(reviewOutcomes).set({ status: 'approved', updatedAt: now }).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, a.id)));
    const totalYuan = created.reduce((s, p) => s + p.approvedAmountYuan, 0);
    const detail = { projects: created.length, totalYuan, projectNos: created.map((p) => p.projectNo), withdrawn: clearance.withdrawn.length };
    await recordAudit(tx, actor, { action: 'review.round.approve', entityType: 'reviewRound', entityId: roundId, detail });
    await advanceStage(tx, actor, round, 'approved', detail);
  });
  return readApproval(db, roundId);
}

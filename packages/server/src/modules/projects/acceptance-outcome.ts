/**
 * The officer's acceptance decision (验收结论): the panel's findings (majority per indicator), the domain's rule
 * over the share of core indicators met, and the decision with its consequences in one transaction — the state
 * (transitionProject), the remaining funds (released, kept under 包干制, or recovered via orderRecovery), the
 * one rectification's deadline, or a re-hearing by the same panel. A decision other than the computed one needs
 * a reason.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  ACCEPTANCE_DECISION_LABELS,
  acceptanceRule,
  decisionRefusal,
  formatWan,
  fundsConsequence,
  panelFindings,
  projectLedgerTotals,
  rectificationDeadline,
  shanghaiDayOf,
  suggestedDecision,
  type AcceptanceDecision,
  type AcceptanceRule,
  type IndicatorVerdict,
  type PanelIndicatorFinding,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { openHearing } from './acceptance-panel.js';
import { acceptanceApplications, acceptanceDecisions, acceptancePanelMembers, acceptanceReviews } from './acceptance-schema.js';
import { indicatorsOf, panelOf, requireApplication, type AcceptanceApplicationRow } from './acceptance-store.js';
import { orderRecovery, projectMovements, recordProjectMovement } from './ledger.js';
import { findProject, recordProjectEvent, transitionProject } from './lifecycle.js';
import { projectSettings } from './settings.js';

export interface HearingState {
  members: (typeof acceptancePanelMembers.$inferSelect)[];
  reviews: { review: typeof acceptanceReviews.$inferSelect; member: typeof acceptancePanelMembers.$inferSelect }[];
  submitted: number;
  findings: PanelIndicatorFinding[];
  rule: AcceptanceRule | null;
  suggested: AcceptanceDecision | null;
}

/** The current hearing: its reviews, the panel's findings from the submitted ones, and the rule once all are in. */
export async function hearingState(db: Tx, app: AcceptanceApplicationRow, settings: { acceptanceFailBelowPercent: number; acceptanceRehearBelowPercent: number }): Promise<HearingState> {
  const panel = await panelOf(db, app.id);
  const members = panel ? await db.select().from(acceptancePanelMembers).where(eq(acceptancePanelMembers.panelId, panel.id)) : [];
  const rows = panel
    ? await db.select({ review: acceptanceReviews, member: acceptancePanelMembers }).from(acceptanceReviews).innerJoin(acceptancePanelMembers, eq(acceptancePanelMembers.id, acceptanceReviews.memberId)).where(and(eq(acceptancePanelMembers.panelId, panel.id), eq(acceptanceReviews.hearingNo, app.hearingNo)))
    : [];
  const submitted = rows.filter((r) => r.review.status === 'submitted');
  const indicators = await indicatorsOf(db, app.projectId);
  const findings = panelFindings(indicators.length, submitted.map((r) => r.review.verdicts as IndicatorVerdict[]));
  const complete = rows.length > 0 && submitted.length === rows.length;
  const rule = complete ? acceptanceRule(findings.map((f, i) => ({ met: f.met, core: indicators[i]!.core })), settings) : null;
  const suggested = rule ? suggestedDecision({ rule, rectificationUsed: app.rectificationUsed, reheard: app.reheard }) : null;
  return { members, reviews: rows, submitted: submitted.length, findings, rule, suggested };
}

export interface OutcomeInput {
  decision: AcceptanceDecision;
  overrideReason?: string | undefined;
  owedYuan?: number | undefined;
  basis: string;
}

export async function decideAcceptance(db: Db, actor: Actor, projectId: string, input: OutcomeInput, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const app = await requireApplication(tx, projectId, { forUpdate: true });
    const settings = await projectSettings(tx, project);
    const today = shanghaiDayOf(now);
    let rule: AcceptanceRule;
    let suggested: AcceptanceDecision;
    let findings: PanelIndicatorFinding[] = [];
    if (project.state === 'acceptanceRectifying') {
      // The rectification ran out without a resubmission: the second failure is final.
      if (input.decision !== 'fail') throw acceptanceProblem('ACCEPTANCE_STATE', '验收整改期间只能在整改期限届满未重新提交时作出不通过（最终）结论。');
      if (app.rectifyDueDate && today <= app.rectifyDueDate) throw acceptanceProblem('ACCEPTANCE_STATE', `整改期限至 ${app.rectifyDueDate}，期限内不能作出最终结论。`);
      const last = (await tx.select().from(acceptanceDecisions).where(eq(acceptanceDecisions.applicationId, app.id))).at(-1);
      rule = (last?.rule as AcceptanceRule) ?? acceptanceRule([], settings);
      suggested = 'fail';
    } else {
      if (project.state !== 'accepting') throw acceptanceProblem('ACCEPTANCE_STATE', '项目当前不在验收中。');
      const panel = await panelOf(tx, app.id);
      if (!panel || panel.status !== 'drawn') throw acceptanceProblem('ACCEPTANCE_STATE', '请先抽取验收专家组。');
      const h = await hearingState(tx, app, settings);
      if (!h.rule || !h.suggested) throw acceptanceProblem('ACCEPTANCE_REVIEWS_PENDING', `专家组 ${h.reviews.length} 人中已提交 ${h.submitted} 人，全部提交后方可作出结论。`);
      rule = h.rule;
      suggested = h.suggested;
      findings = h.findings;
      const refused = decisionRefusal(input.decision, { rule, rectificationUsed: app.rectificationUsed, reheard: app.reheard });
      if (refused) throw acceptanceProblem('ACCEPTANCE_STATE', refused);
    }
    const override = input.decision !== suggested;
    if (override && (input.overrideReason ?? '').trim().length < 4) {
      throw acceptanceProblem('ACCEPTANCE_OVERRIDE_REASON', `按规则计算的结论为「${ACCEPTANCE_DECISION_LABELS[suggested]}」（${rule.explanation}），作出「${ACCEPTANCE_DECISION_LABELS[input.decision]}」须说明理由。`, [{ field: 'overrideReason', message: '请说明与规则结论不同的理由（不少于4个字）' }]);
    }
    const totals = projectLedgerTotals(await projectMovements(tx, projectId));
    if (input.decision === 'fail' && (input.owedYuan ?? 0) > totals.netPaidYuan) {
      throw acceptanceProblem('ACCEPTANCE_INVALID', `应退回金额不能超过已拨付（扣除已退回）${formatWan(totals.netPaidYuan)}。`, [{ field: 'owedYuan', message: `不能超过 ${formatWan(totals.netPaidYuan)}` }]);
    }
    const funds = fundsConsequence(input.decision, { lumpSum: project.lumpSum, programmeKeepsSurplus: settings.lumpSum, undisbursedYuan: totals.undisbursedYuan, owedYuan: input.owedYuan ?? 0 }, formatWan);
    const head = `验收结论：${ACCEPTANCE_DECISION_LABELS[input.decision]}（${rule.explanation}${override ? ` 与规则结论「${ACCEPTANCE_DECISION_LABELS[suggested]}」不同，理由：${input.overrideReason!.trim()}` : ''}）`;
    const detail = { applicationId: app.id, hearingNo: app.hearingNo, decision: input.decision, suggested, coreMet: rule.coreMet, coreTotal: rule.coreTotal, corePercent: rule.corePercent };
    const patch: Partial<AcceptanceApplicationRow> = { outcome: input.decision };
    switch (input.decision) {
      case 'pass':
      case 'conclude':
        await transitionProject(tx, actor, project, input.decision === 'pass' ? 'acceptPass' : 'acceptConclude', { summary: head, detail, at: now });
        if (funds.kind === 'release' && funds.releaseYuan > 0) await recordProjectMovement(tx, actor, project, { kind: 'return', amountYuan: funds.releaseYuan, note: `验收${ACCEPTANCE_DECISION_LABELS[input.decision]}，收回未拨付承诺`, detail: { applicationId: app.id } });
        break;
      case 'rectify': {
        const due = rectificationDeadline(today, settings);
        Object.assign(patch, { rectificationUsed: true, rectifyDueDate: due });
        await transitionProject(tx, actor, project, 'acceptRectify', { summary: `${head}，整改期限至 ${due}（限一次）`, detail: { ...detail, rectifyDueDate: due }, at: now });
        break;
      }
      case 'fail':
        await transitionProject(tx, actor, { ...project }, 'acceptFail', { summary: head, detail, at: now });
        await orderRecovery(tx, actor, project, { reason: 'acceptanceFail', owedYuan: input.owedYuan ?? 0, basis: input.basis.trim(), now });
        break;
      case 'rehear':
        Object.assign(patch, { reheard: true, hearingNo: app.hearingNo + 1, outcome: 'rehear' });
        await recordProjectEvent(tx, actor, projectId, { kind: 'acceptance.rehear', summary: `${head}：专家组重新评议（第${app.hearingNo + 1}次评议）`, detail, at: now });
        break;
    }
    await tx.update(acceptanceApplications).set(patch).where(eq(acceptanceApplications.id, app.id));
    if (input.decision === 'rehear') await openHearing(tx, app.id, app.hearingNo + 1, now);
    const id = randomUUID();
    await tx.insert(acceptanceDecisions).values({
      id, applicationId: app.id, projectId, hearingNo: app.hearingNo, decision: input.decision, rule, findings, suggested, overrideReason: override ? input.overrideReason!.trim() : null, basis: input.basis.trim(), funds, decidedBy: actor.id, decidedAt: now,
    });
    await recordAudit(tx, actor, { action: 'project.acceptance.decide', entityType: 'acceptanceApplication', entityId: app.id, detail: { ...detail, decisionId: id, overrideReason: override ? input.overrideReason!.trim() : null, basis: input.basis.trim(), funds, explanation: rule.explanation } });
    return { id };
  });
}

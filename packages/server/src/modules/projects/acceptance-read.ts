/** What the acceptance tab shows (GET /api/projects/:id/acceptance), with the actions open to the caller. */
import { asc, eq } from 'drizzle-orm';
import {
  ACCEPTANCE_MATERIAL_KINDS,
  ACCEPTANCE_MATERIALS,
  ACCEPTANCE_TIMING_LABELS,
  acceptanceTiming,
  acceptanceWindow,
  hasPermission,
  projectLedgerTotals,
  shanghaiDayOf,
  type AcceptanceDecision,
  type AcceptanceMaterialKind,
  type AcceptanceResult,
  type AcceptanceRule,
  type AcceptanceTiming,
  type AcceptanceView,
  type DrawCommitment,
  type FundsConsequence,
  type IndicatorVerdict,
  type PublicDrawRecord,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { hearingState } from './acceptance-outcome.js';
import { findPanel, panelPublicRecord } from './acceptance-panel.js';
import { acceptanceDecisions } from './acceptance-schema.js';
import { applicationOf, indicatorsOf, isUndertaker, materialsOf, panelOf, returnedApplicationsOf } from './acceptance-store.js';
import { projectMovements } from './ledger.js';
import { readableProject } from './lifecycle.js';
import { projectSettings } from './settings.js';

export async function readAcceptance(db: Db, auth: AuthContext, projectId: string, now = new Date()): Promise<AcceptanceView> {
  const project = await readableProject(db, auth, projectId);
  const settings = await projectSettings(db, project);
  const end = project.effectiveEndDate ?? project.endDate;
  const window = end ? acceptanceWindow(end, settings) : null;
  const app = await applicationOf(db, projectId);
  const panel = app ? await panelOf(db, app.id) : null;
  const officer = hasPermission(auth.roles, 'project.manage');
  const undertaker = isUndertaker(auth, project);
  const h = app ? await hearingState(db, app, settings) : null;
  const decisions = app ? await db.select().from(acceptanceDecisions).where(eq(acceptanceDecisions.applicationId, app.id)).orderBy(asc(acceptanceDecisions.decidedAt)) : [];
  const totals = projectLedgerTotals(await projectMovements(db, projectId));
  const submittedIds = new Set((h?.reviews ?? []).filter((r) => r.review.status === 'submitted').map((r) => r.member.id));
  // Undertakers see the verdicts without the experts' names (专家A、专家B …).
  const nameOf = new Map((h?.members ?? []).map((m, i) => [m.id, officer ? m.expertName : `专家${String.fromCharCode(65 + i)}`]));
  const today = shanghaiDayOf(now);
  const overdue = project.state === 'acceptanceRectifying' && !!app?.rectifyDueDate && today > app.rectifyDueDate;
  const actions: AcceptanceView['actions'] = [];
  if (undertaker && (project.state === 'executing' || project.state === 'acceptanceRectifying')) actions.push('uploadMaterial');
  if (undertaker && project.state === 'executing' && !app) actions.push('apply');
  if (undertaker && project.state === 'acceptanceRectifying' && !overdue) actions.push('resubmit');
  if (officer && project.state === 'accepting' && app && !panel) actions.push('commitPanel');
  if (officer && project.state === 'accepting' && app?.timing === 'early' && app.hearingNo === 1 && !app.outcome && !panel) actions.push('returnApplication');
  if (officer && project.state === 'accepting' && panel?.status === 'committed') actions.push('drawPanel');
  if (officer && ((project.state === 'accepting' && h?.rule) || overdue)) actions.push('decide');
  const commitment = panel ? (panel.commitment as DrawCommitment) : null;
  return {
    projectId,
    state: project.state,
    window,
    timingToday: window ? acceptanceTiming(today, window) : null,
    settings: { windowMonths: settings.acceptanceWindowMonths, failBelowPercent: settings.acceptanceFailBelowPercent, rehearBelowPercent: settings.acceptanceRehearBelowPercent, rectificationMonths: settings.rectificationMonths, panelSize: settings.acceptancePanelSize, lumpSum: project.lumpSum || settings.lumpSum },
    materialKinds: ACCEPTANCE_MATERIAL_KINDS.map((kind) => ({ kind, ...ACCEPTANCE_MATERIALS[kind] })),
    materials: (await materialsOf(db, projectId)).map((m) => ({ id: m.id, kind: m.kind as AcceptanceMaterialKind, fileName: m.fileName, size: m.size, contentType: m.contentType, sha256: m.sha256, uploadedAt: m.uploadedAt.toISOString(), cycle: m.cycle })),
    application: app ? {
      id: app.id, appliedAt: app.appliedAt.toISOString(), timing: app.timing as AcceptanceTiming, timingLabel: ACCEPTANCE_TIMING_LABELS[app.timing as AcceptanceTiming], earlyReason: app.earlyReason, lateReason: app.lateReason,
      summary: app.summary, hearingNo: app.hearingNo, reheard: app.reheard, rectificationUsed: app.rectificationUsed, rectifyDueDate: app.rectifyDueDate, rectificationReport: app.rectificationReport,
      resubmittedAt: app.resubmittedAt?.toISOString() ?? null, outcome: app.outcome as AcceptanceDecision | null,
    } : null,
    returned: (await returnedApplicationsOf(db, projectId)).map((r) => ({ id: r.id, appliedAt: r.appliedAt.toISOString(), earlyReason: r.earlyReason, summary: r.summary, returnedAt: r.returnedAt!.toISOString(), returnReason: r.returnReason ?? '' })),
    indicators: (await indicatorsOf(db, projectId)).map((i) => ({ index: i.index, kind: i.kind, name: i.name, unit: i.unit, currentValue: i.currentValue, targetValue: i.targetValue, core: i.core })),
    panel: panel && commitment ? {
      id: panel.id, status: panel.status as 'committed' | 'drawn', committedAt: panel.committedAt.toISOString(), commitmentHash: panel.commitmentHash, sources: commitment.sources, size: panel.size,
      eligible: commitment.experts, cap: commitment.cap, inputHash: commitment.inputHash, poolHash: commitment.poolHash, drawnAt: panel.drawnAt?.toISOString() ?? null,
      seed: panel.seed, sourceValues: (panel.sourceValues as string[] | null) ?? null, observerInput: panel.observerInput, resultHash: (panel.publicRecord as { resultHash?: string } | null)?.resultHash ?? null,
      published: decisions.length > 0,
      members: (h?.members ?? []).map((m) => ({ id: m.id, name: nameOf.get(m.id)!, organisationName: officer ? m.organisationName : '', submitted: submittedIds.has(m.id) })),
      excluded: officer ? (panel.excluded as { name: string; reasons: string[] }[]).map((e) => ({ name: e.name, reasons: e.reasons })) : [],
    } : null,
    findings: (h?.findings ?? []).map((f) => ({
      ...f,
      verdicts: (h?.reviews ?? []).filter((r) => r.review.status === 'submitted').flatMap((r) => (r.review.verdicts as IndicatorVerdict[]).filter((v) => v.index === f.index).map((v) => ({ expertName: nameOf.get(r.member.id) ?? '', met: v.met, achievedValue: v.achievedValue, evidence: v.evidence }))),
    })),
    submittedReviews: h?.submitted ?? 0,
    rule: h?.rule ?? null,
    suggested: h?.suggested ?? null,
    decisions: decisions.map((d) => {
      const rule = d.rule as AcceptanceRule;
      return { id: d.id, hearingNo: d.hearingNo, decision: d.decision as AcceptanceDecision, ruleResult: rule.result as AcceptanceResult, corePercent: rule.corePercent, explanation: rule.explanation, overrideReason: d.overrideReason, basis: d.basis, fundsText: (d.funds as FundsConsequence).text, decidedAt: d.decidedAt.toISOString() };
    }),
    ledger: { undisbursedYuan: totals.undisbursedYuan, netPaidYuan: totals.netPaidYuan },
    actions,
  };
}

/** The panel draw as anyone may re-run it (review's public record format); values and pairs once a decision is recorded. */
export async function readPublicPanelDraw(db: Db, panelId: string): Promise<PublicDrawRecord> {
  const panel = await findPanel(db, panelId).catch(() => {
    throw acceptanceProblem('ACCEPTANCE_NOT_FOUND', '验收专家抽取记录不存在。');
  });
  const decided = await db.select({ id: acceptanceDecisions.id }).from(acceptanceDecisions).where(eq(acceptanceDecisions.applicationId, panel.applicationId)).limit(1);
  return panelPublicRecord(panel, decided.length > 0);
}

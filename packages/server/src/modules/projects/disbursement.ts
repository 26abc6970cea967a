/**
 * Disbursement (拨付) of one project: its schedule (the domain default until the officer edits it), each payment
 * a ledger `disburse` movement written in the same transaction as its record, the stage checks (阶段检查) that
 * release stage-check instalments, and the view the 资金 tab shows.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import {
  defaultDisbursementSchedule, formatWan, hasPermission, INSTALMENT_CONDITION_LABELS, instalmentState, isProjectClosed, minimumFirstInstalment, paidDateProblem, PAYABLE_PROJECT_STATES,
  PROJECT_STATE_LABELS, recoveryOverdue, scheduleProblems, shanghaiDayOf, STAGE_CHECK_RESULT_LABELS, stageChecksPassed,
  type DisburseRequest, type DisbursementFacts, type DisbursementView, type Instalment, type InstalmentCondition, type ProjectState, type RecoveryView, type ScheduleEditRequest, type StageCheckRequest, type StageCheckResult,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { commonProblem } from '../../http/problem.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { userSummaries } from '../accounts/service.js';
import { organisationProfiles } from '../organisations/service.js';
import { fundsProblem } from './funds-errors.js';
import { disbursementInstalments, disbursements, projectStageChecks } from './funds-schema.js';
import { assertNoIntegrityBlock } from './integrity-check.js';
import { projectLedger, recordProjectMovement, recoveriesOf, RECOVERY_REASON_LABELS, settleRecovery, type RecoveryReason } from './ledger.js';
import { readableProject, recordProjectEvent, type ProjectRow } from './lifecycle.js';
import { projectProblem } from './errors.js';
import { projectEvents } from './schema.js';
import { projectSettings } from './settings.js';

const RECOVERY_STATUS_LABELS: Record<string, string> = { open: '待缴回', settled: '已到账', waived: '已核销' };

/** The stored schedule, or the default one (not stored) while nobody has edited or paid it. */
export async function scheduleOf(db: Tx, project: ProjectRow): Promise<{ instalments: Instalment[]; edited: boolean }> {
  const rows = await db.select().from(disbursementInstalments).where(eq(disbursementInstalments.projectId, project.id)).orderBy(asc(disbursementInstalments.instalmentNo));
  if (rows.length > 0) return { instalments: rows.map((r) => ({ amountYuan: r.amountYuan, condition: r.condition as InstalmentCondition, note: r.note })), edited: true };
  const settings = await projectSettings(db, project);
  return { instalments: defaultDisbursementSchedule(project.approvedAmountYuan, settings), edited: false };
}

async function storeSchedule(tx: Tx, actor: Actor, projectId: string, instalments: readonly Instalment[]): Promise<void> {
  await tx.delete(disbursementInstalments).where(eq(disbursementInstalments.projectId, projectId));
  await tx.insert(disbursementInstalments).values(instalments.map((x, i) => ({ projectId, instalmentNo: i + 1, amountYuan: x.amountYuan, condition: x.condition, note: x.note, updatedBy: actor.id })));
}

async function paymentsOf(db: Tx, projectId: string) {
  return db.select().from(disbursements).where(eq(disbursements.projectId, projectId)).orderBy(asc(disbursements.instalmentNo));
}

async function stageChecksOf(db: Tx, projectId: string) {
  return db.select().from(projectStageChecks).where(eq(projectStageChecks.projectId, projectId)).orderBy(asc(projectStageChecks.checkedDate), asc(projectStageChecks.recordedAt));
}

async function factsOf(db: Tx, project: ProjectRow, paid: readonly { instalmentNo: number }[]): Promise<DisbursementFacts> {
  const settings = await projectSettings(db, project);
  const [mid] = await db.select({ n: count() }).from(projectEvents).where(and(eq(projectEvents.projectId, project.id), eq(projectEvents.kind, 'state.midtermPass')));
  const [checks] = await db.select({ n: count() }).from(projectStageChecks).where(and(eq(projectStageChecks.projectId, project.id), eq(projectStageChecks.result, 'pass')));
  return {
    state: project.state as ProjectState,
    midtermRequired: project.approvedAmountYuan >= settings.midtermMandatoryFromYuan,
    midtermPasses: Number(mid?.n ?? 0),
    stageCheckPasses: Number(checks?.n ?? 0),
    paid: new Set(paid.map((p) => p.instalmentNo)),
  };
}

export function presentRecovery(r: Awaited<ReturnType<typeof recoveriesOf>>[number], today: string): RecoveryView {
  return {
    id: r.id, reason: r.reason, reasonLabel: RECOVERY_REASON_LABELS[r.reason as RecoveryReason] ?? r.reason, amountYuan: r.amountYuan, dueDate: r.dueDate, status: r.status,
    statusLabel: RECOVERY_STATUS_LABELS[r.status] ?? r.status, overdue: recoveryOverdue(r, today), basis: r.basis, orderedAt: r.orderedAt.toISOString(), settledAt: r.settledAt?.toISOString() ?? null,
  };
}

async function presentDisbursement(db: Tx, auth: AuthContext, project: ProjectRow, now = new Date()): Promise<DisbursementView> {
  const settings = await projectSettings(db, project);
  const schedule = await scheduleOf(db, project);
  const payments = await paymentsOf(db, project.id);
  const facts = await factsOf(db, project, payments);
  const checks = await stageChecksOf(db, project.id);
  const ledger = await projectLedger(db, project.id);
  const recoveries = await recoveriesOf(db, project.id);
  const names = new Map((await userSummaries(db, [...new Set([...payments.map((p) => p.recordedBy), ...checks.map((c) => c.recordedBy)].filter((x): x is string => !!x))])).map((u) => [u.id, u.name]));
  const byNo = new Map(payments.map((p) => [p.instalmentNo, p]));
  const scheduledYuan = schedule.instalments.reduce((s, x) => s + x.amountYuan, 0);
  const paidYuan = payments.reduce((s, p) => s + p.amountYuan, 0);
  const today = shanghaiDayOf(now);
  return {
    projectId: project.id,
    state: project.state as ProjectState,
    fiscalYuan: project.approvedAmountYuan,
    committedYuan: ledger.committedYuan,
    disbursedYuan: ledger.disbursedYuan,
    undisbursedYuan: ledger.undisbursedYuan,
    netPaidYuan: ledger.netPaidYuan,
    minFirstPercent: settings.firstInstalmentMinPercent,
    minFirstYuan: minimumFirstInstalment(project.approvedAmountYuan, settings.firstInstalmentMinPercent),
    midtermRequired: facts.midtermRequired,
    midtermMandatoryFromYuan: settings.midtermMandatoryFromYuan,
    edited: schedule.edited,
    stageChecksPassed: stageChecksPassed(facts),
    scheduledYuan,
    paidYuan,
    openYuan: scheduledYuan - paidYuan,
    instalments: schedule.instalments.map((x, i) => {
      const st = instalmentState(schedule.instalments, i + 1, facts);
      const p = byNo.get(i + 1);
      return {
        instalmentNo: i + 1, amountYuan: x.amountYuan, condition: x.condition, conditionLabel: INSTALMENT_CONDITION_LABELS[x.condition], note: x.note, status: st.status,
        statusText: p ? `已于 ${p.paidDate} 拨付（凭证 ${p.voucherNo}）` : st.text,
        payment: p ? { id: p.id, voucherNo: p.voucherNo, paidDate: p.paidDate, amountYuan: p.amountYuan, entryId: p.entryId, recordedBy: p.recordedBy ? (names.get(p.recordedBy) ?? null) : null, recordedAt: p.recordedAt.toISOString() } : null,
      };
    }),
    stageChecks: checks.map((c) => ({ id: c.id, result: c.result as StageCheckResult, resultLabel: STAGE_CHECK_RESULT_LABELS[c.result as StageCheckResult] ?? c.result, basis: c.basis, checkedDate: c.checkedDate, recordedBy: c.recordedBy ? (names.get(c.recordedBy) ?? null) : null, recordedAt: c.recordedAt.toISOString() })),
    recoveries: recoveries.map((r) => presentRecovery(r, today)),
    canManage: hasPermission(auth.roles, 'project.manage'),
  };
}

export async function readDisbursement(db: Tx, auth: AuthContext, projectId: string): Promise<DisbursementView> {
  return presentDisbursement(db, auth, await readableProject(db, auth, projectId));
}

const scheduleText = (xs: readonly Instalment[]) => xs.map((x, i) => `第${i + 1}期 ${formatWan(x.amountYuan)}（${INSTALMENT_CONDITION_LABELS[x.condition]}）`).join('、');

/** The officer edits the schedule: checked by the domain (sum = fiscal amount, first ≥ minimum, paid instalments unchanged). */
export async function editSchedule(tx: Tx, auth: AuthContext, actor: Actor, projectId: string, input: ScheduleEditRequest): Promise<DisbursementView> {
  const project = await readableProject(tx, auth, projectId, { forUpdate: true });
  if (isProjectClosed(project.state as ProjectState)) {
    throw projectProblem('PROJECT_STATE_REFUSED', `项目${PROJECT_STATE_LABELS[project.state as ProjectState]}，拨付计划不能再调整。`, undefined, { state: project.state });
  }
  const settings = await projectSettings(tx, project);
  const before = await scheduleOf(tx, project);
  const paid = (await paymentsOf(tx, project.id)).map((p) => ({ instalmentNo: p.instalmentNo, amountYuan: p.amountYuan, condition: before.instalments[p.instalmentNo - 1]?.condition ?? 'signed' }));
  const instalments: Instalment[] = input.instalments.map((x) => ({ amountYuan: x.amountYuan, condition: x.condition, note: x.note }));
  const problems = scheduleProblems(instalments, { fiscalYuan: project.approvedAmountYuan, minPercent: settings.firstInstalmentMinPercent, paid });
  if (problems.length > 0) throw fundsProblem('DISBURSEMENT_SCHEDULE_INVALID', `${problems.map((p) => p.message).join('；')}。`, problems);
  await storeSchedule(tx, actor, project.id, instalments);
  await recordProjectEvent(tx, actor, project.id, { kind: 'disbursement.schedule', summary: `调整拨付计划：${scheduleText(instalments)}；理由：${input.reason}`, detail: { before: before.instalments, after: instalments, reason: input.reason } });
  await recordAudit(tx, actor, { action: 'project.disbursement.schedule', entityType: 'project', entityId: project.id, changes: { schedule: { before: before.instalments, after: instalments } }, detail: { reason: input.reason } });
  return presentDisbursement(tx, auth, project);
}

/**
 * 拨付 one instalment: the project runs (PAYABLE_PROJECT_STATES), the instalment's condition is met and the ones
 * before it are paid, no integrity record blocks the unit or the leader; then the ledger movement (never beyond
 * the commitment) and the payment record, in this one transaction.
 */
export async function payInstalment(tx: Tx, auth: AuthContext, actor: Actor, projectId: string, input: DisburseRequest, now = new Date()): Promise<DisbursementView> {
  const project = await readableProject(tx, auth, projectId, { forUpdate: true });
  const state = project.state as ProjectState;
  if (!PAYABLE_PROJECT_STATES.includes(state)) {
    const why = isProjectClosed(state) ? `项目${PROJECT_STATE_LABELS[state]}，停止拨付。` : `项目当前为「${PROJECT_STATE_LABELS[state]}」，任务书签订生效后才能拨付。`;
    throw projectProblem('PROJECT_STATE_REFUSED', why, undefined, { state, requiredStates: PAYABLE_PROJECT_STATES });
  }
  const schedule = await scheduleOf(tx, project);
  const payments = await paymentsOf(tx, project.id);
  const facts = await factsOf(tx, project, payments);
  const no = input.instalmentNo;
  const x = schedule.instalments[no - 1];
  if (!x) throw fundsProblem('DISBURSEMENT_REFUSED', `拨付计划只有${schedule.instalments.length}期，没有第${no}期。`, [{ field: 'instalmentNo', message: '期次无效' }]);
  const st = instalmentState(schedule.instalments, no, facts);
  if (st.status !== 'payable') throw fundsProblem('DISBURSEMENT_REFUSED', `第${no}期（${formatWan(x.amountYuan)}，${INSTALMENT_CONDITION_LABELS[x.condition]}）不能拨付：${st.text}。`, [{ field: 'instalmentNo', message: st.text }], { status: st.status });
  const dateProblem = paidDateProblem(input.paidDate, shanghaiDayOf(now), shanghaiDayOf(project.approvedAt));
  if (dateProblem) throw commonProblem('VALIDATION_FAILED', `${dateProblem}。`, [{ field: 'paidDate', message: dateProblem }]);
  const [taken] = await tx.select({ id: disbursements.id }).from(disbursements).where(eq(disbursements.voucherNo, input.voucherNo));
  if (taken) throw fundsProblem('DISBURSEMENT_VOUCHER_TAKEN', `凭证号「${input.voucherNo}」已用于另一笔拨付。`, [{ field: 'voucherNo', message: '凭证号已使用' }]);
  const [org] = await organisationProfiles(tx, [project.organisationId]);
  await assertNoIntegrityBlock(tx, 'disburse', [{ kind: 'organisation', key: org?.creditCode ?? '' }, { kind: 'person', key: project.leaderIdNumber ?? '' }], now);
  if (!schedule.edited) await storeSchedule(tx, actor, project.id, schedule.instalments);
  const entryId = await recordProjectMovement(tx, actor, project, {
    kind: 'disburse', amountYuan: x.amountYuan, note: `第${no}期拨付（${INSTALMENT_CONDITION_LABELS[x.condition]}），凭证 ${input.voucherNo}，拨付日期 ${input.paidDate}${input.note ? `，${input.note}` : ''}`,
    detail: { instalmentNo: no, voucherNo: input.voucherNo, paidDate: input.paidDate },
  });
  const id = randomUUID();
  await tx.insert(disbursements).values({ id, projectId: project.id, instalmentNo: no, amountYuan: x.amountYuan, voucherNo: input.voucherNo, paidDate: input.paidDate, entryId, note: input.note, recordedBy: actor.id, recordedAt: now });
  await recordAudit(tx, actor, { action: 'project.disbursement.pay', entityType: 'disbursement', entityId: id, detail: { projectId: project.id, instalmentNo: no, amountYuan: x.amountYuan, voucherNo: input.voucherNo, paidDate: input.paidDate, entryId } });
  return presentDisbursement(tx, auth, project, now);
}

/** States a stage check may be recorded in: while the project is being carried out. */
const STAGE_CHECK_STATES: readonly ProjectState[] = ['executing', 'rectifying'];

/** 阶段检查 by the officer, for projects below the mid-term threshold (a mid-term 合格 is their stage check otherwise). */
export async function recordStageCheck(tx: Tx, auth: AuthContext, actor: Actor, projectId: string, input: StageCheckRequest, now = new Date()): Promise<DisbursementView> {
  const project = await readableProject(tx, auth, projectId, { forUpdate: true });
  const state = project.state as ProjectState;
  if (!STAGE_CHECK_STATES.includes(state)) {
    throw projectProblem('PROJECT_STATE_REFUSED', `项目当前为「${PROJECT_STATE_LABELS[state]}」，不能记录阶段检查（须为：${STAGE_CHECK_STATES.map((s) => PROJECT_STATE_LABELS[s]).join('、')}）。`, undefined, { state });
  }
  const settings = await projectSettings(tx, project);
  if (project.approvedAmountYuan >= settings.midtermMandatoryFromYuan) {
    throw fundsProblem('STAGE_CHECK_REFUSED', `本项目财政经费 ${formatWan(project.approvedAmountYuan)}，达到须中期检查的金额（${formatWan(settings.midtermMandatoryFromYuan)}），以中期检查结论作为阶段检查，不另行记录。`);
  }
  const dateProblem = paidDateProblem(input.checkedDate, shanghaiDayOf(now), shanghaiDayOf(project.approvedAt));
  if (dateProblem) {
    const text = dateProblem.replace('拨付日期', '检查日期');
    throw commonProblem('VALIDATION_FAILED', `${text}。`, [{ field: 'checkedDate', message: text }]);
  }
  const id = randomUUID();
  await tx.insert(projectStageChecks).values({ id, projectId: project.id, result: input.result, basis: input.basis, checkedDate: input.checkedDate, recordedBy: actor.id, recordedAt: now });
  await recordProjectEvent(tx, actor, project.id, { kind: 'stageCheck.recorded', summary: `阶段检查${STAGE_CHECK_RESULT_LABELS[input.result]}（${input.checkedDate}）：${input.basis}`, detail: { stageCheckId: id, result: input.result, checkedDate: input.checkedDate }, at: now });
  await recordAudit(tx, actor, { action: 'project.stageCheck.record', entityType: 'projectStageCheck', entityId: id, detail: { projectId: project.id, result: input.result, basis: input.basis, checkedDate: input.checkedDate } });
  return presentDisbursement(tx, auth, project, now);
}

/** The unit's repayment of an ordered recovery arrived: the foundation's settleRecovery (repay movement + order settled). */
export async function settleProjectRecovery(tx: Tx, auth: AuthContext, actor: Actor, projectId: string, recoveryId: string, now = new Date()): Promise<DisbursementView> {
  const project = await readableProject(tx, auth, projectId, { forUpdate: true });
  const mine = (await recoveriesOf(tx, project.id)).find((r) => r.id === recoveryId);
  if (!mine) throw fundsProblem('RECOVERY_NOT_FOUND');
  await settleRecovery(tx, actor, project, recoveryId, now);
  return presentDisbursement(tx, auth, project, now);
}

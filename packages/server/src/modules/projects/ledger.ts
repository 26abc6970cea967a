/**
 * A project's money: every movement is an entry of its programme-year ledger (BL-4) tagged with the project, so
 * the project's view and the programme-year's reconcile to the 元. Recoveries (追回) release the undisbursed
 * commitment at once (`return`) and order the unit to pay back what it holds (`repay` when it arrives).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { addDays, formatWan, projectLedgerTotals, shanghaiDayOf, type BudgetEntryKind, type ProjectLedgerTotals } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { entriesOfProject, recordBudgetEntryInTx } from '../programmes/budget.js';
import { projectProblem } from './errors.js';
import { recordProjectEvent, type ProjectRow } from './lifecycle.js';
import { projectRecoveries } from './schema.js';
import { projectSettings } from './settings.js';

export interface ProjectMovement {
  id: string;
  kind: BudgetEntryKind;
  amountYuan: number;
  note: string;
  createdAt: string;
}

export async function projectMovements(db: Tx, projectId: string): Promise<ProjectMovement[]> {
  const rows = await entriesOfProject(db, projectId);
  return rows.map((r) => ({ id: r.id, kind: r.kind as BudgetEntryKind, amountYuan: r.amountYuan, note: r.note, createdAt: r.createdAt.toISOString() }));
}

export async function projectLedger(db: Tx, projectId: string): Promise<ProjectLedgerTotals & { movements: ProjectMovement[] }> {
  const movements = await projectMovements(db, projectId);
  return { ...projectLedgerTotals(movements), movements };
}

const KIND_SUMMARY: Record<Exclude<BudgetEntryKind, 'budget' | 'commit'>, string> = { disburse: '拨付', return: '收回未拨付承诺', repay: '退回已拨付资金' };

/**
 * One movement of the project's money, checked against the project's own commitment (never beyond it) and
 * then by the programme-year ledger's rules, with its timeline and audit events. Returns the entry id.
 */
export async function recordProjectMovement(tx: Tx, actor: Actor, project: ProjectRow, input: { kind: 'disburse' | 'return' | 'repay'; amountYuan: number; note: string; detail?: Record<string, unknown> }): Promise<string> {
  const totals = projectLedgerTotals(await projectMovements(tx, project.id));
  const room = input.kind === 'repay' ? totals.netPaidYuan : totals.undisbursedYuan;
  if (!Number.isSafeInteger(input.amountYuan) || input.amountYuan <= 0) {
    throw projectProblem('PROJECT_LEDGER_REFUSED', '金额须为大于0的整数元。', [{ field: 'amountYuan', message: '金额须为大于0的整数元' }]);
  }
  if (input.amountYuan > room) {
    const what = input.kind === 'repay' ? `已拨付（扣除已退回）${formatWan(room)}` : `尚未拨付的承诺 ${formatWan(room)}`;
    throw projectProblem('PROJECT_LEDGER_REFUSED', `项目${project.projectNo}${what}，不能${KIND_SUMMARY[input.kind]} ${formatWan(input.amountYuan)}。`, [{ field: 'amountYuan', message: `不能超过 ${formatWan(room)}` }], { roomYuan: room });
  }
  const entryId = await recordBudgetEntryInTx(tx, actor, project.programmeCode, project.budgetYear, { kind: input.kind, amountYuan: input.amountYuan, reference: `project:${project.projectNo}`, note: input.note, projectId: project.id });
  await recordProjectEvent(tx, actor, project.id, { kind: `ledger.${input.kind}`, summary: `${KIND_SUMMARY[input.kind]} ${formatWan(input.amountYuan)}：${input.note}`, detail: { entryId, amountYuan: input.amountYuan, ...input.detail } });
  await recordAudit(tx, actor, { action: 'project.movement', entityType: 'project', entityId: project.id, detail: { kind: input.kind, amountYuan: input.amountYuan, entryId, note: input.note } });
  return entryId;
}

export const RECOVERY_REASONS = ['terminate', 'revoke', 'acceptanceFail', 'acceptanceSurplus'] as const;
export type RecoveryReason = (typeof RECOVERY_REASONS)[number];
export const RECOVERY_REASON_LABELS: Record<RecoveryReason, string> = { terminate: '项目终止', revoke: '项目撤销', acceptanceFail: '验收不通过', acceptanceSurplus: '验收结余资金' };

export interface RecoveryOrder {
  releasedYuan: number;
  recoveryId: string | null;
  owedYuan: number;
  dueDate: string | null;
}

/**
 * Stops the project's money: releases the whole undisbursed commitment (`return`, so the funding plan can give it
 * to the next candidate) and orders `owedYuan` of what was paid to be paid back by the deadline (settings'
 * recoveryDueDays). Revocation owes everything paid; termination and failure owe the unspent part the officer
 * determined. Both are recorded in the caller's transaction.
 */
export async function orderRecovery(tx: Tx, actor: Actor, project: ProjectRow, input: { reason: RecoveryReason; owedYuan: number; basis: string; now?: Date }): Promise<RecoveryOrder> {
  const now = input.now ?? new Date();
  const totals = projectLedgerTotals(await projectMovements(tx, project.id));
  const owed = input.reason === 'revoke' ? totals.netPaidYuan : input.owedYuan;
  if (!Number.isSafeInteger(owed) || owed < 0 || owed > totals.netPaidYuan) {
    throw projectProblem('PROJECT_LEDGER_REFUSED', `应退回金额须在 0 至已拨付（扣除已退回）${formatWan(totals.netPaidYuan)} 之间。`, [{ field: 'owedYuan', message: `不能超过 ${formatWan(totals.netPaidYuan)}` }]);
  }
  const label = RECOVERY_REASON_LABELS[input.reason];
  if (totals.undisbursedYuan > 0) {
    await recordProjectMovement(tx, actor, project, { kind: 'return', amountYuan: totals.undisbursedYuan, note: `${label}，收回未拨付承诺`, detail: { reason: input.reason } });
  }
  let recoveryId: string | null = null;
  let dueDate: string | null = null;
  if (owed > 0) {
    const settings = await projectSettings(tx, project);
    dueDate = addDays(shanghaiDayOf(now), settings.recoveryDueDays);
    recoveryId = randomUUID();
    await tx.insert(projectRecoveries).values({ id: recoveryId, projectId: project.id, reason: input.reason, amountYuan: owed, dueDate, status: 'open', basis: input.basis, orderedBy: actor.id, orderedAt: now });
    await recordProjectEvent(tx, actor, project.id, { kind: 'recovery.ordered', summary: `${label}：责令退回已拨付资金 ${formatWan(owed)}，缴回期限 ${dueDate}`, detail: { recoveryId, amountYuan: owed, dueDate } });
    await recordAudit(tx, actor, { action: 'project.recovery.order', entityType: 'projectRecovery', entityId: recoveryId, detail: { projectId: project.id, reason: input.reason, amountYuan: owed, dueDate, basis: input.basis } });
  }
  return { releasedYuan: totals.undisbursedYuan, recoveryId, owedYuan: owed, dueDate };
}

/** The unit paid an ordered recovery back: the `repay` movement and the order settled, in one transaction. */
export async function settleRecovery(tx: Tx, actor: Actor, project: ProjectRow, recoveryId: string, now = new Date()): Promise<string> {
  const [order] = await tx.select().from(projectRecoveries).where(and(eq(projectRecoveries.id, recoveryId), eq(projectRecoveries.projectId, project.id))).for('update');
  if (!order) throw projectProblem('PROJECT_NOT_FOUND', '收回记录不存在。');
  if (order.status !== 'open') throw projectProblem('PROJECT_STATE_REFUSED', '该笔收回已办结。');
  const entryId = await recordProjectMovement(tx, actor, project, { kind: 'repay', amountYuan: order.amountYuan, note: `${RECOVERY_REASON_LABELS[order.reason as RecoveryReason] ?? order.reason}，退回资金到账`, detail: { recoveryId } });
  await tx.update(projectRecoveries).set({ status: 'settled', settledAt: now, settledEntryId: entryId }).where(eq(projectRecoveries.id, recoveryId));
  await recordAudit(tx, actor, { action: 'project.recovery.settle', entityType: 'projectRecovery', entityId: recoveryId, detail: { projectId: project.id, entryId, amountYuan: order.amountYuan } });
  return entryId;
}

export async function recoveriesOf(db: Tx, projectId: string) {
  return db.select().from(projectRecoveries).where(eq(projectRecoveries.projectId, projectId)).orderBy(asc(projectRecoveries.orderedAt));
}

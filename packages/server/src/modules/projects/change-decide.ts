/**
 * Deciding a change (审批项目变更): the approver named by the table approves or rejects it with reasons. An
 * approval (or a filing, which needs none) writes the supplementary task book and, in the same transaction, every
 * effect on the project: an extension moves the effective end date and names each deadline that moves with it;
 * a leader change replaces the leader; a unit change moves the project to the new organisation.
 */
import { eq } from 'drizzle-orm';
import {
  applyChange, CHANGE_APPROVER_PERMISSION, CHANGE_TYPE_LABELS, effectiveEndDate, hasPermission, movedDeadlines, movedDeadlinesText, validateChange,
  type Change, type ChangeApprover,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { CHANGE_STATES, changeContext, changeFacts, changeOf, findChange, shanghaiDay, type ChangeFacts, type ChangeRow } from './change-context.js';
import { projectChanges } from './changes-schema.js';
import { changeProblem } from './changes-errors.js';
import { readableProject, recordProjectEvent, requireProjectState, type ProjectRow } from './lifecycle.js';
import { projects } from './schema.js';
import { draftTaskBookSupplement } from './task-book-edit.js';

/**
 * Writes the supplement and the project's own effects of an approved or filed change; returns what the change
 * row keeps (the supplement and the effects shown with the decision).
 */
export async function carryOutChange(tx: Tx, actor: Actor, project: ProjectRow, row: Pick<ChangeRow, 'id' | 'seq'>, change: Change, facts: ChangeFacts, organisationId: string | null, at: Date): Promise<{ supplementVersionId: string; effects: Record<string, unknown> }> {
  const label = CHANGE_TYPE_LABELS[change.type];
  // The supplement carries what this approved change allows it to differ in, so the task book's freeze check
  // (indicators never lower, content never shrinks, NB-2's period) lets exactly this change through.
  const supplement = await draftTaskBookSupplement(tx, actor, project.id, {
    content: applyChange(facts.base!, change),
    changeId: row.id,
    allowed: { indicators: change.type === 'indicators', content: change.type === 'content', period: change.type === 'extension' },
    summary: `变更第${row.seq}号（${label}）生成补充任务书草稿，待各方签署`,
  });
  const effects: Record<string, unknown> = {};
  if (change.type === 'extension') {
    const before = project.effectiveEndDate ?? project.endDate!;
    const after = effectiveEndDate(project.endDate ?? before, [...facts.approvedExtensionMonths, change.payload.months]);
    const moved = movedDeadlines(project.startDate, before, after, facts.settings);
    await tx.update(projects).set({ effectiveEndDate: after, updatedAt: at }).where(eq(projects.id, project.id));
    await recordProjectEvent(tx, actor, project.id, { kind: 'change.extension', at, summary: `延期${change.payload.months}个月生效，随有效结束日期移动的期限：${movedDeadlinesText(moved)}`, detail: { changeId: row.id, months: change.payload.months, movedDeadlines: moved } });
    effects.movedDeadlines = moved;
    effects.effectiveEnd = { before, after };
  } else if (change.type === 'leader') {
    effects.leaderBefore = project.leaderName;
    await tx.update(projects).set({ leaderName: change.payload.name, leaderIdNumber: change.payload.idNumber.toUpperCase(), updatedAt: at }).where(eq(projects.id, project.id));
  } else if (change.type === 'undertaker') {
    if (!organisationId) throw changeProblem('CHANGE_REFUSED', `统一社会信用代码 ${change.payload.creditCode} 不是平台已注册单位。`);
    effects.organisationBefore = project.organisationId;
    await tx.update(projects).set({ organisationId, updatedAt: at }).where(eq(projects.id, project.id));
  }
  return { supplementVersionId: supplement.id, effects };
}

/** May this caller decide a change routed to `approver` on this project? */
export function mayDecide(auth: AuthContext, project: Pick<ProjectRow, 'organisationId'>, approver: ChangeApprover): boolean {
  if (approver === 'none') return false;
  if (!hasPermission(auth.roles, CHANGE_APPROVER_PERMISSION[approver])) return false;
  return approver === 'bureau' || (auth.user.organisationId !== null && auth.user.organisationId === project.organisationId);
}

export async function decideChange(db: Db, auth: AuthContext, actor: Actor, projectId: string, changeId: string, decision: 'approve' | 'reject', reasons: string, now = new Date()): Promise<ChangeRow> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    const row = await findChange(tx, project.id, changeId, { forUpdate: true });
    const approver = row.approver as ChangeApprover;
    if (!mayDecide(auth, project, approver)) {
      throw changeProblem('CHANGE_NOT_APPROVER', approver === 'unit' ? '此变更由承担单位管理员审批（报科技局备案）。' : approver === 'bureau' ? '此变更须科技局审批。' : '此变更为备案事项，无需审批。');
    }
    if (row.status !== 'submitted') throw changeProblem('CHANGE_NOT_PENDING', `变更第${row.seq}号已办结，不能再审批。`);
    if (row.requestedBy === auth.user.id) throw changeProblem('CHANGE_OWN_REQUEST');
    const label = CHANGE_TYPE_LABELS[row.type as Change['type']];
    let set: Partial<ChangeRow> = { status: decision === 'approve' ? 'approved' : 'rejected', decisionReasons: reasons, decidedBy: auth.user.id, decidedAt: now };
    let approval: { facts: ChangeFacts; change: Change; organisationId: string | null } | null = null;
    if (decision === 'approve') {
      requireProjectState(project, CHANGE_STATES, '批准变更');
      const facts = await changeFacts(tx, project);
      const { ctx, change, organisationId } = await changeContext(tx, project, facts, changeOf(row), shanghaiDay(now), true);
      const problems = validateChange(ctx, change);
      if (problems.length) throw changeProblem('CHANGE_REFUSED', `不能批准：${problems.join('；')}`, problems.map((message) => ({ field: 'payload', message })), { problems });
      approval = { facts, change, organisationId };
    }
    // The decision first on the timeline, then what it moved.
    await recordProjectEvent(tx, actor, project.id, { kind: `change.${decision === 'approve' ? 'approved' : 'rejected'}`, at: now, summary: `变更第${row.seq}号（${label}）${decision === 'approve' ? '获批准' : '未获批准'}：${reasons}`, detail: { changeId: row.id, type: row.type } });
    if (approval) set = { ...set, ...(await carryOutChange(tx, actor, project, row, approval.change, approval.facts, approval.organisationId, new Date(now.getTime() + 1))) };
    const [updated] = await tx.update(projectChanges).set(set).where(eq(projectChanges.id, row.id)).returning();
    await recordAudit(tx, actor, { action: 'project.change.decide', entityType: 'projectChange', entityId: row.id, changes: { status: { before: row.status, after: updated!.status } }, detail: { projectId: project.id, type: row.type, decision, reasons, supplementVersionId: updated!.supplementVersionId } });
    return updated!;
  });
}

/**
 * Requesting a change (提出项目变更) for the undertaking unit, and withdrawing it. The request is judged at once
 * (deadline, count, registered unit …, every problem in Chinese) and routed by the table: to the bureau, to the
 * unit admin, or filed (备案) on the spot — a filing writes its supplementary task book in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import { CHANGE_APPROVER_LABELS, CHANGE_TYPE_LABELS, changeApprover, hasPermission, validateChange, type ChangeRequest } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { CHANGE_STATES, changeContext, changeFacts, findChange, isUndertaker, shanghaiDay, type ChangeRow } from './change-context.js';
import { carryOutChange } from './change-decide.js';
import { projectChanges } from './changes-schema.js';
import { changeProblem } from './changes-errors.js';
import { readableProject, recordProjectEvent, requireProjectState } from './lifecycle.js';

export async function requestChange(db: Db, auth: AuthContext, actor: Actor, projectId: string, input: ChangeRequest, now = new Date()): Promise<ChangeRow> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    if (!isUndertaker(auth, project)) throw changeProblem('CHANGE_NOT_REQUESTER', '只有本项目承担单位的申报人或单位管理员可以提出变更。');
    requireProjectState(project, CHANGE_STATES, '提出变更');
    const facts = await changeFacts(tx, project);
    const today = shanghaiDay(now);
    const { ctx, change, organisationId } = await changeContext(tx, project, facts, { type: input.type, payload: input.payload } as never, today, false);
    const problems = validateChange(ctx, change);
    if (problems.length) throw changeProblem('CHANGE_REFUSED', problems.join('；'), problems.map((message) => ({ field: 'payload', message })), { problems });
    const [pending] = await tx.select({ seq: projectChanges.seq }).from(projectChanges).where(and(eq(projectChanges.projectId, project.id), eq(projectChanges.type, change.type), eq(projectChanges.status, 'submitted')));
    if (pending) throw changeProblem('CHANGE_PENDING', `变更第${pending.seq}号（${CHANGE_TYPE_LABELS[change.type]}）尚待审批，审批或撤回后才能再次申请。`);
    const route = changeApprover(change, facts.base!);
    const [{ n }] = (await tx.select({ n: max(projectChanges.seq) }).from(projectChanges).where(eq(projectChanges.projectId, project.id))) as [{ n: number | null }];
    const seq = (n ?? 0) + 1;
    const filed = route.approver === 'none';
    // A change filed with the unit, asked for by the unit admin: the request is the unit's approval (报局备案).
    const unitOwn = route.approver === 'unit' && hasPermission(auth.roles, 'project.unitApprove');
    const done = filed || unitOwn;
    const id = randomUUID();
    const label = CHANGE_TYPE_LABELS[change.type];
    await tx.insert(projectChanges).values({
      id, projectId: project.id, seq, type: change.type, status: filed ? 'filed' : unitOwn ? 'approved' : 'submitted', approver: route.approver, routeReasons: route.why, payload: change.payload,
      reason: input.reason, requestedBy: auth.user.id, requestedAt: now, requestedOn: today,
      ...(filed ? { decidedAt: now, decisionReasons: '方向不变且考核指标不降低，予以备案' } : {}),
      ...(unitOwn ? { decidedAt: now, decidedBy: auth.user.id, decisionReasons: '承担单位管理员提出，即为单位审批同意（报科技局备案）' } : {}),
    });
    await recordProjectEvent(tx, actor, project.id, {
      kind: filed ? 'change.filed' : unitOwn ? 'change.approved' : 'change.requested', at: now,
      summary: filed ? `变更第${seq}号（${label}）已备案：${input.reason}`
        : unitOwn ? `变更第${seq}号（${label}）由承担单位管理员提出并经单位审批同意（报科技局备案）：${input.reason}`
          : `提出变更第${seq}号（${label}），${CHANGE_APPROVER_LABELS[route.approver]}：${input.reason}`,
      detail: { changeId: id, type: change.type, approver: route.approver, routeReasons: route.why },
    });
    if (done) {
      const effects = await carryOutChange(tx, actor, project, { id, seq }, change, facts, organisationId, new Date(now.getTime() + 1));
      await tx.update(projectChanges).set(effects).where(eq(projectChanges.id, id));
    }
    await recordAudit(tx, actor, { action: 'project.change.request', entityType: 'projectChange', entityId: id, detail: { projectId: project.id, seq, type: change.type, approver: route.approver, filed, unitOwn, payload: change.payload, reason: input.reason } });
    return findChange(tx, project.id, id);
  });
}

export async function withdrawChange(db: Db, auth: AuthContext, actor: Actor, projectId: string, changeId: string, reason: string, now = new Date()): Promise<ChangeRow> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    const row = await findChange(tx, project.id, changeId, { forUpdate: true });
    if (!isUndertaker(auth, project)) throw changeProblem('CHANGE_NOT_REQUESTER', '只有本项目承担单位可以撤回变更。');
    if (row.status !== 'submitted') throw changeProblem('CHANGE_NOT_PENDING', `变更第${row.seq}号已办结，不能撤回。`);
    const [updated] = await tx.update(projectChanges).set({ status: 'withdrawn', decisionReasons: reason || null, decidedBy: auth.user.id, decidedAt: now }).where(eq(projectChanges.id, row.id)).returning();
    await recordProjectEvent(tx, actor, project.id, { kind: 'change.withdrawn', at: now, summary: `撤回变更第${row.seq}号（${CHANGE_TYPE_LABELS[row.type as keyof typeof CHANGE_TYPE_LABELS]}）${reason ? `：${reason}` : ''}`, detail: { changeId: row.id } });
    await recordAudit(tx, actor, { action: 'project.change.withdraw', entityType: 'projectChange', entityId: row.id, changes: { status: { before: 'submitted', after: 'withdrawn' } }, detail: { projectId: project.id, reason } });
    return updated!;
  });
}

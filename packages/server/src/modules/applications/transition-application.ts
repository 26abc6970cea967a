/**
 * The chain's other actions: 撤回 (withdraw), 单位审核 (endorse), 推荐 (recommend), 受理 (accept) and 退回
 * (return, with reasons each beside a section or field). One transaction with its audit event each.
 */
import { eq } from 'drizzle-orm';
import { applicationIntegritySubjects, applicationNotifications, authoriseApplicationEvent, type ApplicationContent, type ApplicationEvent, type ApplicationState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { assertNoIntegrityBlock } from '../projects/integrity-check.js';
import { visibleApplication } from './access.js';
import { loadCallContext, loadLead, workflowCall } from './call-context.js';
import { assertDuplicateCheckDone } from './duplicate-check.js';
import { applicationProblem } from './errors.js';
import { assertFormalReviewPassed } from './formal-review.js';
import { applications } from './schema.js';

export type ChainEvent = Extract<ApplicationEvent, 'withdraw' | 'endorse' | 'recommend' | 'accept' | 'return'>;

export interface ReturnReason {
  /** The section key or dotted field path the reason belongs beside, e.g. 'sections.plan.goals', 'budget.lines'. */
  field: string;
  reason: string;
}

/** What a message about the application says: its number and title, never its content. */
export function notificationPayload(row: { id: string; applicationNo: string; content: unknown }, reasons?: number) {
  const title = (row.content as ApplicationContent).basic?.title?.trim() || '未命名项目';
  return { applicationId: row.id, applicationNo: row.applicationNo, title, ...(reasons ? { reasons } : {}) };
}

export async function transitionApplication(db: Db, auth: AuthContext, actor: Actor, id: string, event: ChainEvent, input: { reasons?: ReturnReason[] | undefined; comment?: string | undefined }, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    const ctx = await loadCallContext(tx, row.callId, now);
    const r = authoriseApplicationEvent(row.state as ApplicationState, event, auth.roles, { now, call: workflowCall(ctx.call) });
    if (!r.ok) throw r.reason.startsWith('只有') ? applicationProblem('ACTION_FORBIDDEN', r.reason) : applicationProblem('TRANSITION_REFUSED', r.reason);
    // The applicant side and the unit admin act only on their own organisation's applications.
    if ((r.actor === 'applicant' || r.actor === 'unitAdmin') && row.organisationId !== auth.user.organisationId) throw applicationProblem('ACTION_FORBIDDEN');
    // 科研失信: recommendation and acceptance are checked again (a record may have been made since submission).
    if (event === 'recommend' || event === 'accept') {
      const lead = await loadLead(tx, row);
      await assertNoIntegrityBlock(tx, event, applicationIntegritySubjects(row.content as ApplicationContent, lead.creditCode), now);
    }
    // 形式审查 weighs the 查重 result (BL-9): no acceptance before the submitted version's check has finished.
    if (event === 'accept') {
      await assertDuplicateCheckDone(tx, row);
      // 形式审查: every item of the call's checklist recorded pass; a failed item means a return instead.
      await assertFormalReviewPassed(tx, row, now);
    }
    if (event === 'return' && !input.reasons?.length) throw applicationProblem('TRANSITION_REFUSED', '退回须说明理由', [{ field: 'reasons', message: '请至少填写一条退回理由' }]);
    const returned = event === 'return' ? { returnReasons: input.reasons!, returnedBy: r.actor } : {};
    await tx.update(applications).set({ state: r.to, ...returned, updatedAt: now }).where(eq(applications.id, id));
    // The next actor's messages commit with the step (or not at all); a job sends them after the commit.
    await queueNotifications(tx, applicationNotifications({ event, from: row.state, organisationId: row.organisationId, requiresRecommendation: ctx.call.requiresRecommendation, payload: notificationPayload(row, input.reasons?.length) }), now);
    await recordAudit(tx, actor, {
      action: `application.${event}`,
      entityType: 'application',
      entityId: id,
      changes: { state: { before: row.state, after: r.to } },
      detail: { level: r.actor, ...(input.reasons ? { reasons: input.reasons } : {}), ...(input.comment ? { comment: input.comment } : {}) },
    });
    return { state: r.to };
  });
}

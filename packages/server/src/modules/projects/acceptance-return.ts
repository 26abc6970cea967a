/**
 * 退回提前验收申请: the bureau may refuse to hear an EARLY application (科技局可不予受理) as long as no panel has been
 * committed. The application is kept as history with the reason; the project goes back to 执行中 and may apply
 * again later (its materials stay). One transaction under the project's row lock, audited, on the timeline.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { acceptanceApplications } from './acceptance-schema.js';
import { panelOf, requireApplication } from './acceptance-store.js';
import { findProject, requireProjectState, transitionProject } from './lifecycle.js';

export async function returnAcceptance(db: Db, actor: Actor, projectId: string, input: { reason: string }, now = new Date()): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    requireProjectState(project, ['accepting'], '退回验收申请（须在验收中）');
    const app = await requireApplication(tx, projectId, { forUpdate: true });
    if (app.timing !== 'early') throw acceptanceProblem('ACCEPTANCE_STATE', '只有提前申请的验收可以退回；按期或逾期申请须组织验收。');
    if (app.hearingNo !== 1 || app.outcome !== null) throw acceptanceProblem('ACCEPTANCE_STATE', '验收已在评议或已有结论，不能退回申请。');
    if (await panelOf(tx, app.id)) throw acceptanceProblem('ACCEPTANCE_STATE', '已发布验收专家抽取承诺，不能再退回申请。');
    const reason = input.reason.trim();
    await tx.update(acceptanceApplications).set({ returnedAt: now, returnedBy: actor.id, returnReason: reason }).where(eq(acceptanceApplications.id, app.id));
    await transitionProject(tx, actor, project, 'returnAcceptance', { summary: `科技局退回提前验收申请，项目继续执行（理由：${reason}）`, detail: { applicationId: app.id, reason }, at: now });
    await recordAudit(tx, actor, { action: 'project.acceptance.return', entityType: 'acceptanceApplication', entityId: app.id, detail: { projectId, reason, earlyReason: app.earlyReason, appliedAt: app.appliedAt.toISOString() } });
    return { id: app.id };
  });
}

/** Activating (启用) and suspending (暂停, with a reason) an expert: one action each, applied by the domain's table. */
import { eq } from 'drizzle-orm';
import { EXPERT_STATUS_LABELS, expertTransition, type Expert, type ExpertEvent, type ExpertStatus } from '@kechuang/domain';
import type { Db } from '../../../db/client.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { experts } from '../schema.js';
import { findExpert, presentExpert } from './expert-rows.js';

export async function transitionExpert(db: Db, actor: Actor, id: string, event: ExpertEvent, reason?: string): Promise<Expert> {
  return db.transaction(async (tx) => {
    const before = await findExpert(tx, id, { forUpdate: true });
    const from = before.status as ExpertStatus;
    const t = expertTransition(from, event, { reason: reason ?? null });
    if (!t.ok) throw reviewProblem(event === 'suspend' && from === 'active' ? 'EXPERT_INVALID' : 'EXPERT_STATUS_REFUSED', t.reason, event === 'suspend' && from === 'active' ? [{ field: 'reason', message: t.reason }] : undefined);
    const [after] = await tx.update(experts).set({ status: t.to, statusReason: reason?.trim() || null, updatedAt: new Date() }).where(eq(experts.id, id)).returning();
    await recordAudit(tx, actor, {
      action: event === 'activate' ? 'review.expert.activate' : 'review.expert.suspend',
      entityType: 'expert',
      entityId: id,
      changes: { status: { before: EXPERT_STATUS_LABELS[from], after: EXPERT_STATUS_LABELS[t.to] } },
      detail: reason?.trim() ? { reason: reason.trim() } : null,
    });
    return presentExpert(tx, after!);
  });
}

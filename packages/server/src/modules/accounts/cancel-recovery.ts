/** 撤销管理员密码找回: either party withdraws a pending request (a mistake, or the approver declines). */
import { eq } from 'drizzle-orm';
import { cancelRefusal } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { lockRecovery, presentRecoveries, refusalProblem } from './recovery-rules.js';
import { adminRecoveryRequests } from './schema.js';

export async function cancelRecovery(db: Db, auth: AuthContext, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const request = await lockRecovery(tx, id);
    const now = new Date();
    const refusal = cancelRefusal({ id: auth.user.id, roles: auth.roles }, request, now);
    if (refusal) throw refusalProblem(refusal);
    const [decided] = await tx
      .update(adminRecoveryRequests)
      .set({ status: 'cancelled', decidedBy: auth.user.id, deciderRole: auth.roles.join(','), decidedAt: now })
      .where(eq(adminRecoveryRequests.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'recovery.cancel', entityType: 'adminRecovery', entityId: id, changes: { status: { before: 'pending', after: 'cancelled' } } });
    return (await presentRecoveries(tx, [decided!], { id: auth.user.id, roles: auth.roles }, now))[0]!;
  });
}

/**
 * 批准管理员密码找回: the other party approves and only then a one-time password is issued, shown once
 * to the approver and to be changed at the administrator's next sign-in (as for a new account).
 */
import { eq } from 'drizzle-orm';
import { approveRefusal, type RecoveryApproval } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { hashPassword, rememberPassword, temporaryPassword } from './passwords.js';
import { lockRecovery, presentRecoveries, refusalProblem } from './recovery-rules.js';
import { adminRecoveryRequests, users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

export async function approveRecovery(db: Db, auth: AuthContext, actor: Actor, id: string): Promise<RecoveryApproval> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const request = await lockRecovery(tx, id);
    const now = new Date();
    const refusal = approveRefusal({ id: auth.user.id, roles: auth.roles }, request, now);
    if (refusal) throw refusalProblem(refusal);
    const [decided] = await tx
      .update(adminRecoveryRequests)
      .set({ status: 'approved', decidedBy: auth.user.id, deciderRole: auth.roles.join(','), decidedAt: now })
      .where(eq(adminRecoveryRequests.id, id))
      .returning();
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, request.targetUserId));
    await rememberPassword(tx, request.targetUserId, passwordHash);
    await deleteUserSessions(tx, request.targetUserId);
    await recordAudit(tx, actor, { action: 'recovery.approve', entityType: 'adminRecovery', entityId: id, detail: { targetRole: request.targetRole, initiator: request.initiatedBy } });
    await recordAudit(tx, actor, { action: 'user.resetPassword', entityType: 'user', entityId: request.targetUserId, detail: { mustChangePassword: true, request: id } });
    const [view] = await presentRecoveries(tx, [decided!], { id: auth.user.id, roles: auth.roles }, now);
    return { request: view!, temporaryPassword: password };
  });
}

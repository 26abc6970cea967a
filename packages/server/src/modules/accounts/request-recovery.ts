/** 发起管理员密码找回: one party of a locked-out administrator opens a request for the other party to approve. */
import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { initiateRefusal, separatedAdminRoleOf, type RecoveryRequestInput, type Role } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { accountProblem } from './errors.js';
import { presentRecoveries, RECOVERY_TTL_MS, refusalProblem } from './recovery-rules.js';
import { adminRecoveryRequests, users } from './schema.js';

export async function requestRecovery(db: Db, auth: AuthContext, actor: Actor, input: RecoveryRequestInput) {
  return db.transaction(async (tx) => {
    // The target's row lock serialises two parties opening requests for the same administrator at once.
    const [target] = await tx.select().from(users).where(eq(users.id, input.targetUserId)).for('update');
    if (!target) throw accountProblem('USER_NOT_FOUND');
    const refusal = initiateRefusal({ id: auth.user.id, roles: auth.roles }, target);
    if (refusal) throw refusalProblem(refusal);
    const now = new Date();
    const [open] = await tx
      .select({ id: adminRecoveryRequests.id })
      .from(adminRecoveryRequests)
      .where(and(eq(adminRecoveryRequests.targetUserId, target.id), eq(adminRecoveryRequests.status, 'pending'), gt(adminRecoveryRequests.expiresAt, now)));
    if (open) throw accountProblem('RECOVERY_PENDING_EXISTS');
    const targetRole = separatedAdminRoleOf(target.roles)!;
    const initiatorRole = separatedAdminRoleOf(auth.roles)!;
    const [row] = await tx
      .insert(adminRecoveryRequests)
      .values({
        id: randomUUID(),
        targetUserId: target.id,
        targetRole,
        reason: input.reason,
        initiatedBy: auth.user.id,
        initiatorRole,
        status: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + RECOVERY_TTL_MS),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'recovery.request',
      entityType: 'adminRecovery',
      entityId: row!.id,
      detail: { target: target.username, targetRole, reason: input.reason, expiresAt: row!.expiresAt.toISOString() },
    });
    return (await presentRecoveries(tx, [row!], { id: auth.user.id, roles: auth.roles as Role[] }, now))[0]!;
  });
}

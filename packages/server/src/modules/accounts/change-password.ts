/** A user changes their own password; other sessions of that user end, this one stays. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { accountProblem } from './errors.js';
import { assertPasswordNotReused, assertPasswordStrong, hashPassword, rememberPassword, verifyPassword } from './passwords.js';
import { users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

export async function changeOwnPassword(db: Db, auth: AuthContext, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const policy = await getSecurityPolicy(db);
  const [user] = await db.select().from(users).where(eq(users.id, auth.user.id));
  if (!user) throw accountProblem('USER_NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw accountProblem('WRONG_CURRENT_PASSWORD', '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  assertPasswordStrong(input.newPassword, policy, user.username, 'newPassword');
  const newHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await assertPasswordNotReused(tx, user.id, input.newPassword, policy, 'newPassword');
    const now = new Date();
    await tx.update(users).set({ passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now }).where(eq(users.id, user.id));
    await rememberPassword(tx, user.id, newHash);
    await deleteUserSessions(tx, user.id, auth.sessionId);
    await recordAudit(tx, actor, { action: 'auth.passwordChanged', entityType: 'user', entityId: user.id, detail: { otherSessionsEnded: true } });
  });
}

/**
 * An officer opens the login of an expert (role 评审专家) through the accounts context's one way of creating a
 * user; the expert row keeps the user's id, and the temporary password is shown once (must be changed at first login).
 */
import { eq } from 'drizzle-orm';
import type { Expert } from '@kechuang/domain';
import type { Db } from '../../../db/client.js';
import { uniqueViolation } from '../../../db/errors.js';
import { insertUser } from '../../accounts/create-user.js';
import { accountProblem } from '../../accounts/errors.js';
import { hashPassword, temporaryPassword } from '../../accounts/passwords.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { experts } from '../schema.js';
import { findExpert, presentExpert } from './expert-rows.js';

export async function createExpertLogin(db: Db, actor: Actor, id: string, username: string): Promise<{ username: string; temporaryPassword: string; expert: Expert }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db
    .transaction(async (tx) => {
      const row = await findExpert(tx, id, { forUpdate: true });
      if (row.userId) throw reviewProblem('EXPERT_LOGIN_EXISTS');
      const user = await insertUser(tx, actor, { username, name: row.name, phone: row.phone, email: row.email, roles: ['expert'], organisationId: null, passwordHash, mustChangePassword: true });
      const [after] = await tx.update(experts).set({ userId: user.id, updatedAt: new Date() }).where(eq(experts.id, id)).returning();
      await recordAudit(tx, actor, { action: 'review.expert.createLogin', entityType: 'expert', entityId: id, changes: { username: { before: null, after: user.username } } });
      return { username: user.username, temporaryPassword: password, expert: await presentExpert(tx, after!) };
    })
    .catch((e: unknown) => {
      if (uniqueViolation(e)) throw accountProblem('USERNAME_TAKEN', `用户名“${username}”已被使用`, [{ field: 'username', message: '该用户名已被使用' }]);
      throw e;
    });
}

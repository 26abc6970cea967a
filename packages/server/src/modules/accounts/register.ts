/** Self-registration: a new applicant organisation and its first user, who becomes its unit admin. */
import type { Registration } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { findOrganisationByCreditCode, insertOrganisation } from '../organisations/service.js';
import type { Actor } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { uniqueViolation } from '../../db/errors.js';
import { assertUsernameFree, insertUser } from './create-user.js';
import { accountProblem } from './errors.js';
import { assertPasswordStrong, hashPassword } from './passwords.js';
import { markSignedIn } from './login.js';
import { createSession } from './sessions.js';

export async function registerOrganisation(db: Db, input: Registration, ip: string, userAgent: string): Promise<{ token: string; userId: string }> {
  const policy = await getSecurityPolicy(db);
  assertPasswordStrong(input.user.password, policy, input.user.username, 'user.password');
  const orgExists = () =>
    accountProblem('ORGANISATION_EXISTS', '该统一社会信用代码的单位已注册。如您是该单位人员，请联系本单位的单位管理员发送邀请链接。', [
      { field: 'organisation.creditCode', message: '该单位已注册，请联系单位管理员邀请加入' },
    ]);
  if (await findOrganisationByCreditCode(db, input.organisation.creditCode)) throw orgExists();
  await assertUsernameFree(db, input.user.username, 'user.username');
  const passwordHash = await hashPassword(input.user.password);
  const actor: Actor = { id: null, name: input.user.username, role: 'unitAdmin,applicant', ip };
  try {
    return await db.transaction(async (tx) => {
      const org = await insertOrganisation(tx, actor, input.organisation);
      const { password: _p, ...profile } = input.user;
      const user = await insertUser(
        tx,
        actor,
        { ...profile, roles: ['unitAdmin', 'applicant'], organisationId: org.id, passwordHash, mustChangePassword: false },
        'auth.register',
      );
      const token = await createSession(tx, user.id, ip, userAgent);
      await markSignedIn(tx, user.id, ip);
      return { token, userId: user.id };
    });
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint?.includes('credit_code')) throw orgExists();
    if (constraint) throw accountProblem('USERNAME_TAKEN', `用户名“${input.user.username}”已被使用`, [{ field: 'user.username', message: '该用户名已被使用' }]);
    throw e;
  }
}

/** Signing in and out, with the lockout and audit that 等保 requires for every attempt. */
import { eq, sql } from 'drizzle-orm';
import { formatShanghai, lockedUntil as lockUntil } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { accountProblem } from './errors.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { users } from './schema.js';
import { createSession, deleteSessionByToken } from './sessions.js';

export interface LoginResult {
  token: string;
  userId: string;
}

function failedEvent(username: string, reason: string, userId?: string) {
  return { action: 'auth.loginFailed', entityType: userId ? 'user' : 'auth', entityId: userId ?? username.toLowerCase(), detail: { username, reason } };
}

export async function login(db: Db, input: { username: string; password: string }, ip: string, userAgent: string): Promise<LoginResult> {
  const policy = await getSecurityPolicy(db);
  const anonymous: Actor = { id: null, name: input.username, role: null, ip };
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));

  if (!user) {
    await burnPasswordCheck(input.password);
    await db.transaction((tx) => recordAudit(tx, anonymous, failedEvent(input.username, 'unknownUser')));
    throw accountProblem('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const actor: Actor = { id: user.id, name: user.username, role: user.roles.join(','), ip };
  if (user.status !== 'active') {
    await db.transaction((tx) => recordAudit(tx, actor, failedEvent(user.username, 'disabled', user.id)));
    throw accountProblem('ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    await db.transaction((tx) => recordAudit(tx, actor, failedEvent(user.username, 'locked', user.id)));
    throw accountProblem('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定至 ${formatShanghai(user.lockedUntil)}（北京时间）`, undefined, {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = await db.transaction(async (tx) => {
      // Counted in SQL so concurrent wrong attempts cannot overwrite each other's increment.
      const expiredLock = user.lockedUntil !== null && user.lockedUntil <= now;
      const [row] = await tx
        .update(users)
        .set({ failedLogins: expiredLock ? 1 : sql`${users.failedLogins} + 1`, lastFailedAt: now })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      const failed = row?.failedLogins ?? 1;
      await recordAudit(tx, actor, { ...failedEvent(user.username, 'badPassword', user.id), detail: { username: user.username, reason: 'badPassword', failedLogins: failed } });
      const until = lockUntil(failed, now, policy);
      if (until) {
        await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, user.id));
        await recordAudit(tx, actor, { action: 'auth.locked', entityType: 'user', entityId: user.id, changes: { lockedUntil: { before: null, after: until.toISOString() } } });
      }
      return until;
    });
    if (locked) {
      throw accountProblem('ACCOUNT_LOCKED', `连续${policy.maxFailedLogins}次登录失败，账号已锁定${policy.lockoutMinutes}分钟，至 ${formatShanghai(locked)}（北京时间）`, undefined, {
        lockedUntil: locked.toISOString(),
      });
    }
    throw accountProblem('INVALID_CREDENTIALS', '用户名或密码错误');
  }

  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: ip, previousLoginAt: user.lastLoginAt, previousLoginIp: user.lastLoginIp })
      .where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, ip, userAgent);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, detail: { userAgent: userAgent.slice(0, 200) } });
    return { token, userId: user.id };
  });
}

/** Logout is public (an expired session may still log out), so the actor is read from the session's user. */
export async function logout(db: Db, token: string | undefined, ip: string): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const userId = await deleteSessionByToken(tx as Db, token);
    if (!userId) return;
    const [u] = await tx.select({ username: users.username, roles: users.roles }).from(users).where(eq(users.id, userId));
    await recordAudit(tx, { id: userId, name: u?.username ?? null, role: u?.roles.join(',') ?? null, ip }, { action: 'auth.logout', entityType: 'user', entityId: userId });
  });
}

/** Registration and accepting an invitation sign the new user in: record it like a login. */
export async function markSignedIn(tx: Tx, userId: string, ip: string): Promise<void> {
  await tx.update(users).set({ lastLoginAt: new Date(), lastLoginIp: ip }).where(eq(users.id, userId));
}

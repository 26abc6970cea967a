/** Signing in and out, with the lockout and audit that 等保 requires for every attempt. */
import { eq, sql } from 'drizzle-orm';
import { formatShanghai, lockedUntil as lockUntil } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor, type AuditInput } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { accountProblem } from './errors.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { users } from './schema.js';
import { createSession, deleteSessionByToken } from './sessions.js';

export interface LoginResult {
  token: string;
  userId: string;
}

function failedEvent(username: string, reason: string, userId?: string): AuditInput {
  return { action: 'auth.loginFailed', entityType: userId ? 'user' : 'auth', entityId: userId ?? username.toLowerCase(), detail: { username, reason } };
}

type Attempt =
  | { kind: 'ok'; token: string; userId: string }
  | { kind: 'disabled' }
  | { kind: 'locked'; until: Date }
  | { kind: 'lockedNow'; until: Date }
  | { kind: 'bad' };

export async function login(db: Db, input: { username: string; password: string }, ip: string, userAgent: string): Promise<LoginResult> {
  const policy = await getSecurityPolicy(db);
  const [probe] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
  if (!probe) {
    await burnPasswordCheck(input.password);
    await db.transaction((tx) => recordAudit(tx, { id: null, name: input.username, role: null, ip }, failedEvent(input.username, 'unknownUser')));
    throw accountProblem('INVALID_CREDENTIALS', '用户名或密码错误');
  }

  // One transaction holding the user's row lock from the lock check to the counter update: concurrent
  // guesses on one account are judged one after another, so a burst cannot slip past the lockout.
  // Refusals are returned, not thrown, so their audit event and failure count commit.
  const outcome: Attempt = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, probe.id)).for('update');
    if (!user) return { kind: 'bad' };
    const actor: Actor = { id: user.id, name: user.username, role: user.roles.join(','), ip };
    const now = new Date();
    const passwordOk = await verifyPassword(user.passwordHash, input.password);
    if (user.status !== 'active') {
      await recordAudit(tx, actor, failedEvent(user.username, 'disabled', user.id));
      return { kind: 'disabled' };
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await recordAudit(tx, actor, failedEvent(user.username, 'locked', user.id));
      return { kind: 'locked', until: user.lockedUntil };
    }
    if (!passwordOk) {
      const failed = user.lockedUntil !== null && user.lockedUntil <= now ? 1 : user.failedLogins + 1;
      const until = lockUntil(failed, now, policy);
      await tx.update(users).set({ failedLogins: failed, lastFailedAt: now, lockedUntil: until ?? user.lockedUntil }).where(eq(users.id, user.id));
      await recordAudit(tx, actor, { ...failedEvent(user.username, 'badPassword', user.id), detail: { username: user.username, reason: 'badPassword', failedLogins: failed } });
      if (!until) return { kind: 'bad' };
      await recordAudit(tx, actor, { action: 'auth.locked', entityType: 'user', entityId: user.id, changes: { lockedUntil: { before: null, after: until.toISOString() } } });
      return { kind: 'lockedNow', until };
    }
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: ip, previousLoginAt: user.lastLoginAt, previousLoginIp: user.lastLoginIp })
      .where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, ip, userAgent);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, detail: { userAgent: userAgent.slice(0, 200) } });
    return { kind: 'ok', token, userId: user.id };
  });

  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, userId: outcome.userId };
    case 'disabled':
      throw accountProblem('ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
    case 'locked':
      throw accountProblem('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定至 ${formatShanghai(outcome.until)}（北京时间）`, undefined, { lockedUntil: outcome.until.toISOString() });
    case 'lockedNow':
      throw accountProblem('ACCOUNT_LOCKED', `连续${policy.maxFailedLogins}次登录失败，账号已锁定${policy.lockoutMinutes}分钟，至 ${formatShanghai(outcome.until)}（北京时间）`, undefined, {
        lockedUntil: outcome.until.toISOString(),
      });
    case 'bad':
      throw accountProblem('INVALID_CREDENTIALS', '用户名或密码错误');
  }
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

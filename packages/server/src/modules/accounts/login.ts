/** Signing in and out, with the lockout and audit that 等保 requires for every attempt. */
import { eq, lte, sql } from 'drizzle-orm';
import { formatShanghai, lockedUntil as lockUntil, type SecurityPolicy } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor, type AuditInput } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { accountProblem } from './errors.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { loginFailures, users } from './schema.js';
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

interface Counter {
  failedLogins: number;
  lockedUntil: Date | null;
}

type Verdict = { kind: 'locked'; until: Date } | { kind: 'failed'; failedLogins: number; lockedUntil: Date | null } | { kind: 'passwordOk' };

/**
 * One rule for accounts and for usernames without one, so neither the answer nor the lockout tells a guesser
 * whether a username exists: a lock refuses even the right password; a wrong password counts toward the lock
 * (starting again once a lock has run out).
 */
function judge(counter: Counter, passwordOk: boolean, now: Date, policy: SecurityPolicy): Verdict {
  if (counter.lockedUntil && counter.lockedUntil > now) return { kind: 'locked', until: counter.lockedUntil };
  if (passwordOk) return { kind: 'passwordOk' };
  const failedLogins = counter.lockedUntil !== null ? 1 : counter.failedLogins + 1;
  return { kind: 'failed', failedLogins, lockedUntil: lockUntil(failedLogins, now, policy) };
}

export async function login(db: Db, input: { username: string; password: string }, ip: string, userAgent: string): Promise<LoginResult> {
  const policy = await getSecurityPolicy(db);
  const key = input.username.toLowerCase();
  const [probe] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, key));
  const outcome = probe ? await attemptAccount(db, probe.id, input, ip, userAgent, policy) : await attemptUnknown(db, key, input, ip, policy);

  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, userId: outcome.userId };
    case 'disabled':
      // Only someone who knows the password learns that the account is disabled.
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

// One transaction holding the counter's row lock from the lock check to the counter update: concurrent
// guesses on one username are judged one after another, so a burst cannot slip past the lockout.
// Refusals are returned, not thrown, so their audit event and failure count commit.
async function attemptAccount(db: Db, userId: string, input: { password: string }, ip: string, userAgent: string, policy: SecurityPolicy): Promise<Attempt> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return { kind: 'bad' };
    const actor: Actor = { id: user.id, name: user.username, role: user.roles.join(','), ip };
    const now = new Date();
    const verdict = judge(user, await verifyPassword(user.passwordHash, input.password), now, policy);
    if (verdict.kind === 'locked') {
      await recordAudit(tx, actor, failedEvent(user.username, 'locked', user.id));
      return { kind: 'locked', until: verdict.until };
    }
    if (verdict.kind === 'failed') {
      // A disabled account counts failures and locks like any other, or its answers would single it out.
      const { failedLogins, lockedUntil } = verdict;
      // A lock that has run out is cleared here, so the failures after it count up to the next lock again.
      await tx.update(users).set({ failedLogins, lastFailedAt: now, lockedUntil }).where(eq(users.id, user.id));
      await recordAudit(tx, actor, { ...failedEvent(user.username, 'badPassword', user.id), detail: { username: user.username, reason: 'badPassword', failedLogins, status: user.status } });
      if (!lockedUntil) return { kind: 'bad' };
      await recordAudit(tx, actor, { action: 'auth.locked', entityType: 'user', entityId: user.id, changes: { lockedUntil: { before: null, after: lockedUntil.toISOString() } } });
      return { kind: 'lockedNow', until: lockedUntil };
    }
    if (user.status !== 'active') {
      await recordAudit(tx, actor, failedEvent(user.username, 'disabled', user.id));
      return { kind: 'disabled' };
    }
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: ip, previousLoginAt: user.lastLoginAt, previousLoginIp: user.lastLoginIp })
      .where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, ip, userAgent);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, detail: { userAgent: userAgent.slice(0, 200) } });
    return { kind: 'ok', token, userId: user.id };
  });
}

/** A username with no account: the same work (an argon2 check, a locked counter row, an audit event) and the same answers. */
async function attemptUnknown(db: Db, key: string, input: { username: string; password: string }, ip: string, policy: SecurityPolicy): Promise<Attempt> {
  return db.transaction(async (tx) => {
    const now = new Date();
    await tx.insert(loginFailures).values({ usernameKey: key, failedLogins: 0, lastFailedAt: now }).onConflictDoNothing();
    const [counter] = await tx.select().from(loginFailures).where(eq(loginFailures.usernameKey, key)).for('update');
    await burnPasswordCheck(input.password);
    const actor: Actor = { id: null, name: input.username, role: null, ip };
    const verdict = judge(counter!, false, now, policy);
    if (verdict.kind === 'locked') {
      await recordAudit(tx, actor, failedEvent(input.username, 'locked'));
      return { kind: 'locked', until: verdict.until };
    }
    if (verdict.kind !== 'failed') return { kind: 'bad' };
    const { failedLogins, lockedUntil } = verdict;
    await tx.update(loginFailures).set({ failedLogins, lastFailedAt: now, lockedUntil }).where(eq(loginFailures.usernameKey, key));
    await recordAudit(tx, actor, { ...failedEvent(input.username, 'unknownUser'), detail: { username: input.username, reason: 'unknownUser', failedLogins } });
    if (!lockedUntil) return { kind: 'bad' };
    await recordAudit(tx, actor, { action: 'auth.locked', entityType: 'auth', entityId: key, changes: { lockedUntil: { before: null, after: lockedUntil.toISOString() } } });
    return { kind: 'lockedNow', until: lockedUntil };
  });
}

/**
 * Counters whose lock has run out behave exactly like no counter (the next failure counts 1 either way),
 * so deleting them changes no answer and keeps guessed usernames from piling up.
 */
export async function pruneLoginFailures(db: Db): Promise<number> {
  const gone = await db.delete(loginFailures).where(lte(loginFailures.lockedUntil, new Date())).returning({ key: loginFailures.usernameKey });
  return gone.length;
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

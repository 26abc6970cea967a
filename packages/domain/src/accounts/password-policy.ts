/**
 * The password and session policy (等保 level 3 default profile) as settings a security administrator
 * edits, and the pure checks that apply it.
 */
import { z } from 'zod';
import { WEAK_PASSWORDS } from './weak-passwords.js';

export const securityPolicySchema = z.object({
  minLength: z.number().int().min(8, '最小长度不得低于8位').max(64),
  minCharClasses: z.number().int().min(2, '至少要求2类字符').max(4),
  rejectWeakPasswords: z.boolean(),
  expiryDays: z.number().int().min(0).max(3650), // 0 = never expires
  historyCount: z.number().int().min(0).max(24),
  maxFailedLogins: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
  sessionIdleMinutes: z.number().int().min(5).max(24 * 60),
  loginRateLimitPerMinute: z.number().int().min(5).max(1000),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

/** 等保 level 3 profile, also the built-in default. */
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  minCharClasses: 3,
  rejectWeakPasswords: true,
  expiryDays: 90,
  historyCount: 5,
  maxFailedLogins: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  loginRateLimitPerMinute: 20,
};

export const SECURITY_POLICY_LABELS: Record<keyof SecurityPolicy, string> = {
  minLength: '密码最小长度',
  minCharClasses: '至少包含的字符类别数（大写、小写、数字、符号）',
  rejectWeakPasswords: '禁止使用弱口令',
  expiryDays: '密码有效期（天，0 为不过期）',
  historyCount: '不得重复使用最近几次密码',
  maxFailedLogins: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '会话空闲超时（分钟）',
  loginRateLimitPerMinute: '每个 IP 每分钟登录请求上限',
};

export function characterClasses(password: string): number {
  let n = 0;
  if (/[A-Z]/.test(password)) n++;
  if (/[a-z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^A-Za-z0-9]/.test(password)) n++;
  return n;
}

/** Returns every way the password breaks the policy (Chinese), empty if it is acceptable. */
export function passwordProblems(password: string, policy: SecurityPolicy, context: { username?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少${policy.minLength}位`);
  if (password.length > 128) problems.push('密码长度不能超过128位');
  if (characterClasses(password) < policy.minCharClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少${policy.minCharClasses}类`);
  }
  if (/\s/.test(password)) problems.push('密码不能包含空白字符');
  if (policy.rejectWeakPasswords) {
    const lower = password.toLowerCase();
    if (WEAK_PASSWORDS.has(lower)) problems.push('该密码属于常见弱口令，请换一个');
    const u = context.username?.toLowerCase();
    if (u && u.length >= 3 && lower.includes(u)) problems.push('密码不能包含用户名');
  }
  return problems;
}

export function isPasswordExpired(changedAt: Date, now: Date, policy: SecurityPolicy): boolean {
  if (policy.expiryDays === 0) return false;
  return now.getTime() - changedAt.getTime() >= policy.expiryDays * 86_400_000;
}

/** Days until the password expires (negative once expired), or null when passwords never expire. */
export function daysUntilPasswordExpiry(changedAt: Date, now: Date, policy: SecurityPolicy): number | null {
  if (policy.expiryDays === 0) return null;
  return Math.floor((changedAt.getTime() + policy.expiryDays * 86_400_000 - now.getTime()) / 86_400_000);
}

export function lockedUntil(failedCount: number, lastFailure: Date, policy: SecurityPolicy): Date | null {
  return failedCount >= policy.maxFailedLogins ? new Date(lastFailure.getTime() + policy.lockoutMinutes * 60_000) : null;
}

import { describe, expect, it } from 'vitest';
import { characterClasses, daysUntilPasswordExpiry, DEFAULT_SECURITY_POLICY as P, isPasswordExpired, lockedUntil, passwordProblems, securityPolicySchema } from './password-policy.js';

describe('password policy (等保 level-3 defaults)', () => {
  it('the default profile is 8 characters, 3 of 4 classes, 90 days, 5 remembered, lock after 5 for 30 minutes, 30 minutes idle', () => {
    expect(P).toMatchObject({ minLength: 8, minCharClasses: 3, expiryDays: 90, historyCount: 5, maxFailedLogins: 5, lockoutMinutes: 30, sessionIdleMinutes: 30, rejectWeakPasswords: true });
    expect(securityPolicySchema.parse(P)).toEqual(P);
  });

  it.each([
    ['Demo@2026', 0],
    ['Abcdefg1', 0],
    ['abcdefg1!', 0],
    ['Ab1!', 1], // too short
    ['abcdefgh1', 1], // two classes
    ['ABCDEFGH', 1],
    ['P@ssw0rd', 1], // weak list, though it has 4 classes
    ['Admin@123', 1],
    ['With Space1', 1],
  ])('%s → %i problem(s)', (pw, n) => {
    expect(passwordProblems(pw, P)).toHaveLength(n);
  });

  it('rejects a password containing the username, whatever the case', () => {
    expect(passwordProblems('Zhangsan@2026', P, { username: 'zhangsan' })).toEqual(['密码不能包含用户名']);
  });

  it('counts character classes', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('中文abc')).toBe(2);
  });

  it('expires a password after expiryDays and never when 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(isPasswordExpired(changed, new Date('2026-03-31T23:59:59Z'), P)).toBe(false);
    expect(isPasswordExpired(changed, new Date('2026-04-01T00:00:00Z'), P)).toBe(true);
    expect(isPasswordExpired(changed, new Date('2036-01-01T00:00:00Z'), { ...P, expiryDays: 0 })).toBe(false);
    expect(daysUntilPasswordExpiry(changed, new Date('2026-03-30T00:00:00Z'), P)).toBe(2);
  });

  it('locks at the fifth failure for thirty minutes', () => {
    const t = new Date('2026-11-23T00:00:00Z');
    expect(lockedUntil(4, t, P)).toBeNull();
    expect(lockedUntil(5, t, P)?.toISOString()).toBe('2026-11-23T00:30:00.000Z');
  });
});

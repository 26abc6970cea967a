import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { clearSecurityPolicyCache } from './service.js';

let t: TestApp;
let sec: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  sec = t.client();
  await sec.login('secadmin');
});
afterAll(() => t.close());

describe('security policy (secadmin)', () => {
  it('starts from the 等保 level-3 profile', async () => {
    expect((await sec.get('/api/security/policy')).json().policy).toEqual(DEFAULT_SECURITY_POLICY);
  });

  it('refuses out-of-range values with per-field errors and keeps the old policy', async () => {
    const res = await sec.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, minLength: 4, maxFailedLogins: 0 });
    const p = problem(res);
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors!.map((e) => e.field).sort()).toEqual(['maxFailedLogins', 'minLength']);
    expect(p.errors!.find((e) => e.field === 'minLength')!.message).toBe('最小长度不得低于8位');
    // A bound without a message of its own still reads as Chinese, never `Too small: expected number to be >=3`.
    expect(p.errors!.find((e) => e.field === 'maxFailedLogins')!.message).toBe('不能小于3');
    expect((await sec.get('/api/security/policy')).json().policy).toEqual(DEFAULT_SECURITY_POLICY);
  });

  it('the sysadmin reads the policy but cannot change it', async () => {
    const admin = t.client();
    await admin.login('sysadmin');
    expect((await admin.get('/api/security/policy')).statusCode).toBe(200);
    expect((await admin.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, minLength: 10 })).statusCode).toBe(403);
  });

  it('a stricter policy applies to the next password change and lockout; the change is audited', async () => {
    const res = await sec.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, minLength: 12, maxFailedLogins: 3 });
    expect(res.json()).toMatchObject({ policy: { minLength: 12, maxFailedLogins: 3 }, updatedBy: 'secadmin' });
    clearSecurityPolicyCache();
    const c = t.client();
    await c.login('officer');
    const weak = await c.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'Short#2026' });
    expect(problem(weak).errors).toContainEqual({ field: 'newPassword', message: '密码长度至少12位' });
    for (let i = 0; i < 2; i++) await t.client().post('/api/auth/login', { username: 'expert', password: 'Nope#2026xx' });
    expect((await t.client().post('/api/auth/login', { username: 'expert', password: 'Nope#2026xx' })).statusCode).toBe(423);
    const [ev] = await rawSql(t.db, `select changes from audit_events where action = 'security.updatePolicy'`);
    expect(ev!.changes).toEqual({ maxFailedLogins: { before: 5, after: 3 }, minLength: { before: 8, after: 12 } });
  });

  it('the secadmin home shows a warning when the policy is weaker than the baseline', async () => {
    await sec.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, expiryDays: 0 });
    const todos = (await sec.get('/api/me/todos')).json().items;
    expect(todos.find((x: { key: string }) => x.key === 'security.weak').description).toContain('密码有效期');
  });
});

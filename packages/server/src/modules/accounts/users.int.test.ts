import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY, passwordProblems } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
let admin: TestClient;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = t.client();
  adminId = (await admin.login('sysadmin')).json().user.id;
});
afterAll(() => t.close());

describe('user management (sysadmin)', () => {
  it('creates a user with a one-time temporary password that meets the policy and must be changed at first login', async () => {
    const res = await admin.post('/api/users', { username: 'zhou2', name: '周二', phone: '13900000000', email: 'zhou2@example.com', roles: ['officer', 'leader'], organisationId: null });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user).toMatchObject({ username: 'zhou2', roles: ['officer', 'leader'], status: 'active', mustChangePassword: true });
    expect(passwordProblems(temporaryPassword, DEFAULT_SECURITY_POLICY, { username: 'zhou2' })).toEqual([]);

    const c = t.client();
    await c.login('zhou2', temporaryPassword);
    expect(problem(await c.get('/api/organisations')).code).toBe('PASSWORD_EXPIRED');
    expect((await c.get('/api/me/todos')).json().items[0]).toMatchObject({ key: 'password.mustChange', level: 'error' });
    expect((await c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'Zhou#Second2026' })).statusCode).toBe(204);
    expect((await c.get('/api/organisations')).statusCode).toBe(200);
  });

  it.each([
    [['sysadmin', 'auditor'], null, '三员分立'],
    [['applicant'], null, '必须属于某个申报单位'],
  ])('refuses the role set %j (organisation %s) and creates nothing', async (roles, organisationId, fragment) => {
    const res = await admin.post('/api/users', { username: 'badroles', name: '错角色', phone: '', email: '', roles, organisationId });
    const p = problem(res);
    expect(p.code).toBe('INVALID_ROLES');
    expect(p.detail).toContain(fragment);
    expect(await rawSql(t.db, `select 1 from users where username = 'badroles'`)).toHaveLength(0);
  });

  it('lists with paging, role and status filters, sorting, and exports the filtered list to Excel', async () => {
    const page = (await admin.get('/api/users?pageSize=3&page=1&sort=username')).json();
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThanOrEqual(10);
    const names = page.items.map((u: { username: string }) => u.username);
    expect([...names].sort()).toEqual(names);
    const officers = (await admin.get('/api/users?role=officer')).json();
    expect(officers.items.every((u: { roles: string[] }) => u.roles.includes('officer'))).toBe(true);

    const res = await admin.get('/api/users/export?role=officer');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('用户名');
    expect(ws.rowCount - 1).toBe(officers.total);
  });

  it('changes roles (ending that user\'s sessions) and records before/after', async () => {
    const c = t.client();
    await c.login('expert');
    const expert = (await admin.get('/api/users?q=expert')).json().items.find((u: { username: string }) => u.username === 'expert');
    const res = await admin.patch(`/api/users/${expert.id}`, { roles: ['expert', 'department'] });
    expect(res.json().roles).toEqual(['expert', 'department']);
    expect((await c.get('/api/me/todos')).statusCode).toBe(401);
    const [ev] = await rawSql(t.db, `select changes from audit_events where action = 'user.update' and entity_id = '${expert.id}'`);
    expect(ev!.changes).toEqual({ roles: { before: ['expert'], after: ['expert', 'department'] } });
  });

  it('disables a user (who can no longer sign in) and enables them again', async () => {
    const leader = (await admin.get('/api/users?q=leader')).json().items[0];
    expect((await admin.post(`/api/users/${leader.id}/disable`)).json().status).toBe('disabled');
    expect(problem(await t.client().post('/api/auth/login', { username: 'leader', password: 'Demo@2026' })).code).toBe('ACCOUNT_DISABLED');
    expect((await admin.post(`/api/users/${leader.id}/enable`)).json().status).toBe('active');
    await t.client().login('leader');
  });

  it('resets a password: the old one stops working, the temporary one must be changed', async () => {
    const dept = (await admin.get('/api/users?q=department')).json().items.find((u: { username: string }) => u.username === 'department');
    const { temporaryPassword } = (await admin.post(`/api/users/${dept.id}/reset-password`)).json();
    expect((await t.client().post('/api/auth/login', { username: 'department', password: 'Demo@2026' })).statusCode).toBe(401);
    const c = t.client();
    expect((await c.login('department', temporaryPassword)).json().user.mustChangePassword).toBe(true);
  });

  it('refuses to disable itself or drop its own sysadmin role, and changes nothing', async () => {
    expect(problem(await admin.post(`/api/users/${adminId}/disable`)).code).toBe('SELF_ACTION_REFUSED');
    expect(problem(await admin.patch(`/api/users/${adminId}`, { roles: ['officer'] })).code).toBe('SELF_ACTION_REFUSED');
    const [row] = await rawSql(t.db, `select status, roles from users where id = '${adminId}'`);
    expect(row).toMatchObject({ status: 'active', roles: ['sysadmin'] });
  });

  it('三员分立: the sysadmin cannot grant the secadmin or auditor role, nor reset, edit, disable or unlock those accounts', async () => {
    const created = await admin.post('/api/users', { username: 'fakeaudit', name: '假审计', phone: '', email: '', roles: ['auditor'], organisationId: null });
    expect(problem(created).code).toBe('SEPARATION_OF_DUTIES');
    expect(await rawSql(t.db, `select 1 from users where username = 'fakeaudit'`)).toHaveLength(0);
    const auditor = (await admin.get('/api/users?role=auditor')).json().items[0];
    const [before] = await rawSql(t.db, `select password_hash, status, name from users where id = '${auditor.id}'`);
    for (const [method, path, body] of [
      ['POST', `/api/users/${auditor.id}/reset-password`, undefined],
      ['POST', `/api/users/${auditor.id}/disable`, undefined],
      ['POST', `/api/users/${auditor.id}/unlock`, undefined],
      ['PATCH', `/api/users/${auditor.id}`, { name: '改名' }],
    ] as const) {
      const res = await admin.request(method, path, body);
      expect(problem(res).code, path).toBe('SEPARATION_OF_DUTIES');
    }
    const officer = (await admin.get('/api/users?role=officer')).json().items[0];
    expect(problem(await admin.patch(`/api/users/${officer.id}`, { roles: ['secadmin'] })).code).toBe('SEPARATION_OF_DUTIES');
    expect(await rawSql(t.db, `select password_hash, status, name from users where id = '${auditor.id}'`)).toEqual([before]);
  });

  it('PATCH leaves the fields it does not mention as they were', async () => {
    const created = (await admin.post('/api/users', { username: 'keepme', name: '保留', phone: '13900001111', email: 'keep@example.com', roles: ['expert'], organisationId: null })).json();
    const res = await admin.patch(`/api/users/${created.user.id}`, { roles: ['expert', 'department'] });
    expect(res.json()).toMatchObject({ phone: '13900001111', email: 'keep@example.com', roles: ['expert', 'department'] });
  });

  it('never returns password hashes', async () => {
    const res = await admin.get('/api/users?pageSize=100');
    expect(res.body).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect(problem(await admin.post('/api/users/00000000-0000-4000-8000-000000000000/unlock')).code).toBe('USER_NOT_FOUND');
    expect(problem(await admin.post('/api/users/not-a-uuid/unlock')).code).toBe('VALIDATION_FAILED');
  });
});

/**
 * 管理员密码找回 (issue 15 item 5): a separated administrator's password is recovered by the two other
 * administrators together; every refusal leaves the request and the account as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { insertUser } from './create-user.js';
import { hashPassword } from './passwords.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};

async function extraAdmin(username: string, role: 'sysadmin' | 'secadmin') {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await t.db.transaction((tx) =>
    insertUser(tx, { ...SYSTEM_ACTOR, name: 'test' }, { username, name: username, phone: '', email: '', roles: [role], organisationId: null, passwordHash, mustChangePassword: false }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await extraAdmin('sysadmin2', 'sysadmin');
  await extraAdmin('secadmin2', 'secadmin');
  for (const u of ['sysadmin', 'sysadmin2', 'secadmin', 'secadmin2', 'auditor', 'officer']) {
    c[u] = t.client();
    await c[u].login(u);
  }
  for (const r of await rawSql(t.db, `select id, username from users`)) ids[String(r.username)] = String(r.id);
});
afterAll(() => t.close());

const account = async (username: string) => (await rawSql(t.db, `select password_hash, must_change_password from users where username = '${username}'`))[0];
const requestRow = async (id: string) => (await rawSql(t.db, `select status, decided_by, expires_at from admin_recovery_requests where id = '${id}'`))[0];

async function open(by: string, target: string) {
  const res = await c[by]!.post('/api/admin-recovery', { targetUserId: ids[target], reason: '忘记密码，本人电话确认' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; actions: { approve: boolean; cancel: boolean } };
}

/** A refused call: the stable code, then the request and the target account re-read unchanged. */
async function refused(res: Awaited<ReturnType<TestClient['post']>>, code: string, requestId: string | null, target: string) {
  const before = { account: await account(target), request: requestId ? await requestRow(requestId) : null };
  expect(problem(res).code).toBe(code);
  expect({ account: await account(target), request: requestId ? await requestRow(requestId) : null }).toEqual(before);
}

describe('dual-control recovery of a separated administrator (issue 15 item 5)', () => {
  it('lists whom each administrator helps recover, with the rule in words', async () => {
    const sys = (await c.sysadmin!.get('/api/admin-recovery')).json();
    expect(sys.targets.map((x: { username: string }) => x.username).sort()).toEqual(['auditor', 'secadmin', 'secadmin2']);
    expect(sys.targets.find((x: { username: string }) => x.username === 'secadmin').rule).toBe('安全管理员的密码由系统管理员和审计管理员共同找回：一人发起，另一人批准');
    const aud = (await c.auditor!.get('/api/admin-recovery')).json();
    expect(aud.targets.map((x: { username: string }) => x.username).sort()).toEqual(['secadmin', 'secadmin2', 'sysadmin', 'sysadmin2']);
    expect((await c.officer!.get('/api/admin-recovery')).statusCode).toBe(403);
  });

  it('secadmin target: the sysadmin opens, the auditor approves, a one-time password must be changed at sign-in; every step audited', async () => {
    const before = await account('secadmin');
    const req = await open('sysadmin', 'secadmin');
    expect(req).toMatchObject({ status: 'pending', actions: { approve: false, cancel: true } });
    expect((await c.auditor!.get('/api/admin-recovery')).json().items.find((x: { id: string }) => x.id === req.id).actions).toEqual({ approve: true, cancel: true });
    // Opening alone changed nothing about the account.
    expect(await account('secadmin')).toEqual(before);

    const res = await c.auditor!.post(`/api/admin-recovery/${req.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    const { temporaryPassword, request } = res.json();
    expect(request).toMatchObject({ status: 'approved', decider: { username: 'auditor' } });
    expect(temporaryPassword).toMatch(/^.{14}$/);
    expect((await account('secadmin'))!.must_change_password).toBe(true);
    // The old session is gone, the old password no longer works, the one-time password must be changed.
    expect((await c.secadmin!.get('/api/security/policy')).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { username: 'secadmin', password: DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await c.secadmin!.login('secadmin', temporaryPassword)).json().user.mustChangePassword).toBe(true);
    expect((await c.secadmin!.get('/api/admin-recovery')).json().code).toBe('PASSWORD_EXPIRED');
    expect((await c.secadmin!.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'Sec#Recovered2026' })).statusCode).toBe(204);
    expect((await c.secadmin!.get('/api/admin-recovery')).statusCode).toBe(200);

    const events = (await c.auditor!.get('/api/audit/events?pageSize=50&entityType=adminRecovery')).json().items.filter((e: { entityId: string }) => e.entityId === req.id);
    expect(events.map((e: { action: string; actorName: string }) => [e.action, e.actorName]).sort()).toEqual([
      ['recovery.approve', 'auditor'],
      ['recovery.request', 'sysadmin'],
    ]);
    const reset = (await c.auditor!.get(`/api/audit/events?action=user.resetPassword&entityId=${ids.secadmin}`)).json().items;
    expect(reset[0]).toMatchObject({ actorName: 'auditor', actionLabel: '重置密码', detail: { request: req.id } });
  });

  it('refuses self-approval: the target cannot approve a request about itself, nor open one', async () => {
    const req = await open('auditor', 'sysadmin');
    await refused(await c.sysadmin!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_SELF', req.id, 'sysadmin');
    await refused(await c.sysadmin!.post('/api/admin-recovery', { targetUserId: ids.sysadmin, reason: '自己找回自己' }), 'RECOVERY_SELF', null, 'sysadmin');
    await c.auditor!.post(`/api/admin-recovery/${req.id}/cancel`);
  });

  it('refuses the initiator approving, and another holder of the initiator role approving (same party twice)', async () => {
    const req = await open('sysadmin', 'auditor');
    await refused(await c.sysadmin!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_SAME_PARTY', req.id, 'auditor');
    await refused(await c.sysadmin2!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_SAME_PARTY', req.id, 'auditor');
    expect((await requestRow(req.id))!.status).toBe('pending');
    await c.sysadmin!.post(`/api/admin-recovery/${req.id}/cancel`);
  });

  it('refuses a role that is not a party of the target (wrong role), and a target that is not a separated administrator', async () => {
    // secadmin target: parties are sysadmin and auditor; another security administrator is neither.
    await refused(await c.secadmin2!.post('/api/admin-recovery', { targetUserId: ids.secadmin, reason: '同角色互相找回' }), 'RECOVERY_NOT_PARTY', null, 'secadmin');
    const req = await open('sysadmin', 'secadmin2');
    await refused(await c.secadmin!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_NOT_PARTY', req.id, 'secadmin2');
    await refused(await c.secadmin!.post(`/api/admin-recovery/${req.id}/cancel`), 'RECOVERY_NOT_PARTY', req.id, 'secadmin2');
    expect((await c.officer!.post(`/api/admin-recovery/${req.id}/approve`)).statusCode).toBe(403);
    await refused(await c.auditor!.post('/api/admin-recovery', { targetUserId: ids.officer, reason: '不是三员' }), 'RECOVERY_NOT_ADMIN', null, 'officer');
    // One pending request per administrator.
    await refused(await c.auditor!.post('/api/admin-recovery', { targetUserId: ids.secadmin2, reason: '重复申请一次' }), 'RECOVERY_PENDING_EXISTS', req.id, 'secadmin2');
    await c.auditor!.post(`/api/admin-recovery/${req.id}/cancel`);
  });

  it('refuses an expired request', async () => {
    const req = await open('secadmin', 'auditor');
    await rawSql(t.db, `update admin_recovery_requests set expires_at = now() - interval '1 minute' where id = '${req.id}'`);
    await refused(await c.sysadmin!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_EXPIRED', req.id, 'auditor');
    expect((await c.sysadmin!.get('/api/admin-recovery')).json().items.find((x: { id: string }) => x.id === req.id)).toMatchObject({ status: 'expired', actions: { approve: false, cancel: false } });
    // An expired request no longer blocks a new one.
    const again = await open('secadmin', 'auditor');
    await c.secadmin!.post(`/api/admin-recovery/${again.id}/cancel`);
  });

  it('refuses a request already used or withdrawn', async () => {
    const req = await open('secadmin', 'sysadmin2');
    const ok = await c.auditor!.post(`/api/admin-recovery/${req.id}/approve`);
    expect(ok.statusCode).toBe(200);
    await refused(await c.auditor!.post(`/api/admin-recovery/${req.id}/approve`), 'RECOVERY_CLOSED', req.id, 'sysadmin2');
    await refused(await c.secadmin!.post(`/api/admin-recovery/${req.id}/cancel`), 'RECOVERY_CLOSED', req.id, 'sysadmin2');

    const withdrawn = await open('secadmin', 'sysadmin');
    const cancelled = await c.auditor!.post(`/api/admin-recovery/${withdrawn.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', decider: { username: 'auditor' } });
    await refused(await c.auditor!.post(`/api/admin-recovery/${withdrawn.id}/approve`), 'RECOVERY_CLOSED', withdrawn.id, 'sysadmin');
    const ev = (await c.auditor!.get(`/api/audit/events?action=recovery.cancel&entityId=${withdrawn.id}`)).json().items;
    expect(ev[0]).toMatchObject({ actorName: 'auditor', actionLabel: '撤销管理员密码找回', entityTypeLabel: '管理员密码找回' });
  });

  it('validates the request in Chinese', async () => {
    const res = await c.sysadmin!.post('/api/admin-recovery', { targetUserId: 'x', reason: '' });
    const p = problem(res);
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.message).join()).toMatch(/请选择要找回密码的管理员|请说明原因/);
  });
});

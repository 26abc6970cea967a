import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, problem, rawSql, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function userRow(username: string) {
  const [row] = await rawSql(t.db, `select failed_logins, locked_until, status, password_hash, must_change_password from users where username = '${username}'`);
  return row!;
}

describe('sign-in', () => {
  it('logs in with the demo password, sets an HttpOnly session cookie and answers /me with roles and organisation', async () => {
    const c = t.client();
    const res = await c.login('unitadmin');
    const cookie = res.cookies.find((x) => x.name === 'kc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user.username).toBe('unitadmin');
    expect(me.user.roles).toEqual(['unitAdmin', 'applicant']);
    expect(me.roles).toEqual(['unitAdmin', 'applicant']);
    expect(me.organisation.name).toBe('宁波甬创智能装备有限公司');
    expect(me.organisation.actions).toEqual({ update: true, manageMembers: true, editConsortia: false });
    expect(me.permissions).toContain('organisation.members');
    expect(JSON.stringify(me)).not.toContain('argon2');
  });

  it('shows the previous sign-in (time and IP) so an unexpected one stands out', async () => {
    const first = (await t.client().login('officer')).json();
    const c = t.client();
    const second = (await c.login('officer')).json();
    expect(second.user.previousLoginAt).toBe(first.user.lastLoginAt);
    expect(second.user.previousLoginIp).toMatch(/^10\.0\./);
    expect(second.user.previousLoginIp).not.toBe(c.ip);
  });

  it('stores passwords as argon2id hashes', async () => {
    expect(String((await userRow('officer')).password_hash)).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and records the failure in the audit trail', async () => {
    const c = t.client();
    const res = await c.post('/api/auth/login', { username: 'expert', password: 'Wrong@2026' });
    expect(res.statusCode).toBe(401);
    expect(problem(res)).toMatchObject({ code: 'INVALID_CREDENTIALS', title: '用户名或密码错误' });
    const events = await rawSql(t.db, `select action, detail from audit_events where action = 'auth.loginFailed' and actor_name = 'expert'`);
    expect(events.length).toBeGreaterThan(0);
    expect(res.cookies.find((x) => x.name === 'kc_session')).toBeUndefined();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'nobody', password: 'Wrong@2026' });
    expect(res.statusCode).toBe(401);
    expect(problem(res).code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account for 30 minutes after 5 failed logins, even against the right password, until a sysadmin unlocks it', async () => {
    const c = t.client();
    for (let i = 1; i <= 4; i++) expect((await c.post('/api/auth/login', { username: 'leader', password: `Bad@${i}xyz` })).statusCode).toBe(401);
    const fifth = await c.post('/api/auth/login', { username: 'leader', password: 'Bad@5xyz' });
    expect(fifth.statusCode).toBe(423);
    expect(problem(fifth).detail).toContain('锁定30分钟');
    const row = await userRow('leader');
    expect(row.failed_logins).toBe(5);
    const minutes = (new Date(row.locked_until as string).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const right = await c.post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(problem(right).code).toBe('ACCOUNT_LOCKED');

    const admin = t.client();
    await admin.login('sysadmin');
    const locked = (await admin.get('/api/users?status=locked')).json();
    const leader = locked.items.find((u: { username: string }) => u.username === 'leader');
    expect(leader.lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/users/${leader.id}/unlock`)).statusCode).toBe(200);
    expect((await c.post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD })).statusCode).toBe(200);
    expect((await userRow('leader')).failed_logins).toBe(0);
  });

  it('a concurrent burst of guesses cannot slip a right password past the lock (events of one user are strictly ordered)', async () => {
    const c = t.client();
    await c.csrfToken(); // one token for the whole burst
    const attempts = Array.from({ length: 16 }, (_, i) => c.post('/api/auth/login', { username: 'expert', password: i === 8 ? DEMO_PASSWORD : `Wrong#${i}xyz` }));
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    const [u] = await rawSql(t.db, `select id from users where username = 'expert'`);
    const events = (await rawSql(t.db, `select action from audit_events where entity_type = 'user' and entity_id = '${u!.id}' order by seq`)).map((r) => r.action as string);
    const lockedAt = events.indexOf('auth.locked');
    expect(lockedAt).toBeGreaterThanOrEqual(0);
    expect(events.slice(lockedAt).includes('auth.login')).toBe(false);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    // Leave the account usable for the other tests.
    await rawSql(t.db, `update users set failed_logins = 0, locked_until = null where username = 'expert'`);
  });

  it('logs out: the session cookie no longer works', async () => {
    const c = t.client();
    await c.login('department');
    const cookie = c.cookieHeader();
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const [ev] = await rawSql(t.db, `select actor_name, role from audit_events where action = 'auth.logout' order by occurred_at desc limit 1`);
    expect(ev).toEqual({ actor_name: 'department', role: 'department' });
    const replay = await t.app.inject({ method: 'GET', url: '/api/me/todos', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(problem(replay).code).toBe('SESSION_EXPIRED');
    expect(problem(replay).title).toBe('登录已超时');
    // The anonymous-friendly probe says "nobody" without an error status.
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: null });
  });

  it('answers /me for an anonymous visitor with 200 and user null, but refuses a session route with 请先登录 (not 登录已超时)', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: null });
    expect(me.headers['x-session-expires-at']).toBeUndefined();
    const todos = await t.app.inject({ method: 'GET', url: '/api/me/todos' });
    expect(todos.statusCode).toBe(401);
    expect(problem(todos).code).toBe('UNAUTHENTICATED');
    expect(problem(todos).title).toBe('请先登录');
  });

  it('tells the web when the session ends if left idle (x-session-expires-at = last activity + the policy idle minutes)', async () => {
    const c = t.client();
    await c.login('officer');
    await rawSql(t.db, `update sessions set last_seen_at = now() - interval '10 minutes' where user_id = (select id from users where username = 'officer')`);
    const before = Date.now();
    const res = await c.get('/api/me/todos');
    expect(res.statusCode).toBe(200);
    // The request itself is activity: the session is touched and now ends 30 minutes (the default policy) from now.
    const expiresAt = Date.parse(String(res.headers['x-session-expires-at']));
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1_000);
    const me = await c.get('/api/auth/me');
    expect(Date.parse(String(me.headers['x-session-expires-at']))).toBe(expiresAt);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const c = t.client();
    await c.login('officer');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await rawSql(t.db, `update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'officer')`);
    const res = await c.get('/api/me/todos');
    expect(res.statusCode).toBe(401);
    expect(problem(res).code).toBe('SESSION_EXPIRED');
  });

  it('refuses state-changing requests without the CSRF token, and changes nothing', async () => {
    const c = t.client();
    await c.login('secadmin');
    const before = (await c.get('/api/security/policy')).json();
    const res = await c.request('PUT', '/api/security/policy', { ...before.policy, minLength: 12 }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(problem(res).code).toBe('CSRF_INVALID');
    const forged = await c.request('PUT', '/api/security/policy', { ...before.policy, minLength: 12 }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(problem(forged).code).toBe('CSRF_INVALID');
    expect((await c.get('/api/security/policy')).json().policy.minLength).toBe(before.policy.minLength);
  });

  it('rate-limits login attempts per IP address with 429 RATE_LIMITED', async () => {
    const c = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await c.post('/api/auth/login', { username: `ghost${i}`, password: 'Wrong@2026' })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const last = await c.post('/api/auth/login', { username: 'ghost', password: 'Wrong@2026' });
    expect(last.statusCode).toBe(429);
    expect(problem(last).code).toBe('RATE_LIMITED');
  });
});

describe('own password', () => {
  it('refuses a weak new password with field errors and keeps the old one', async () => {
    const c = t.client();
    await c.login('expert');
    const res = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'abc12345' });
    expect(res.statusCode).toBe(400);
    const p = problem(res);
    expect(p.code).toBe('WEAK_PASSWORD');
    expect(p.errors!.every((e) => e.field === 'newPassword')).toBe(true);
    await t.client().login('expert');
  });

  it('refuses a wrong current password', async () => {
    const c = t.client();
    await c.login('expert');
    const res = await c.post('/api/auth/password', { currentPassword: 'Nope@2026x', newPassword: 'Fresh#Pass2026' });
    expect(problem(res)).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD', errors: [{ field: 'currentPassword' }] });
  });

  it('refuses reuse of any of the last 5 passwords, accepts the 6th older one', async () => {
    const c = t.client();
    await c.login('department');
    const pw = (i: number) => `Rotate#${i}Kc2026`;
    let current = DEMO_PASSWORD;
    for (let i = 1; i <= 5; i++) {
      expect((await c.post('/api/auth/password', { currentPassword: current, newPassword: pw(i) })).statusCode).toBe(204);
      current = pw(i);
    }
    // History now holds pw(1)…pw(5) and Demo@2026 is the sixth most recent.
    const reuse = await c.post('/api/auth/password', { currentPassword: current, newPassword: pw(2) });
    expect(problem(reuse).code).toBe('PASSWORD_REUSED');
    expect((await c.post('/api/auth/password', { currentPassword: current, newPassword: DEMO_PASSWORD })).statusCode).toBe(204);
  });

  it('after a password change, the other sessions of that user end', async () => {
    const a = t.client();
    const b = t.client();
    await a.login('applicant');
    await b.login('applicant');
    expect((await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Changed#2026kc' })).statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/me/todos')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).json()).toEqual({ user: null });
  });

  it('an expired password (older than 90 days) must be changed before anything else', async () => {
    const c = t.client();
    await rawSql(t.db, `update users set password_changed_at = now() - interval '91 days' where username = 'auditor'`);
    await c.login('auditor');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/audit/events');
    expect(blocked.statusCode).toBe(403);
    expect(problem(blocked).code).toBe('PASSWORD_EXPIRED');
    expect((await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Audit#Renewed26' })).statusCode).toBe(204);
    expect((await c.get('/api/audit/events')).statusCode).toBe(200);
  });
});

/**
 * Sign-in must not tell a guesser which usernames exist: unknown, disabled and wrong-password attempts get one
 * answer, every username locks alike, and counters and rate limits hold across app nodes (they live in the database).
 */
import { DEFAULT_SECURITY_POLICY } from '@kechuang/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, problem, rawSql, TestClient, testConfig, type TestApp } from '../../../test/helpers.js';
import { buildApp } from '../../app.js';

let t: TestApp;
let secondNode: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  // A second app over the same database stands for a second node behind the load balancer.
  secondNode = await buildApp({ database: t.database, config: testConfig });
  await secondNode.ready();
});
afterAll(async () => {
  await secondNode.close();
  await t.close();
});

/** What a caller can tell apart: status and the problem's code, title and detail. */
function answer(res: LightMyRequestResponse) {
  const { status, code, title, detail } = problem(res);
  return { status, code, title, detail };
}

async function setStatus(username: string, status: 'active' | 'disabled') {
  const admin = t.client();
  await admin.login('sysadmin');
  const user = (await admin.get(`/api/users?q=${username}`)).json().items.find((u: { username: string }) => u.username === username);
  expect((await admin.post(`/api/users/${user.id}/${status === 'disabled' ? 'disable' : 'enable'}`)).statusCode).toBe(200);
}

async function unlock(username: string) {
  await rawSql(t.db, `update users set failed_logins = 0, locked_until = null where username = '${username}'`);
}

describe('login answers reveal nothing about a username', () => {
  it('a disabled account with a wrong password answers exactly like an unknown username and a wrong password', async () => {
    await setStatus('leader', 'disabled');
    try {
      const disabled = answer(await t.client().post('/api/auth/login', { username: 'leader', password: 'Wrong#2026x' }));
      const unknown = answer(await t.client().post('/api/auth/login', { username: 'no-such-user', password: 'Wrong#2026x' }));
      const wrong = answer(await t.client().post('/api/auth/login', { username: 'expert', password: 'Wrong#2026x' }));
      expect(unknown).toEqual({ status: 401, code: 'INVALID_CREDENTIALS', title: '用户名或密码错误', detail: expect.any(String) });
      expect(disabled).toEqual(unknown);
      expect(wrong).toEqual(unknown);
      // Only the right password learns that the account is disabled (it reveals nothing to a guesser).
      const right = await t.client().post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD });
      expect(answer(right)).toMatchObject({ status: 403, code: 'ACCOUNT_DISABLED' });
      expect(right.cookies.find((c) => c.name === 'kc_session')).toBeUndefined();
    } finally {
      await unlock('leader');
      await unlock('expert');
      await setStatus('leader', 'active');
    }
  });

  it('an unknown username locks after the same number of failures, with the same answer as an account, and the lock holds on another node', async () => {
    const max = DEFAULT_SECURITY_POLICY.maxFailedLogins;
    const ghost = t.client();
    const real = t.client();
    const ghostAnswers: ReturnType<typeof answer>[] = [];
    const realAnswers: ReturnType<typeof answer>[] = [];
    for (let i = 1; i <= max + 1; i++) {
      ghostAnswers.push(answer(await ghost.post('/api/auth/login', { username: 'Ghost-Officer', password: `Bad#${i}xyzw` })));
      realAnswers.push(answer(await real.post('/api/auth/login', { username: 'officer', password: `Bad#${i}xyzw` })));
    }
    // Lock times differ by the milliseconds between the two attempts; the wording must not.
    const shape = (a: ReturnType<typeof answer>) => ({ ...a, detail: a.detail.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/, 'T') });
    expect(ghostAnswers.map(shape)).toEqual(realAnswers.map(shape));
    expect(ghostAnswers.slice(0, max - 1).every((a) => a.status === 401)).toBe(true);
    expect(ghostAnswers[max - 1]).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED' });
    expect(ghostAnswers[max]).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED' });

    // Keyed by the normalised username, in the database: another node and another spelling see the same lock.
    const [row] = await rawSql(t.db, `select failed_logins, locked_until from login_failures where username_key = 'ghost-officer'`);
    expect(row!.failed_logins).toBe(max);
    expect(new Date(row!.locked_until as string).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    const elsewhere = new TestClient(secondNode, '10.9.0.1');
    expect(answer(await elsewhere.post('/api/auth/login', { username: 'GHOST-officer', password: 'Another#1x' })).code).toBe('ACCOUNT_LOCKED');
    expect(answer(await elsewhere.post('/api/auth/login', { username: 'officer', password: DEMO_PASSWORD })).code).toBe('ACCOUNT_LOCKED');
    await unlock('officer');
  });

  it('a disabled account counts failures and locks like any other username', async () => {
    await setStatus('department', 'disabled');
    try {
      const c = t.client();
      const statuses: number[] = [];
      for (let i = 1; i <= DEFAULT_SECURITY_POLICY.maxFailedLogins; i++) statuses.push((await c.post('/api/auth/login', { username: 'department', password: `Bad#${i}xyzw` })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 423]);
      // Locked: even the right password gets the lockout answer, not "disabled".
      expect(answer(await c.post('/api/auth/login', { username: 'department', password: DEMO_PASSWORD })).code).toBe('ACCOUNT_LOCKED');
    } finally {
      await unlock('department');
      await setStatus('department', 'active');
    }
  });

  it('after a lock runs out, failures count again up to a new lock (for accounts and unknown usernames)', async () => {
    const max = DEFAULT_SECURITY_POLICY.maxFailedLogins;
    for (const username of ['applicant', 'ghost-after-lock']) {
      const c = t.client();
      for (let i = 1; i <= max; i++) await c.post('/api/auth/login', { username, password: `Bad#${i}xyzw` });
      await rawSql(t.db, `update users set locked_until = now() - interval '1 minute' where username = '${username}'`);
      await rawSql(t.db, `update login_failures set locked_until = now() - interval '1 minute' where username_key = '${username}'`);
      const statuses: number[] = [];
      for (let i = 1; i <= max; i++) statuses.push((await c.post('/api/auth/login', { username, password: `Again#${i}xyzw` })).statusCode);
      expect(statuses, username).toEqual([401, 401, 401, 401, 423]);
    }
    await unlock('applicant');
  });
});

describe('CSRF token at sign-in', () => {
  it('rotates the token: the one held before sign-in is refused afterwards, the new one from /api/auth/csrf works', async () => {
    const c = t.client();
    const before = await c.csrfToken();
    const login = await c.login('secadmin');
    const rotated = login.cookies.find((x) => x.name === 'kc_csrf');
    expect(rotated?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated!.value).not.toBe(before);
    expect(rotated!.httpOnly).toBe(true);

    const policy = (await c.get('/api/security/policy')).json().policy;
    const stale = await c.request('PUT', '/api/security/policy', { ...policy, minLength: 12 }, { csrf: false, headers: { 'x-csrf-token': before } });
    expect(problem(stale).code).toBe('CSRF_INVALID');
    expect((await c.get('/api/security/policy')).json().policy.minLength).toBe(policy.minLength);

    const fresh = (await c.get('/api/auth/csrf')).json().token;
    expect(fresh).toBe(rotated!.value);
    const ok = await c.request('PUT', '/api/security/policy', policy, { csrf: false, headers: { 'x-csrf-token': fresh } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('login rate limit across nodes', () => {
  it('is counted in the database: attempts split across two nodes trip the limit the security administrator set', async () => {
    const sec = t.client();
    await sec.login('secadmin');
    const policy = (await sec.get('/api/security/policy')).json().policy;
    expect((await sec.put('/api/security/policy', { ...policy, loginRateLimitPerMinute: 6 })).statusCode).toBe(200);
    try {
      // One address, alternating between the two nodes; in-memory counters would allow 6 on each.
      const ip = '10.77.0.1';
      const nodes = [new TestClient(t.app, ip), new TestClient(secondNode, ip)];
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await nodes[i % 2]!.post('/api/auth/login', { username: `spray-${i}`, password: 'Wrong#2026x' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
      const other = await new TestClient(secondNode, '10.77.0.2').post('/api/auth/login', { username: 'spray-x', password: 'Wrong#2026x' });
      expect(other.statusCode).toBe(401);
    } finally {
      await sec.put('/api/security/policy', policy);
    }
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:token/g, 'a'.repeat(32)).replace(/:[A-Za-z]+/g, SAMPLE_ID);

describe('authorisation is declared on every route', () => {
  it('lists the public routes explicitly; everything else is protected', () => {
    const open = t.app.routeAccess.filter((r) => r.access === 'public' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`).sort();
    expect(open).toEqual([
      'GET /api/auth/csrf',
      'GET /api/auth/me',
      'GET /api/auth/password-policy',
      'GET /api/health',
      'GET /api/invitations/:token',
      'GET /api/openapi.json',
      'GET /api/programmes',
      'GET /api/programmes/:code',
      'GET /api/programmes/:code/versions/:versionId/diff',
      'GET /api/public/acceptance-draws/:id',
      'GET /api/public/audit-anchors',
      'GET /api/public/calls',
      'GET /api/public/calls/:id',
      'GET /api/public/draws',
      'GET /api/public/draws/:id',
      'GET /api/public/notices',
      'GET /api/public/notices/:id',
      'GET /api/public/receipts/verify',
      'HEAD /api/auth/csrf',
      'HEAD /api/auth/me',
      'HEAD /api/auth/password-policy',
      'HEAD /api/health',
      'HEAD /api/invitations/:token',
      'HEAD /api/openapi.json',
      'HEAD /api/programmes',
      'HEAD /api/programmes/:code',
      'HEAD /api/programmes/:code/versions/:versionId/diff',
      'HEAD /api/public/acceptance-draws/:id',
      'HEAD /api/public/audit-anchors',
      'HEAD /api/public/calls',
      'HEAD /api/public/calls/:id',
      'HEAD /api/public/draws',
      'HEAD /api/public/draws/:id',
      'HEAD /api/public/notices',
      'HEAD /api/public/notices/:id',
      'HEAD /api/public/receipts/verify',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/register',
      'POST /api/funding/quote',
      'POST /api/invitations/:token/accept',
      'POST /api/public/notices/:id/objections',
    ]);
  });

  it('every non-public route refuses an anonymous caller with 401 problem+json', async () => {
    const c = t.client();
    const protectedRoutes = t.app.routeAccess.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    expect(protectedRoutes.length).toBeGreaterThan(20);
    for (const r of protectedRoutes) {
      const res = await c.request(r.method as 'GET', concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(problem(res).code).toBe('UNAUTHENTICATED');
    }
  });

  it('an encoded path reaches no route unchecked: /%61pi/… is refused exactly like /api/…, and nothing is written', async () => {
    const anon = t.client();
    const create = await anon.request('POST', '/%61pi/users', { username: 'evil', name: '坏人', phone: '', email: '', roles: ['sysadmin'], organisationId: null }, { csrf: false });
    expect([401, 403]).toContain(create.statusCode);
    expect((await anon.get('/%61pi/audit/events')).statusCode).toBe(401);
    expect((await anon.get('/%2Fapi/organisations/export')).statusCode).toBeGreaterThanOrEqual(400);
    const applicant = t.client();
    await applicant.login('applicant');
    expect((await applicant.get('/%61pi/audit/events')).statusCode).toBe(403);
    expect(await rawSql(t.db, `select 1 from users where username = 'evil'`)).toHaveLength(0);
  });

  it('every permission-guarded route refuses a signed-in user without that permission with 403', async () => {
    const expert = t.client();
    await expert.login('expert'); // holds few permissions (profile, expert.profile, review.score)
    const applicant = t.client();
    await applicant.login('applicant');
    const guarded = t.app.routeAccess.filter((r) => typeof r.access === 'object' && r.method !== 'HEAD');
    for (const r of guarded) {
      // The expert's own routes are checked with the applicant, who holds none of them.
      const caller = typeof r.access === 'object' && hasPermission(['expert'], r.access.permission) ? applicant : expert;
      const res = await caller.request(r.method as 'GET', concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it.each([
    ['applicant', '/api/organisations', 403],
    ['officer', '/api/organisations', 200],
    ['leader', '/api/organisations', 200],
    ['sysadmin', '/api/users', 200],
    ['officer', '/api/users', 403],
    ['secadmin', '/api/security/policy', 200],
    ['sysadmin', '/api/security/policy', 200],
    ['applicant', '/api/security/policy', 403],
    ['auditor', '/api/audit/events', 200],
    ['sysadmin', '/api/audit/events', 403],
    ['applicant', '/api/organisations/mine', 200],
    ['officer', '/api/organisations/mine', 403],
  ])('%s GET %s → %i', async (role, url, status) => {
    const c = t.client();
    await c.login(role);
    expect((await c.get(url)).statusCode).toBe(status);
  });

  it('an applicant cannot read another organisation by id; an officer can', async () => {
    const officer = t.client();
    await officer.login('officer');
    const orgs = (await officer.get('/api/organisations?pageSize=50')).json().items as { id: string; name: string }[];
    const other = orgs.find((o) => o.name === '甬江理工大学')!;
    expect((await officer.get(`/api/organisations/${other.id}`)).statusCode).toBe(200);
    const applicant = t.client();
    await applicant.login('applicant');
    const res = await applicant.get(`/api/organisations/${other.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('甬江理工大学');
  });
});

describe('organisation list for bureau staff', () => {
  it('sorts by name and exports exactly the filtered rows to Excel, credit codes as text', async () => {
    const officer = t.client();
    await officer.login('officer');
    const sorted = (await officer.get('/api/organisations?sort=name&pageSize=50')).json().items.map((o: { name: string }) => o.name);
    expect(sorted).toEqual([...sorted].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const enterprises = (await officer.get('/api/organisations?type=enterprise')).json();
    const res = await officer.get('/api/organisations/export?type=enterprise');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(enterprises.total);
    const codes = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(2).value);
    expect(codes.every((c) => typeof c === 'string' && c.length === 18)).toBe(true);
    const applicant = t.client();
    await applicant.login('applicant');
    expect((await applicant.get('/api/organisations/export')).statusCode).toBe(403);
  });
});

describe('bad input never produces a 500', () => {
  it.each([
    ['malformed JSON', '{"username": ', 'application/json', 400, 'BAD_REQUEST_BODY'],
    ['wrong content type', 'username=a', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['JSON array instead of object', '[1,2]', 'application/json', 400, 'VALIDATION_FAILED'],
    ['null body', 'null', 'application/json', 400, 'VALIDATION_FAILED'],
  ])('%s → %i %s', async (_label, raw, type, status, code) => {
    const c = t.client();
    const res = await c.request('POST', '/api/auth/login', undefined, { rawBody: raw, headers: { 'content-type': type } });
    expect(res.statusCode).toBe(status);
    expect(problem(res)).toMatchObject({ code, status });
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['an unpaired surrogate', '\ud800x'],
  ])('text with %s is refused with 400 before anything is stored', async (_label, username) => {
    const before = await rawSql(t.db, 'select count(*)::int as n from audit_events');
    const res = await t.client().post('/api/auth/login', { username, password: 'Whatever#1' });
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('BAD_REQUEST_BODY');
    expect(await rawSql(t.db, 'select count(*)::int as n from audit_events')).toEqual(before);
  });

  it('an oversized body is refused with 413', async () => {
    const res = await t.client().request('POST', '/api/auth/login', undefined, { rawBody: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(problem(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown API paths answer 404 problem+json', async () => {
    const res = await t.client().get('/api/no-such-thing');
    expect(problem(res)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  // Random bodies on every write route, as every role allowed to call it, with real ids: write-fuzz.int.test.ts.
});

import ExcelJS from 'exceljs';
import { chainOf } from '@kechuang/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
let auditor: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  auditor = t.client();
  await auditor.login('auditor');
  // Some activity to audit.
  const admin = t.client();
  await admin.login('sysadmin');
  await admin.post('/api/users', { username: 'newofficer', name: '新经办', phone: '', email: '', roles: ['officer'], organisationId: null });
});
afterAll(() => t.close());

/** Tampering needs the append-only trigger out of the way, as an intruder with owner rights would do. */
async function tamper(statement: string) {
  t.auditTampered();
  await rawSql(t.db, 'alter table audit_events disable trigger audit_events_append_only');
  await rawSql(t.db, statement);
  await rawSql(t.db, 'alter table audit_events enable trigger audit_events_append_only');
}

describe('audit trail', () => {
  it('records every state change with actor, role, action, entity, before/after, IP and time', async () => {
    const res = await auditor.get('/api/audit/events?action=user.create&pageSize=100');
    const ev = res.json().items.find((e: { changes: { username?: { after: string } } }) => e.changes?.username?.after === 'newofficer');
    expect(ev).toMatchObject({ actorName: 'sysadmin', role: 'sysadmin', action: 'user.create', actionLabel: '创建用户', entityType: 'user', ip: expect.stringMatching(/^10\.0\./) });
    expect(ev.changes.roles).toEqual({ before: null, after: ['officer'] });
    expect(JSON.stringify(ev.changes)).not.toMatch(/argon2|passwordHash/);
  });

  it('records login success and failure', async () => {
    await t.client().post('/api/auth/login', { username: 'officer', password: 'Wrong#2026x' });
    const failed = (await auditor.get('/api/audit/events?action=auth.loginFailed&actor=officer')).json();
    expect(failed.total).toBeGreaterThan(0);
    const ok = (await auditor.get('/api/audit/events?action=auth.login&actor=auditor')).json();
    expect(ok.total).toBeGreaterThan(0);
  });

  it('filters by time range, pages and sorts', async () => {
    const all = (await auditor.get('/api/audit/events?pageSize=200&sort=occurredAt')).json();
    expect(all.total).toBeGreaterThan(5);
    const times = all.items.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort()).toEqual(times);
    const page2 = (await auditor.get('/api/audit/events?pageSize=2&page=2&sort=occurredAt')).json();
    expect(page2.items.map((e: { id: string }) => e.id)).toEqual(all.items.slice(2, 4).map((e: { id: string }) => e.id));
    const future = (await auditor.get(`/api/audit/events?from=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`)).json();
    expect(future.total).toBe(0);
    const bad = await auditor.get('/api/audit/events?from=yesterday');
    expect(problem(bad).code).toBe('VALIDATION_FAILED');
  });

  it('exports the filtered events to Excel', async () => {
    const res = await auditor.get('/api/audit/events/export?action=user.create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('操作');
    const total = (await auditor.get('/api/audit/events?action=user.create')).json().total;
    expect(ws.rowCount - 1).toBe(total);
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(5).value).toBe('user.create');
  });

  it('separation of duties: the sysadmin and secadmin cannot read the audit trail; the auditor cannot manage users', async () => {
    for (const role of ['sysadmin', 'secadmin', 'officer']) {
      const c = t.client();
      await c.login(role);
      expect((await c.get('/api/audit/events')).statusCode).toBe(403);
      expect((await c.get('/api/audit/verify')).statusCode).toBe(403);
    }
    expect((await auditor.get('/api/users')).statusCode).toBe(403);
    expect((await auditor.put('/api/security/policy', {})).statusCode).toBe(403);
  });

  it('documents its responses in OpenAPI from the shared schemas (issue 15 item 9)', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const ok = (path: string, method: string, status = '200') => doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(Object.keys(ok('/api/audit/events', 'get').properties.items.items.properties)).toEqual(expect.arrayContaining(['actionLabel', 'entityTypeLabel', 'changes']));
    expect(ok('/api/audit/anchors', 'post', '201').properties.prevHash).toBeDefined();
    expect(ok('/api/public/audit-anchors', 'get').properties.items.items.required).toEqual(expect.arrayContaining(['prevHash', 'hash', 'heads']));
    expect(ok('/api/audit/verify', 'get')).toBeDefined();
  });

  it('the database refuses UPDATE and DELETE on audit events', async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
    expect(await refusal(rawSql(t.db, `update audit_events set actor_name = 'x'`))).toMatch(/append-only/);
    expect(await refusal(rawSql(t.db, `delete from audit_events`))).toMatch(/append-only/);
  });

  it('verify walks every chain and answers ok with the count', async () => {
    const [{ n }] = (await rawSql(t.db, 'select count(*)::int as n from audit_events')) as [{ n: number }];
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res).toEqual({ ok: true, checked: n, chains: 16, anchors: 0 });
  });

  it('anchors bind all chain heads; verify checks them', async () => {
    const a = await auditor.post('/api/audit/anchors');
    expect(a.statusCode).toBe(201);
    expect(a.json().heads).toHaveLength(16);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, anchors: 1 });
    expect((await auditor.get('/api/audit/anchors')).json().items[0].hash).toBe(a.json().hash);
    const published = (await t.client().get('/api/public/audit-anchors')).json().items;
    expect(published[0]).toEqual({ createdAt: a.json().createdAt, hash: a.json().hash, prevHash: a.json().prevHash, heads: a.json().heads });
  });

  it('detects a row changed directly in SQL and names the broken event', async () => {
    const [victim] = await rawSql(t.db, `select id, chain, seq, actor_name from audit_events where action = 'user.create' limit 1`);
    await tamper(`update audit_events set actor_name = 'someone-else' where id = '${victim!.id}'`);
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.broken).toMatchObject({ eventId: victim!.id, chain: victim!.chain, seq: victim!.seq, reason: 'hash-mismatch' });
    expect(res.broken.message).toContain('篡改');
    await tamper(`update audit_events set actor_name = '${victim!.actor_name}' where id = '${victim!.id}'`);
    expect((await auditor.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('detects deletion of the last event of a chain, and a rewound head through the anchor', async () => {
    const anchor = (await auditor.post('/api/audit/anchors')).json() as { heads: { chain: number; seq: number }[] };
    // A chain that verify itself does not write to, whose last event the anchor covers.
    const verifyChainNo = chainOf('audit', 'trail');
    const heads = await rawSql(t.db, 'select chain, seq from audit_chain_heads where seq > 0 order by chain');
    const target = heads.find((h) => h.chain !== verifyChainNo && anchor.heads.some((a) => a.chain === h.chain && a.seq === h.seq))!;
    const [last] = await rawSql(t.db, `select id, seq, prev_hash from audit_events where chain = ${target.chain} and seq = ${target.seq}`);
    await tamper(`delete from audit_events where id = '${last!.id}'`);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: false, broken: { reason: 'head-mismatch', chain: target.chain } });

    // A careful intruder with superuser rights also rewinds the chain head (the head trigger refuses
    // anyone else); the anchor still exposes the deletion.
    await rawSql(t.db, 'alter table audit_chain_heads disable trigger audit_chain_heads_advance_only');
    await rawSql(t.db, `update audit_chain_heads set seq = ${Number(last!.seq) - 1}, hash = '${last!.prev_hash}' where chain = ${target.chain}`);
    await rawSql(t.db, 'alter table audit_chain_heads enable trigger audit_chain_heads_advance_only');
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res).toMatchObject({ ok: false, broken: { reason: 'anchor-mismatch' } });
    expect(res.broken.message).toContain(`第${target.chain}号链`);
  });
});

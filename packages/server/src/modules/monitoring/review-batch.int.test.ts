import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
let officer: TestClient;
let dept: TestClient;
let leader: TestClient;

interface QueueItem {
  id: string;
  state: string;
  unit: { code: string };
}

beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  dept = t.client();
  leader = t.client();
  await Promise.all([officer.login('officer'), dept.login('department'), leader.login('leader')]);
});
afterAll(() => t.close());

const submitted = async (): Promise<QueueItem[]> => (await officer.get('/api/monitoring/review?plan=nb-315&state=submitted&pageSize=200')).json().items;
const rows = (ids: string[]) =>
  rawSql(t.database.db, `select id, state, accepted_value, reviewed_by from monitoring_reports where id in (${ids.map((id) => `'${id}'`).join(',')}) order by id`);
const auditCount = async (ids: string[]) =>
  Number((await rawSql(t.database.db, `select count(*)::int as n from audit_events where entity_id in (${ids.map((id) => `'${id}'`).join(',')})`))[0]!.n);

describe('批量采纳 (POST /api/monitoring/reports/accept-batch)', () => {
  it('refuses the whole batch when one report cannot be accepted, naming it, and leaves every row unchanged', async () => {
    const queue = await submitted();
    expect(queue.length).toBeGreaterThanOrEqual(5);
    const [a, b, c] = queue;
    // Accept one first: it is no longer in the submitted state, so the batch below must be refused.
    expect((await officer.post(`/api/monitoring/reports/${c!.id}/accept`)).json().state).toBe('accepted');
    const ids = [a!.id, b!.id, c!.id];
    const before = await rows(ids);
    const auditBefore = await auditCount(ids);

    const res = await officer.post('/api/monitoring/reports/accept-batch', { ids });
    const p = problem(res);
    expect(p).toMatchObject({ status: 409, code: 'REPORT_TRANSITION_REFUSED' });
    expect(p.errors).toEqual([{ field: 'ids.2', message: expect.stringContaining('已采纳') }]);
    expect(res.json().failures).toEqual([{ id: c!.id, code: 'REPORT_TRANSITION_REFUSED', detail: expect.any(String) }]);

    expect(await rows(ids)).toEqual(before);
    expect(await auditCount(ids)).toBe(auditBefore);
  });

  it('refuses an unknown id with the rest untouched', async () => {
    const [a] = await submitted();
    const ghost = '00000000-0000-4000-8000-000000000000';
    const before = await rows([a!.id]);
    const res = await officer.post('/api/monitoring/reports/accept-batch', { ids: [a!.id, ghost] });
    expect(problem(res)).toMatchObject({ status: 409, errors: [{ field: 'ids.1', message: '报送记录不存在' }] });
    expect(await rows([a!.id])).toEqual(before);
  });

  it('accepts every report of the batch in one go, each with its own audit event', async () => {
    const ids = (await submitted()).slice(0, 4).map((r) => r.id);
    const res = await officer.post('/api/monitoring/reports/accept-batch', { ids: [...ids, ids[0]] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 4 });
    expect(res.json().items.map((i: { id: string; state: string }) => [i.id, i.state])).toEqual(ids.map((id) => [id, 'accepted']));
    for (const r of await rows(ids)) expect(r).toMatchObject({ state: 'accepted', accepted_value: expect.anything() });
    const audit = await rawSql(t.database.db, `select entity_id from audit_events where action = 'monitoring.report.accept' and entity_id in (${ids.map((id) => `'${id}'`).join(',')})`);
    expect(audit.map((x) => x.entity_id).sort()).toEqual([...ids].sort());
    const queue = (await submitted()).map((r) => r.id);
    for (const id of ids) expect(queue).not.toContain(id);
  });

  it('validates the body (empty, too many, not ids) in Chinese, changing nothing', async () => {
    const [a] = await submitted();
    const before = await rows([a!.id]);
    expect(problem(await officer.post('/api/monitoring/reports/accept-batch', { ids: [] }))).toMatchObject({ status: 400, errors: [{ message: '请至少选择一条报送' }] });
    const many = Array.from({ length: 201 }, () => a!.id);
    expect(problem(await officer.post('/api/monitoring/reports/accept-batch', { ids: many }))).toMatchObject({ status: 400, errors: [{ message: '一次最多采纳 200 条' }] });
    expect(problem(await officer.post('/api/monitoring/reports/accept-batch', { ids: ['x'] })).status).toBe(400);
    expect(problem(await officer.post('/api/monitoring/reports/accept-batch', {})).status).toBe(400);
    expect(await rows([a!.id])).toEqual(before);
  });

  it('is the bureau’s: a department or a leader is refused and nothing changes', async () => {
    const [a] = await submitted();
    const before = await rows([a!.id]);
    expect((await dept.post('/api/monitoring/reports/accept-batch', { ids: [a!.id] })).statusCode).toBe(403);
    expect((await leader.post('/api/monitoring/reports/accept-batch', { ids: [a!.id] })).statusCode).toBe(403);
    expect((await t.client().post('/api/monitoring/reports/accept-batch', { ids: [a!.id] })).statusCode).toBe(401);
    expect(await rows([a!.id])).toEqual(before);
  });
});

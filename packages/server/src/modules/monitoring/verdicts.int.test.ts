/**
 * Issue 15 items 6, 7, 12, 21, 25 and 29 through the server: due dates and lateness in Asia/Shanghai from the
 * domain, exact decimals, evidence after a return, display values of counts, and demo data labelled 演示.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, reportingPeriodFor, shanghaiToday } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
let officer: TestClient;
let dept: TestClient;
const month = reportingPeriodFor('monthly', shanghaiToday(new Date()));

beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  dept = t.client();
  await Promise.all([officer.login('officer'), dept.login('department')]);
});
afterAll(() => t.close());

interface ReviewItem {
  id: string;
  period: string;
  state: string;
  dueDate: string;
  overdue: boolean;
  actions: string[];
  unit: { code: string };
}

describe('P315-3 due dates and lateness are the domain’s, in Asia/Shanghai', () => {
  it('a submission at 23:59:59 on the due day (15:59:59 UTC) is on time; at 00:00:00 the next day it is late', async () => {
    const queue = (await officer.get(`/api/monitoring/review?state=submitted&period=${month}&pageSize=200`)).json().items as ReviewItem[];
    const item = queue[0]!;
    const due = dueDate(item.period, 10);
    expect(item.dueDate).toBe(due);
    const read = async () => ((await officer.get(`/api/monitoring/review?state=submitted&period=${month}&pageSize=200`)).json().items as ReviewItem[]).find((i) => i.id === item.id)!;
    const lateSubmissions = async () => ((await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json().items as { unit: { code: string }; lateSubmissions: number }[]).find((i) => i.unit.code === item.unit.code)!.lateSubmissions;
    // Only this report is moved; the unit's other reports are set well before the due day.
    await rawSql(t.db, `update monitoring_reports set submitted_at = '${due}T00:00:00Z' where unit_id = (select unit_id from monitoring_reports where id = '${item.id}') and state = 'submitted'`);
    await rawSql(t.db, `update monitoring_reports set submitted_at = '${due}T15:59:59Z' where id = '${item.id}'`);
    expect(await read()).toMatchObject({ dueDate: due, overdue: false, actions: ['accept', 'return'] });
    expect(await lateSubmissions()).toBe(0);
    await rawSql(t.db, `update monitoring_reports set submitted_at = '${due}T16:00:00Z' where id = '${item.id}'`);
    expect(await read()).toMatchObject({ dueDate: due, overdue: true });
    expect(await lateSubmissions()).toBe(1);
  });

  it('the reporting sheet, task list, lateness and dashboard carry dueDate (YYYY-MM-DD) and overdue', async () => {
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const today = shanghaiToday(new Date());
    const due = dueDate(month, 10);
    expect(sheet).toMatchObject({ dueDate: due, due, today });
    expect(sheet.overdue).toBe(today > due && sheet.indicators.some((i: { report: unknown }) => i.report === null));
    for (const row of sheet.indicators) {
      expect(row.dueDate).toBe(dueDate(row.period, 10));
      expect(row.overdue).toBe(today > row.dueDate && (row.report === null || ['draft', 'returned'].includes(row.report.state)));
    }
    for (const row of sheet.tasks) expect(row).toMatchObject({ dueDate: due, overdue: today > due && row.report === null });
    for (const p of sheet.periods) expect(p).toMatchObject({ dueDate: p.due, overdue: today > p.due });
    const late = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json();
    expect(late).toMatchObject({ due, dueDate: due, overdue: today > due });
    for (const i of late.items) expect(i).toMatchObject({ dueDate: due, overdue: i.late });
    const dash = (await officer.get(`/api/monitoring/dashboard?plan=nb-315&period=${month}`)).json();
    expect(dash).toMatchObject({ dueDate: due, overdue: today > due });
    const tasks = (await officer.get('/api/monitoring/plans/nb-315/tasks')).json().items as { due: string; dueDate: string; overdue: boolean; status: string }[];
    for (const task of tasks) expect(task).toMatchObject({ dueDate: task.due, overdue: task.status === 'overdue' });
  });
});

describe('exact decimals', () => {
  it('the tolerance band is rounded half up on the exact decimal: 1.005 → 1.01 (a float gives 1)', async () => {
    const res = await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: 1.005 });
    expect(res.statusCode).toBe(200);
    expect(res.json().tolerancePercent).toBe('1.01');
    expect((await officer.get('/api/monitoring/plans/nb-315')).json().plan.tolerancePercent).toBe('1.01');
    expect((await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: '2.345' })).json().tolerancePercent).toBe('2.35');
    const bad = await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: 50.01 });
    expect(problem(bad)).toMatchObject({ status: 400 });
    expect((await officer.get('/api/monitoring/plans/nb-315')).json().plan.tolerancePercent).toBe('2.35');
    await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: 5 });
  });

  it('completeness and shares are exact two-place percentages', async () => {
    const late = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json();
    for (const i of late.items) expect(i.completeness).toMatch(/^\d{1,3}\.\d{2}$/);
    const dash = (await officer.get(`/api/monitoring/dashboard?plan=nb-315&period=${month}`)).json();
    for (const s of [dash.onTrackShare, dash.coreOnTrackShare, dash.completeness]) if (s !== null) expect(s).toMatch(/^\d{1,3}\.\d{2}$/);
  });

  it('count indicators are displayed in whole units (expected 9.07个 is shown as 9), with thousands separators', async () => {
    const { indicators } = (await officer.get('/api/monitoring/plans/nb-315')).json() as { indicators: { unit: string; expected: string | null; countUnit: boolean; display: { expected: string | null; target: string | null }; target: { value: string | null }; targetKind: string }[] };
    const counts = indicators.filter((i) => i.countUnit);
    expect(counts.length).toBeGreaterThan(0);
    for (const i of counts) {
      if (i.expected !== null) expect(i.display.expected).toMatch(/^-?\d{1,3}(,\d{3})*$/);
      if (i.targetKind === 'level' && i.target.value !== null) expect(i.display.target).toMatch(/^-?\d{1,3}(,\d{3})*$/);
    }
    expect(indicators.find((i) => i.target.value === '13000')!.display.target).toBe('13,000');
  });
});

describe('evidence after a return (issue 15 item 21)', () => {
  it('evidence cannot be removed while submitted, can be removed once returned, and the removal is audited', async () => {
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const row = sheet.indicators.find((r: { report: unknown }) => r.report === null) ?? sheet.indicators[0];
    const base = `/api/monitoring/reporting/indicators/${row.indicator.id}/${row.period}`;
    expect((await dept.put(base, { value: '12', note: '本月统计' })).statusCode).toBe(200);
    const ev = (await dept.upload(`${base}/evidence`, 'note.pdf', Buffer.from('%PDF-1.4 test'))).json();
    const mine = async () => (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.find((r: { indicator: { id: string } }) => r.indicator.id === row.indicator.id).report;
    expect(await mine()).toMatchObject({ state: 'draft', actions: ['save', 'submit'], canAddEvidence: true, evidence: [{ id: ev.id, canDelete: true }] });
    expect((await dept.post('/api/monitoring/reporting/submit', { period: month })).statusCode).toBe(200);
    const submitted = await mine();
    expect(submitted).toMatchObject({ state: 'submitted', actions: [], canAddEvidence: false, evidence: [{ id: ev.id, canDelete: false }] });
    expect(problem(await dept.request('DELETE', `/api/monitoring/evidence/${ev.id}`))).toMatchObject({ status: 409, code: 'REPORT_LOCKED' });
    expect(await rawSql(t.db, `select id from monitoring_evidence where id = '${ev.id}'`)).toHaveLength(1);
    expect((await officer.post(`/api/monitoring/reports/${submitted.id}/return`, { comment: '请补充说明' })).statusCode).toBe(200);
    expect(await mine()).toMatchObject({ state: 'returned', actions: ['save', 'submit'], evidence: [{ id: ev.id, canDelete: true }] });
    expect((await dept.request('DELETE', `/api/monitoring/evidence/${ev.id}`)).statusCode).toBe(204);
    expect(await rawSql(t.db, `select id from monitoring_evidence where id = '${ev.id}'`)).toHaveLength(0);
    const audit = await rawSql(t.db, `select detail from audit_events where action = 'monitoring.evidence.delete' and entity_id = '${submitted.id}'`);
    expect(audit).toHaveLength(1);
    expect((audit[0]!.detail as { evidence: string }).evidence).toBe(ev.id);
    expect((await mine()).evidence).toEqual([]);
  });

  it('a refused transition answers with the workflow’s reason and leaves the report as it was', async () => {
    const [r] = await rawSql(t.db, `select id, state, revision from monitoring_reports where state = 'accepted' limit 1`);
    const res = await officer.post(`/api/monitoring/reports/${String(r!.id)}/accept`);
    expect(problem(res)).toMatchObject({ status: 409, code: 'REPORT_TRANSITION_REFUSED', detail: expect.stringContaining('只有待审核的报送可以采纳') });
    expect(await rawSql(t.db, `select state, revision from monitoring_reports where id = '${String(r!.id)}'`)).toEqual([{ state: r!.state, revision: r!.revision }]);
  });
});

describe('demo data says it is demo data (issue 15 items 25, 29)', () => {
  it('every demo-seeded record visible to users contains 演示', async () => {
    const check = async (query: string, what: string) => {
      const list = await rawSql(t.db, query);
      expect(list.length, what).toBeGreaterThan(0);
      for (const r of list) for (const [k, v] of Object.entries(r)) expect(String(v), `${what}.${k}`).toContain('演示');
    };
    // Seeded reports (not those this suite saved): the seed's revisions are by system.demo.
    await check(`select r.note from monitoring_reports r where exists (select 1 from monitoring_report_revisions v where v.report_id = r.id and v.by_name = 'system.demo')`, 'report note');
    await check(`select note from monitoring_report_revisions where by_name = 'system.demo'`, 'revision note');
    await check(`select progress, note from monitoring_task_reports`, 'task report');
    await check(`select title from monitoring_milestones where sort_order = 99`, 'demo milestone');
    await check(`select project_no, title, lead_name from portfolio_projects`, 'project');
    await check(`select source from portfolio_reported`, 'reported figure source');
    await check(`select title from town_evaluations`, 'town evaluation');
    const towns = (await rawSql(t.db, `select towns from town_evaluations`))[0]!.towns as { name: string }[];
    for (const town of towns) expect(town.name).toContain('演示');
    await check(`select note from monitoring_indicators where base_value is not null and note like '%演示基数%'`, 'demo base');
  });

  it('the portfolio statistics say they are computed from demo records', async () => {
    const p = (await officer.get('/api/monitoring/portfolio')).json();
    expect(p.demo).toBe(true);
    expect(p.years.find((y: { year: number }) => y.year === 2024)).toMatchObject({ demo: true, approved: 301, jointShare: '56.15' });
  });

  it('no plan shows an internal file reference in its source', async () => {
    for (const code of ['yz-13', 'yz-14', 'nb-315']) expect((await officer.get(`/api/monitoring/plans/${code}`)).json().plan.source).not.toMatch(/seeds\//);
  });
});

describe('monitoring invariants (issue 15 item 12)', () => {
  it('hold on the seeded and worked data, and name a report whose state disagrees with its revisions', async () => {
    const { monitoringInvariants } = await import('./invariants.js');
    expect(await monitoringInvariants(t.db)).toEqual([]);
    const [r] = await rawSql(t.db, `select id from monitoring_reports where state = 'submitted' limit 1`);
    const id = String(r!.id);
    await rawSql(t.db, `update monitoring_reports set state = 'accepted' where id = '${id}'`);
    try {
      const problems = await monitoringInvariants(t.db);
      expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(`report ${id.slice(0, 8)}… is accepted r1 but its latest revision is submitted r1`), expect.stringContaining(`accepted indicator report ${id.slice(0, 8)}… has no acceptance revision`)]));
    } finally {
      await rawSql(t.db, `update monitoring_reports set state = 'submitted' where id = '${id}'`);
    }
    await rawSql(t.db, `update monitoring_indicator_units set position = 5 where position = 0 and indicator_id = (select indicator_id from monitoring_indicator_units where position = 0 limit 1) returning indicator_id`).then(async ([x]) => {
      try {
        expect(await monitoringInvariants(t.db)).toEqual(expect.arrayContaining([expect.stringContaining('has no lead unit')]));
      } finally {
        await rawSql(t.db, `update monitoring_indicator_units set position = 0 where position = 5 and indicator_id = '${String(x!.indicator_id)}'`);
      }
    });
  });
});

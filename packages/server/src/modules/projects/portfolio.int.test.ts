import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioDashboard, PortfolioProjectView } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { findProject, transitionProject } from './lifecycle.js';
import { orderRecovery, recordProjectMovement } from './ledger.js';
import { projectInvariants } from './invariants.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;
type Page = { items: PortfolioProjectView[]; total: number };

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4);
  officer = p.officer;
  const actor = await actorOf(t, 'officer');
  // 0: approved (awaiting signature); 1: executing with 600,000 paid; 2: terminated after 300,000 paid; 3: executing, nothing paid.
  await signedProject(t, p.projectIds[1]!);
  await signedProject(t, p.projectIds[2]!);
  await signedProject(t, p.projectIds[3]!);
  await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, p.projectIds[1]!, { forUpdate: true }), { kind: 'disburse', amountYuan: 600_000, note: '首笔拨付' }));
  await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, p.projectIds[2]!, { forUpdate: true }), { kind: 'disburse', amountYuan: 300_000, note: '首笔拨付' }));
  await t.db.transaction(async (tx) => {
    const row = await transitionProject(tx, actor, await findProject(tx, p.projectIds[2]!, { forUpdate: true }), 'terminate', { summary: '测试终止' });
    await orderRecovery(tx, actor, row, { reason: 'terminate', owedYuan: 100_000, basis: '测试终止', now: new Date('2026-01-05T02:00:00Z') });
  });
}, 240_000);
afterAll(async () => t?.close());

const list = async (c: TestClient, query: string): Promise<Page> => {
  const res = await c.get(`/api/projects?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
const numbers = (page: Page) => page.items.map((i) => i.projectNo);

describe('portfolio (项目库)', () => {
  it('keeps the money columns equal to the ledger entries (trigger), shown on each row', async () => {
    const page = await list(officer, 'sort=projectNo');
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(p.projectIds[1]!)).toMatchObject({ committedYuan: 1_000_000, disbursedYuan: 600_000, releasedYuan: 0, repaidYuan: 0, undisbursedYuan: 400_000 });
    expect(byId.get(p.projectIds[2]!)).toMatchObject({ committedYuan: 1_000_000, disbursedYuan: 300_000, releasedYuan: 700_000, undisbursedYuan: 0, state: 'terminated' });
    expect(await projectInvariants(t.db)).toEqual([]);
  });

  it('a bulk insert of several movements in one statement adds each project its own sums; movements are never changed or deleted', async () => {
    const [e] = await rawSql(t.db, `select programme_id, year from budget_entries where project_id = '${p.projectIds[3]}' limit 1`);
    const [row] = await rawSql(t.db, `select project_no from projects where id = '${p.projectIds[3]}'`);
    await rawSql(t.db, `insert into budget_entries (id, programme_id, year, kind, amount_yuan, reference, note, project_id)
      select gen_random_uuid(), '${String(e!.programme_id)}', ${Number(e!.year)}, 'disburse', x, 'project:${String(row!.project_no)}', '批量', '${p.projectIds[3]}' from unnest(array[1000, 2345]) as x`);
    const [sums] = await rawSql(t.db, `select disbursed_yuan from projects where id = '${p.projectIds[3]}'`);
    expect(Number(sums!.disbursed_yuan)).toBe(3345);
    expect(await projectInvariants(t.db)).toEqual([]);
    await expect(rawSql(t.db, `update budget_entries set amount_yuan = 1 where project_id = '${p.projectIds[3]}'`)).rejects.toThrow();
    await expect(rawSql(t.db, `delete from budget_entries where project_id = '${p.projectIds[3]}'`)).rejects.toThrow();
  });

  it('filters by several states, programme, year, field and dates; sorts by disbursement; keeps the contract’s fields', async () => {
    const both = await list(officer, `state=executing&state=terminated&programme=${p.programmeCode}&year=${p.year}&sort=-disbursedYuan`);
    expect(both.items.map((i) => i.id)).toEqual([p.projectIds[1], p.projectIds[2], p.projectIds[3]]);
    expect(both.items[0]).toHaveProperty('application.applicationNo');
    expect(both.items[0]).toHaveProperty('leaderName');
    const comma = await list(officer, 'state=approved,terminated');
    expect(comma.items.map((i) => i.id).sort()).toEqual([p.projectIds[0], p.projectIds[2]].sort());
    expect((await list(officer, `year=${p.year + 1}`)).total).toBe(0);
    const first = both.items[0]!;
    expect((await list(officer, `field=${first.fieldCode ?? ''}`)).items.every((i) => i.fieldCode === first.fieldCode)).toBe(true);
    const end = first.effectiveEndDate!;
    expect(numbers(await list(officer, `endFrom=${end}&endTo=${end}`))).toContain(first.projectNo);
    const approvedDay = new Date(new Date(first.approvedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await list(officer, `approvedFrom=${approvedDay}&approvedTo=${approvedDay}`)).total).toBe(4);
    expect((await list(officer, 'approvedTo=2000-01-01')).total).toBe(0);
    expect((await list(officer, 'overdueRecovery=true')).items.map((i) => i.id)).toEqual([p.projectIds[2]]);
    expect((await list(officer, 'sort=-effectiveEndDate&pageSize=2')).items).toHaveLength(2);
  });

  it('refuses a bad filter with 400 and the field named, in Chinese', async () => {
    const bad = problem(await officer.get('/api/projects?state=running'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.errors)).toContain('state');
    const dates = problem(await officer.get('/api/projects?approvedFrom=2026-05-02&approvedTo=2026-05-01'));
    expect(dates.status).toBe(400);
    expect(JSON.stringify(dates.errors)).toContain('起始日不能晚于截止日');
    expect(problem(await officer.get('/api/projects?sort=title')).status).toBe(400);
  });

  it('an applicant sees only its own organisation’s projects, in the list and the dashboard', async () => {
    const mine = await list(undertakerOf(p, 1), '');
    expect(mine.items.map((i) => i.id)).toEqual([p.projectIds[1]]);
    const dash = (await undertakerOf(p, 1).get('/api/projects/dashboard')).json() as PortfolioDashboard;
    expect(dash.total).toMatchObject({ count: 1, disbursedYuan: 600_000 });
  });

  it('dashboard: exact integers by stage, programme, year and field; commitment against disbursement per programme-year', async () => {
    const res = await officer.get(`/api/projects/dashboard?programme=${p.programmeCode}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as PortfolioDashboard;
    expect(d.total).toMatchObject({ count: 4, approvedYuan: 4_000_000, committedYuan: 4_000_000, disbursedYuan: 903_345, releasedYuan: 700_000, repaidYuan: 0 });
    expect(d.total.undisbursedYuan).toBe(4_000_000 - 700_000 - 903_345);
    expect(d.total.disbursedShare).toBe('27.37'); // 903,345 / (4,000,000 − 700,000) = 27.3740…%
    expect(d.byState.find((s) => s.state === 'executing')).toMatchObject({ count: 2, label: '执行中' });
    expect(d.byState.reduce((s, r) => s + r.count, 0)).toBe(4);
    expect(d.byProgramme).toHaveLength(1);
    expect(d.byProgramme[0]!.name).not.toBe('');
    expect(d.byYear).toEqual([expect.objectContaining({ year: p.year, count: 4 })]);
    expect(d.byField.reduce((s, r) => s + r.approvedYuan, 0)).toBe(4_000_000);
    expect(d.byProgrammeYear).toEqual([expect.objectContaining({ programmeCode: p.programmeCode, year: p.year, committedYuan: 4_000_000, disbursedYuan: 903_345 })]);
    const filtered = (await officer.get('/api/projects/dashboard?state=terminated')).json() as PortfolioDashboard;
    expect(filtered.total).toMatchObject({ count: 1, releasedYuan: 700_000 });
  });

  it('exports the filtered list with state, disbursement and effective end', async () => {
    const res = await officer.get('/api/projects/export.xlsx?state=executing&sort=-disbursedYuan');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['立项编号', '状态', '已拨付（元）', '结束日期（含延期）']));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.getRow(2).getCell(col('已拨付（元）')).value).toBe(600_000);
    expect(ws.getRow(2).getCell(col('状态')).value).toBe('执行中');
    expect(ws.getRow(3).getCell(col('已拨付（元）')).value).toBe(3345);
  });
});

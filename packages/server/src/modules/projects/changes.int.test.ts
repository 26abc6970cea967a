import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, creditCodeCheckChar, EXAMPLE_RESIDENT_ID, formatShanghai, type ChangeQueueItem, type ChangeView, type ProjectChanges, type ProjectDetail } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;
let applicant: TestClient;
let unitadmin: TestClient;
/** Project of the applicant's organisation (applicant + unitadmin), signed and executing. */
let mine: string;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4);
  officer = p.officer;
  applicant = undertakerOf(p, 0);
  unitadmin = p.clients.get('unitadmin')!;
  mine = p.projectIds[0]!;
  for (const id of p.projectIds.slice(0, 3)) await signedProject(t, id);
}, 240_000);
afterAll(async () => t?.close());

const detail = async (id: string) => (await officer.get(`/api/projects/${id}`)).json() as ProjectDetail;
const changes = async (c: TestClient, id: string) => {
  const res = await c.get(`/api/projects/${id}/changes`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectChanges;
};
const countRows = async (id: string) => Number((await rawSql(t.db, `select count(*)::int as n from project_changes where project_id = '${id}'`))[0]!.n);
const today = () => formatShanghai(new Date()).slice(0, 10);

/** Puts the project's end (and effective end) `months` from today, so the notice rule is met or not on purpose. */
async function endIn(id: string, months: number) {
  const end = addMonths(today(), months);
  await rawSql(t.db, `update projects set end_date = '${end}', effective_end_date = '${end}' where id = '${id}'`);
  return end;
}

describe('project changes (项目变更)', () => {
  it('the table of change types says who approves and by when', async () => {
    const res = await applicant.get('/api/change-types');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { type: string; approverText: string; deadlineText: string }[];
    expect(items.find((i) => i.type === 'extension')).toMatchObject({ approverText: '科技局审批', deadlineText: '有效结束日期前至少3个月提出；限1次，每次不超过12个月' });
    expect(items.find((i) => i.type === 'budgetSubjects')!.approverText).toContain('承担单位审批');
  });

  it('an approved 6-month extension moves the effective end and every later deadline in one transaction; the supplement names the change', async () => {
    const end = await endIn(mine, 24);
    const req = await applicant.post(`/api/projects/${mine}/changes`, { type: 'extension', payload: { months: 6 }, reason: '关键设备到货延迟（测试）' });
    expect(req.statusCode, req.body).toBe(201);
    const change = req.json() as ChangeView;
    expect(change).toMatchObject({ status: 'submitted', approver: 'bureau', seq: 1, actions: ['withdraw'] });
    // The applicant cannot approve a bureau change; the unit admin neither.
    const own = await unitadmin.post(`/api/projects/${mine}/changes/${change.id}/approve`, { reasons: '同意' });
    expect(own.statusCode).toBe(403);
    expect(problem(own).code).toBe('CHANGE_NOT_APPROVER');
    expect((await changes(officer, mine)).items[0]!.actions).toEqual(['approve', 'reject']);
    const ok = await officer.post(`/api/projects/${mine}/changes/${change.id}/approve`, { reasons: '理由充分，同意延期（测试）' });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = ok.json() as ChangeView;
    expect(approved.status).toBe('approved');
    const after = addMonths(end, 6);
    expect(approved.movedDeadlines.map((d) => [d.key, d.before, d.after])).toEqual(expect.arrayContaining([
      ['effectiveEnd', end, after],
      ['acceptanceDeadline', addMonths(end, 6), addMonths(after, 6)],
    ]));
    const d = await detail(mine);
    expect(d.effectiveEndDate).toBe(after);
    expect(d.endDate).toBe(end);
    const supplement = d.taskBookVersions.find((v) => v.id === approved.supplementVersionId)!;
    expect(supplement).toMatchObject({ kind: 'supplement', status: 'draft', changeId: change.id });
    const [content] = await rawSql(t.db, `select content->>'endDate' as end from task_book_versions where id = '${supplement.id}'`);
    expect(content!.end).toBe(addMonths(String((await rawSql(t.db, `select content->>'endDate' as e from task_book_versions where project_id = '${mine}' and version_no = 1`))[0]!.e), 6));
    const events = (await officer.get(`/api/projects/${mine}/events`)).json() as { items: { kind: string; summary: string }[] };
    const moved = events.items.find((e) => e.kind === 'change.extension')!;
    for (const label of ['执行期结束（有效结束日期）', '验收申请截止', '最后一期进展报告报送截止', '延期申请截止']) expect(moved.summary).toContain(label);
  });

  it('a second extension is refused with the reason in Chinese, and nothing is written', async () => {
    const before = await countRows(mine);
    const res = await applicant.post(`/api/projects/${mine}/changes`, { type: 'extension', payload: { months: 3 }, reason: '再次延期（测试）' });
    expect(res.statusCode).toBe(422);
    const body = problem(res);
    expect(body.code).toBe('CHANGE_REFUSED');
    expect(body.detail).toBe('延期次数已达上限：本项目已批准延期1次，最多1次');
    expect(await countRows(mine)).toBe(before);
  });

  it('an extension asked for less than 3 months before the effective end is refused, naming the last day', async () => {
    const id = p.projectIds[1]!;
    const end = await endIn(id, 2);
    const res = await undertakerOf(p, 1).post(`/api/projects/${id}/changes`, { type: 'extension', payload: { months: 6 }, reason: '测试' });
    expect(res.statusCode).toBe(422);
    expect(problem(res).detail).toContain(`延期须在有效结束日期（${end}）前至少3个月提出，即不晚于${addMonths(end, -3)}`);
    await endIn(id, 24);
  });

  it('a budget adjustment between subjects is filed with the unit: the unit admin approves it, not the bureau, not the requester', async () => {
    const base = (await changes(applicant, mine)).taskBook!;
    const from = base.budget.find((l) => l.fiscalDistrictYuan + l.fiscalCityYuan > 10_000)!;
    const source = from.fiscalDistrictYuan >= 10_000 ? 'fiscalDistrictYuan' : 'fiscalCityYuan';
    const to = base.budget.find((l) => l.subject !== from.subject)?.subject ?? 'other';
    const req = await applicant.post(`/api/projects/${mine}/changes`, { type: 'budgetSubjects', payload: { transfers: [{ from: from.subject, to, source, amountYuan: 10_000 }] }, reason: '测试材料费调整' });
    expect(req.statusCode, req.body).toBe(201);
    const change = req.json() as ChangeView;
    expect(change.approver).toBe('unit');
    const byBureau = await officer.post(`/api/projects/${mine}/changes/${change.id}/approve`, { reasons: '同意' });
    expect(problem(byBureau).code).toBe('CHANGE_NOT_APPROVER');
    const ok = await unitadmin.post(`/api/projects/${mine}/changes/${change.id}/approve`, { reasons: '单位同意（测试）' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [v] = await rawSql(t.db, `select content from task_book_versions where id = '${(ok.json() as ChangeView).supplementVersionId}'`);
    const budget = (v!.content as typeof base).budget;
    const sum = (b: typeof budget, k: typeof source) => b.reduce((s, l) => s + l[k], 0);
    expect(sum(budget, source)).toBe(sum(base.budget, source));
    expect(budget.find((l) => l.subject === from.subject)![source]).toBe(from[source] - 10_000);
    // Asked for by the unit admin, it is the unit's approval at once (报局备案), with its supplement.
    const own = await unitadmin.post(`/api/projects/${mine}/changes`, { type: 'budgetSubjects', payload: { transfers: [{ from: to, to: from.subject, source, amountYuan: 5_000 }] }, reason: '单位自行调整（测试）' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ status: 'approved', approver: 'unit', decidedBy: '李单管' });
    expect(own.json().supplementVersionId).toBeTruthy();
  });

  it('NB-7 a total adjustment that raises the fiscal amount is refused', async () => {
    const base = (await changes(applicant, mine)).taskBook!;
    const lines = base.budget.map((l, i) => (i === 0 ? { ...l, fiscalDistrictYuan: l.fiscalDistrictYuan + 50_000 } : l));
    const res = await applicant.post(`/api/projects/${mine}/changes`, { type: 'budgetTotal', payload: { lines }, reason: '测试' });
    expect(res.statusCode).toBe(422);
    expect(problem(res).detail).toContain('不得增加财政经费');
  });

  it('a content change with the direction unchanged and no indicator lowered is filed at once with its supplement; lowering an indicator sends it to the bureau', async () => {
    const filed = await applicant.post(`/api/projects/${mine}/changes`, { type: 'content', payload: { technicalRoute: '改用新的仿真验证路线（测试）', directionUnchanged: true }, reason: '测试' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'filed', approver: 'none', actions: [] });
    expect(filed.json().supplementVersionId).toBeTruthy();
    const base = (await changes(applicant, mine)).taskBook!;
    const lowered = base.indicators.map((i, k) => (k === 0 ? { ...i, targetValue: '0' } : i));
    const res = await applicant.post(`/api/projects/${mine}/changes`, { type: 'content', payload: { researchContent: '调整研究内容（测试）', directionUnchanged: true, indicators: lowered }, reason: '测试' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', approver: 'bureau' });
    expect((res.json() as ChangeView).routeReasons[0]).toMatch(/指标「/);
    // One pending request of a type at a time; the requester may withdraw it.
    const again = await applicant.post(`/api/projects/${mine}/changes`, { type: 'content', payload: { researchContent: '再调整（测试）', directionUnchanged: false }, reason: '测试' });
    expect(problem(again).code).toBe('CHANGE_PENDING');
    const w = await applicant.post(`/api/projects/${mine}/changes/${res.json().id}/withdraw`, { reason: '撤回（测试）' });
    expect(w.json()).toMatchObject({ status: 'withdrawn' });
  });

  it('an approved leader change replaces the leader on the project', async () => {
    const req = await applicant.post(`/api/projects/${mine}/changes`, { type: 'leader', payload: { name: '王新', idNumber: EXAMPLE_RESIDENT_ID, title: '高级工程师' }, reason: '原负责人调离（测试）' });
    expect(req.statusCode, req.body).toBe(201);
    const rej = await officer.post(`/api/projects/${mine}/changes/${req.json().id}/reject`, { reasons: '' });
    expect(rej.statusCode).toBe(400);
    const ok = await officer.post(`/api/projects/${mine}/changes/${req.json().id}/approve`, { reasons: '同意（测试）' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await detail(mine)).leaderName).toBe('王新');
  });

  it('the new undertaking unit must be registered; an approved unit change moves the project to it', async () => {
    const id = p.projectIds[2]!;
    const client = undertakerOf(p, 2);
    const code17 = '91330206MA2YYYYY7';
    const unknown = await client.post(`/api/projects/${id}/changes`, { type: 'undertaker', payload: { creditCode: code17 + creditCodeCheckChar(code17)! }, reason: '测试' });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(problem(unknown).detail).toContain('不是平台已注册单位');
    const [other] = await rawSql(t.db, `select o.credit_code, o.id from organisations o where o.id <> (select organisation_id from projects where id = '${id}') and o.credit_code is not null order by o.name limit 1`);
    const req = await client.post(`/api/projects/${id}/changes`, { type: 'undertaker', payload: { creditCode: String(other!.credit_code) }, reason: '整体划转（测试）' });
    expect(req.statusCode, req.body).toBe(201);
    expect((await officer.post(`/api/projects/${id}/changes/${req.json().id}/approve`, { reasons: '同意（测试）' })).statusCode).toBe(200);
    expect((await detail(id)).organisation.id).toBe(other!.id);
    expect((await client.get(`/api/projects/${id}`)).statusCode).toBe(404);
  });

  it('only the undertaker of a signed, running project may request: another organisation gets 404, an unsigned project 409', async () => {
    const body = { type: 'extension', payload: { months: 1 }, reason: '测试' };
    expect((await undertakerOf(p, 1).post(`/api/projects/${mine}/changes`, body)).statusCode).toBe(404);
    expect((await officer.post(`/api/projects/${mine}/changes`, body)).statusCode).toBe(403);
    const unsigned = await undertakerOf(p, 3).post(`/api/projects/${p.projectIds[3]}/changes`, body);
    expect(unsigned.statusCode).toBe(409);
    expect(problem(unsigned).code).toBe('PROJECT_STATE_REFUSED');
    expect((await changes(undertakerOf(p, 3), p.projectIds[3]!)).canRequest).toBe(false);
  });

  it('the queue: the bureau sees every organisation, oldest first, filtered by status; a unit only its own; Excel export', async () => {
    await undertakerOf(p, 1).post(`/api/projects/${p.projectIds[1]}/changes`, { type: 'extension', payload: { months: 6 }, reason: '演示排队（测试）' });
    const all = (await officer.get('/api/project-changes?status=submitted')).json() as { items: ChangeQueueItem[]; total: number };
    expect(all.items.length).toBe(all.total);
    expect(all.items.every((c) => c.status === 'submitted')).toBe(true);
    expect(all.items.some((c) => c.projectId === p.projectIds[1])).toBe(true);
    const theirs = (await applicant.get('/api/project-changes')).json() as { items: ChangeQueueItem[] };
    expect(theirs.items.every((c) => c.projectId === mine)).toBe(true);
    const x = await officer.get('/api/project-changes/export.xlsx?status=approved');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });
});

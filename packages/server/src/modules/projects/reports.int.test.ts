import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, shanghaiDate, type ProjectReportDetail, type ProjectReportListItem, type ProjectReportSchedule, type ReportDraft } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { seedDemoProjectReports } from '../../db/seed/demo-projects-reports.js';
import { runDailyReportWork } from './reports-daily.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4);
  officer = p.officer;
  for (const id of p.projectIds.slice(0, 3)) await signedProject(t, id);
}, 240_000);
afterAll(async () => t?.close());

const schedule = async (c: TestClient, id: string) => {
  const res = await c.get(`/api/projects/${id}/reports`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectReportSchedule;
};
const report = async (c: TestClient, id: string, reportId: string) => {
  const res = await c.get(`/api/projects/${id}/reports/${reportId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectReportDetail;
};
/** Moves a project's start (and end, keeping two years) so its first reporting year ends on `periodEnd`. */
const firstYearEndsOn = async (id: string, periodEnd: string) => {
  const start = addMonths(addDays(periodEnd, 1), -12);
  await rawSql(t.db, `update projects set start_date = '${start}', end_date = '${addDays(addMonths(start, 24), -1)}', effective_end_date = '${addDays(addMonths(start, 24), -1)}' where id = '${id}'`);
};
const filled = (d: ProjectReportDetail): ReportDraft => ({
  ...d.content,
  progress: '完成仿真平台建设，样模设计定型。',
  indicators: d.content.indicators.map((i) => ({ ...i, currentValue: '1', note: '' })),
  milestones: d.content.milestones.map((m) => ({ ...m, reached: true })),
  spending: { fiscalCityYuan: 0, fiscalDistrictYuan: 0, selfRaisedYuan: 120_000, otherYuan: 0 },
  problems: '',
  nextSteps: '开展样模试制。',
});

describe('progress reports (年度进展报告)', () => {
  it('BL-10: a signed two-year project gets its annual report materialised once, however often it is read; an unsigned one none yet', async () => {
    const id = p.projectIds[0]!;
    const first = await schedule(officer, id);
    const again = await schedule(undertakerOf(p, 0), id);
    expect(first.required).toBe(true);
    expect(first.items).toHaveLength(1);
    expect(again.items.map((r) => r.id)).toEqual(first.items.map((r) => r.id));
    expect(first.items[0]).toMatchObject({ periodNo: 1, periodStart: '2026-07-01', periodEnd: '2027-06-30', opensOn: '2027-05-31', dueDate: '2027-07-31', closesOn: '2027-07-31', state: 'notOpen', lateDays: 0 });
    const events = await rawSql(t.db, `select kind from project_events where project_id = '${id}' and kind = 'report.scheduled'`);
    expect(events).toHaveLength(1);
    const unsigned = await schedule(officer, p.projectIds[3]!);
    expect(unsigned).toMatchObject({ required: true, items: [] });
  });

  it('an approved extension moves the schedule: the effective end one year later adds the second year', async () => {
    const id = p.projectIds[0]!;
    await rawSql(t.db, `update projects set effective_end_date = '2029-06-30' where id = '${id}'`);
    const s = await schedule(officer, id);
    expect(s.items.map((r) => [r.periodNo, r.dueDate])).toEqual([[1, '2027-07-31'], [2, '2028-07-31']]);
    // Had the end moved back (it never does), the year not yet opened is cancelled, never deleted; it returns with the end.
    await rawSql(t.db, `update projects set effective_end_date = end_date where id = '${id}'`);
    expect((await schedule(officer, id)).items.map((r) => r.state)).toEqual(['notOpen', 'cancelled']);
  });

  it('the undertaker writes only inside the window: 409 with the window in Chinese, and nothing is stored', async () => {
    const id = p.projectIds[0]!;
    const [r] = (await schedule(officer, id)).items;
    const res = await undertakerOf(p, 0).put(`/api/projects/${id}/reports/${r!.id}`, { content: { progress: '提前填写' } });
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'PROJECT_REPORT_WINDOW_CLOSED', detail: '填报窗口尚未开放：2027-05-31 至 2027-07-31。' });
    const [row] = await rawSql(t.db, `select content from project_reports where id = '${r!.id}'`);
    expect(row!.content).toEqual({});
  });

  it('a window that reached its first day opens on read; the undertaker saves, is told what is missing, submits; others cannot', async () => {
    const id = p.projectIds[1]!;
    await firstYearEndsOn(id, addDays(today, 10));
    const s = await schedule(undertakerOf(p, 1), id);
    expect(s.items[0]).toMatchObject({ state: 'open', dueDate: addDays(today, 41), lateDays: 0 });
    const [audit] = await rawSql(t.db, `select actor_name from audit_events where action = 'project.report.open' and entity_id = '${s.items[0]!.id}'`);
    expect(audit!.actor_name).toBe('system.projectReports');
    const url = `/api/projects/${id}/reports/${s.items[0]!.id}`;
    const d = await report(undertakerOf(p, 1), id, s.items[0]!.id);
    expect(d.content.indicators.map((i) => i.targetValue)).toEqual(d.taskBook!.indicators.map((i) => i.targetValue));
    expect(d.actions).toEqual(['submit']);

    expect((await undertakerOf(p, 2).put(url, { content: { progress: 'x' } })).statusCode).toBe(404);
    expect((await officer.put(url, { content: { progress: 'x' } })).statusCode).toBe(403);
    const saved = await undertakerOf(p, 1).put(url, { content: { ...d.content, progress: '草稿' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as ProjectReportDetail).content.progress).toBe('草稿');

    const incomplete = await undertakerOf(p, 1).post(`${url}/submit`, {});
    expect(incomplete.statusCode).toBe(422);
    expect(problem(incomplete).code).toBe('PROJECT_REPORT_INCOMPLETE');
    expect(problem(incomplete).errors).toEqual(expect.arrayContaining([{ field: 'content.nextSteps', message: '请填写下一步工作计划' }]));
    const overspent = await undertakerOf(p, 1).post(`${url}/submit`, { content: { ...filled(d), spending: { fiscalCityYuan: 0, fiscalDistrictYuan: 1, selfRaisedYuan: 0, otherYuan: 0 } } });
    expect(overspent.statusCode).toBe(422);
    expect(problem(overspent).errors![0]!.message).toBe('财政资金累计支出 1 元超过已拨付 0 元');

    const ok = await undertakerOf(p, 1).post(`${url}/submit`, { content: filled(d) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'submitted', lateDays: 0, actions: [] });
    expect((await undertakerOf(p, 1).put(url, { content: filled(d) })).statusCode).toBe(409);
  });

  it('the officer returns with reasons and a new date (the undertaker is notified), the undertaker resubmits, the officer accepts; an accepted report is frozen', async () => {
    const id = p.projectIds[1]!;
    const [r] = (await schedule(officer, id)).items;
    const url = `/api/projects/${id}/reports/${r!.id}`;
    expect((await report(officer, id, r!.id)).actions).toEqual(['accept', 'return']);
    expect((await undertakerOf(p, 1).post(`${url}/accept`, {})).statusCode).toBe(403);
    const noReason = await officer.post(`${url}/return`, { reasons: [], closesOn: addDays(today, 5) });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).errors![0]!.message).toBe('请至少填写一条退回理由');
    const returned = await officer.post(`${url}/return`, { reasons: ['指标「模具寿命」未附检测数据'], closesOn: addDays(today, 5) });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ state: 'returned', closesOn: addDays(today, 5), decisionNote: '1. 指标「模具寿命」未附检测数据' });
    const outbox = await rawSql(t.db, `select channel from notification_outbox where template_key = 'project.reportReturned'`);
    expect(outbox.map((o) => o.channel).sort()).toEqual(['inApp', 'sms']);

    const d = await report(undertakerOf(p, 1), id, r!.id);
    expect((await undertakerOf(p, 1).post(`${url}/submit`, { content: { ...d.content, progress: '补充检测数据后重新提交' } })).statusCode).toBe(200);
    const accepted = await officer.post(`${url}/accept`, { note: '同意' });
    expect(accepted.json()).toMatchObject({ state: 'accepted', lateDays: 0 });
    expect((await officer.post(`${url}/accept`, {})).statusCode).toBe(409);
    await expect(rawSql(t.db, `update project_reports set content = '{}'::jsonb where id = '${r!.id}'`)).rejects.toThrow();
    await expect(rawSql(t.db, `delete from project_reports where id = '${r!.id}'`)).rejects.toThrow();
    const kinds = (await rawSql(t.db, `select kind from project_events where project_id = '${id}' and kind like 'report.%' order by at, id`)).map((e) => e.kind);
    // Scheduled and opened in the same read (one instant): their order between them is not fixed.
    expect(kinds.slice(0, 2).sort()).toEqual(['report.open', 'report.scheduled']);
    expect(kinds.slice(2)).toEqual(['report.submit', 'report.return', 'report.submit', 'report.accept']);
  });

  it('a window past its closing date is locked as the system; only the officer reopens it, with a reason and a new date; lateness counts from the due date', async () => {
    const id = p.projectIds[2]!;
    await firstYearEndsOn(id, addDays(today, -40));
    const [r] = (await schedule(undertakerOf(p, 2), id)).items;
    expect(r).toMatchObject({ state: 'locked', dueDate: addDays(today, -9), lateDays: 9 });
    const url = `/api/projects/${id}/reports/${r!.id}`;
    const refused = await undertakerOf(p, 2).post(`${url}/submit`, {});
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).detail).toContain(`填报窗口已于 ${addDays(today, -9)} 关闭`);
    expect((await officer.post(`${url}/reopen`, { reason: '', closesOn: addDays(today, 7) })).statusCode).toBe(400);
    const past = await officer.post(`${url}/reopen`, { reason: '单位负责人变更，延误报送', closesOn: addDays(today, -1) });
    expect(past.statusCode).toBe(422);
    expect(problem(past).code).toBe('PROJECT_REPORT_CLOSING_DATE_INVALID');
    const reopened = await officer.post(`${url}/reopen`, { reason: '单位负责人变更，延误报送', closesOn: addDays(today, 7) });
    expect(reopened.json()).toMatchObject({ state: 'reopened', closesOn: addDays(today, 7), decisionNote: '单位负责人变更，延误报送' });
    const [event] = await rawSql(t.db, `select summary from project_events where project_id = '${id}' and kind = 'report.reopen'`);
    expect(event!.summary).toContain('理由：单位负责人变更，延误报送');
    const d = await report(undertakerOf(p, 2), id, r!.id);
    const submitted = await undertakerOf(p, 2).post(`${url}/submit`, { content: filled(d) });
    expect(submitted.json()).toMatchObject({ state: 'submitted', lateDays: 9 });
  });

  it('the daily job opens, locks and reminds once, a few days before the closing date, through the outbox', async () => {
    const id = p.projectIds[0]!;
    await firstYearEndsOn(id, addDays(today, -28)); // due in 3 days: inside the reminder period
    const first = await runDailyReportWork(t.db);
    expect(first.opened).toBeGreaterThanOrEqual(1);
    expect(first.reminded).toBe(1);
    expect((await runDailyReportWork(t.db)).reminded).toBe(0);
    const rows = await rawSql(t.db, `select payload->>'projectId' as project, channel from notification_outbox where template_key = 'project.reportReminder'`);
    expect(rows.filter((r) => r.project === id)).toHaveLength(2);
    // Nine days later the window has passed: the job locks it.
    const later = await runDailyReportWork(t.db, new Date(Date.now() + 9 * 86_400_000));
    expect(later.locked).toBe(1);
  });

  it('the officer lists overdue and awaiting-review reports across projects, exports them, and an applicant may not', async () => {
    const overdue = (await officer.get('/api/project-reports?due=overdue')).json() as { items: ProjectReportListItem[]; total: number };
    expect(overdue.items.map((r) => r.projectId)).toContain(p.projectIds[0]);
    const review = (await officer.get('/api/project-reports?due=review&sort=-dueDate')).json() as { items: ProjectReportListItem[] };
    expect(review.items.map((r) => [r.projectId, r.state, r.lateDays])).toEqual([[p.projectIds[2], 'submitted', 9]]);
    expect(review.items[0]!.organisationName).not.toBe('');
    const xlsx = await officer.get('/api/project-reports/export.xlsx?due=review');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(2);
    expect((await undertakerOf(p, 0).get('/api/project-reports')).statusCode).toBe(403);
    const todos = (await officer.get('/api/me/todos')).json() as { items: { key: string }[] };
    expect(todos.items.map((x) => x.key)).toEqual(expect.arrayContaining(['projectReports.review', 'projectReports.overdue']));
  });

  it('demo step: materialises the schedules of the signed projects (first windows in the future), once', async () => {
    const id = p.projectIds[3]!;
    await signedProject(t, id);
    const demo = { roundId: p.roundId, byRole: {} as never, signed: [id], now: new Date() };
    await seedDemoProjectReports(t.db, demo);
    await seedDemoProjectReports(t.db, demo);
    const rows = await rawSql(t.db, `select state, opens_on from project_reports where project_id = '${id}'`);
    expect(rows).toEqual([{ state: 'notOpen', opens_on: '2027-05-31' }]);
  });
});

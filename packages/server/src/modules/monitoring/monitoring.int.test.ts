import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { DEMO_REPORT_NOTE } from '../../db/seed/demo-monitoring.js';
import { currentReportingMonth } from './reporting.js';

let t: TestApp;
let officer: TestClient;
let leader: TestClient;
let dept: TestClient;
const month = currentReportingMonth(shanghaiDate(new Date()));

interface Indicator {
  id: string;
  code: string;
  seq: number;
  name: string;
  category: string | null;
  core: boolean;
  base: { year: number; value: string | null };
  target: { year: number; value: string | null };
  actual: { year: number; value: string | null } | null;
  verdict: string | null;
  verdictLabel: string | null;
  status: string;
  expected: string | null;
  latest: { period: string; value: string; periodLabel?: string } | null;
  responsibleUnits: { code: string; name: string }[];
  frequency: string;
}

beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  leader = t.client();
  dept = t.client();
  await Promise.all([officer.login('officer'), leader.login('leader'), dept.login('department')]);
});
afterAll(() => t.close());

const plan = async (code: string) => (await officer.get(`/api/monitoring/plans/${code}`)).json() as { plan: Record<string, unknown>; indicators: Indicator[] };

describe('seeded plans', () => {
  it('YZ-1 the 13th-FYP completion table: 7 rows, 2016 base, 2020 target and actual, with the verdicts of the source', async () => {
    const { plan: p, indicators } = await plan('yz-13');
    expect(p).toMatchObject({ status: 'completed', periodStart: 2016, periodEnd: 2020 });
    expect(indicators).toHaveLength(7);
    const row = (seq: number) => indicators.find((i) => i.seq === seq)!;
    expect(row(1)).toMatchObject({ base: { year: 2016, value: '2.33' }, target: { year: 2020, value: '2.9' }, actual: { year: 2020, value: '2.9' }, verdict: 'met' });
    expect(row(6)).toMatchObject({ name: expect.stringContaining('技术交易额'), target: { value: '7.5' }, actual: { value: '25.6' }, verdict: 'met' });
    expect(row(7)).toMatchObject({ name: expect.stringContaining('全链条孵化载体数量'), target: { value: '50' }, actual: { value: '48' }, verdict: 'notMet', verdictLabel: '未完成' });
    // Row 3 has two figures for three columns in the source: kept, but no verdict is guessed.
    expect(row(3).name).toContain('每年新认定高新技术企业');
    expect(row(3)).toMatchObject({ verdict: 'unknown', verdictLabel: '无法判断' });
    expect(indicators.map((i) => i.verdict)).toEqual(['met', 'met', 'unknown', 'met', 'met', 'met', 'notMet']);
  });

  it('YZ-2 the 14th-FYP indicator system: 16 indicators in 4 categories, 2020 values, 2025 targets, 7 core', async () => {
    const { plan: p, indicators } = await plan('yz-14');
    expect(indicators).toHaveLength(16);
    expect(p.categories).toHaveLength(4);
    expect(new Set(indicators.map((i) => i.category)).size).toBe(4);
    expect(indicators.filter((i) => i.core).map((i) => i.seq)).toEqual([1, 4, 5, 6, 7, 8, 9]);
    const hte = indicators.find((i) => i.name.includes('高新技术企业数'))!;
    expect(hte).toMatchObject({ base: { year: 2020, value: '506' }, target: { year: 2025, value: '1000' } });
    // 公民具备科学素质的比例 is "-" in the source: kept as unknown, never zero.
    expect(indicators.find((i) => i.name.includes('公民具备科学素质'))!.base.value).toBeNull();
  });

  it('YZ-2 progress is read against the straight line from the 2020 base to the 2025 target', async () => {
    const { indicators } = await plan('yz-14');
    const hte = indicators.find((i) => i.name.includes('高新技术企业数'))!;
    const series = (await officer.get(`/api/monitoring/indicators/${hte.id}/series`)).json();
    const at = (date: string) => series.path.find((p: { date: string }) => p.date === date)?.expected;
    expect(Number(at('2020-12-31'))).toBe(506);
    expect(Number(at('2025-12-31'))).toBe(1000);
    // 506 + 494 × 1095 / 1826 days = 802.24…
    expect(Number(at('2023-12-31'))).toBeCloseTo(506 + (494 * 1095) / 1826, 2);
  });

  it('P315-1 the 2027 targets of the "315" plan, each with its unit', async () => {
    const { plan: p, indicators } = await plan('nb-315');
    expect(p).toMatchObject({ status: 'active', periodStart: 2023, periodEnd: 2027, issuer: expect.stringContaining('宁波市人民政府') });
    const find = (s: string) => indicators.find((i) => i.name.includes(s));
    expect(find('研究与试验发展经费')?.target).toEqual({ year: 2027, value: '3.75' });
    expect(find('高新技术企业')?.target.value).toBe('13000');
    expect(find('科技小巨人')?.target.value).toBe('100');
    expect(find('技术交易额')).toMatchObject({ targetKind: 'growth', target: { value: '30' } });
    expect(find('科技型中小企业')?.target.value).toBe('40000');
    for (const i of indicators) expect(i.responsibleUnits.length).toBeGreaterThan(0);
  });

  it('P315-2 every task names its responsible units with the lead first, as in the source', async () => {
    const tasks = (await officer.get('/api/monitoring/plans/nb-315/tasks')).json().items as { seq: string; title: string; responsibleUnits: { name: string }[] }[];
    expect(tasks.length).toBeGreaterThanOrEqual(18);
    const ladder = tasks.find((x) => x.title.includes('科技企业梯队'))!;
    expect(ladder.responsibleUnits.map((u) => u.name)).toEqual(['市科技局', '市经信局', '市发改委']);
    const ip = tasks.find((x) => x.title.includes('知识产权'))!;
    expect(ip.responsibleUnits[0]!.name).toBe('市市场监管局');
  });

  it('plans and indicators are for bureau staff and units, not applicants or experts', async () => {
    const applicant = t.client();
    await applicant.login('applicant');
    expect((await applicant.get('/api/monitoring/plans')).statusCode).toBe(403);
    expect((await t.client().get('/api/monitoring/plans')).statusCode).toBe(401);
    expect((await leader.get('/api/monitoring/dashboard?plan=nb-315')).statusCode).toBe(200);
  });
});

describe('P315-3 monthly monitoring', () => {
  it('a unit sees only the indicators it leads, enters a value with a note and evidence, submits; the bureau accepts and the dashboard shows it', async () => {
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    expect(sheet.units.map((u: { code: string }) => u.code)).toEqual(['nb-zzb']);
    expect((await dept.get('/api/monitoring/my-units')).json().items).toEqual([{ code: 'nb-zzb', name: '市委组织部〔市委人才办〕' }]);
    expect(sheet.indicators.length).toBeGreaterThan(0);
    for (const row of sheet.indicators) expect(row.indicator.responsibleUnits[0].code).toBe('nb-zzb');
    const row = sheet.indicators.find((r: { indicator: { frequency: string } }) => r.indicator.frequency === 'monthly') ?? sheet.indicators[0];
    const url = `/api/monitoring/reporting/indicators/${row.indicator.id}/${row.period}`;

    const saved = await dept.put(url, { value: '12,345.6', note: '统计快报口径' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ state: 'draft', revision: 1 });
    const pdf = Buffer.from('%PDF-1.4\n% evidence\n', 'utf8');
    const ev = await dept.upload(`${url}/evidence`, '统计快报.pdf', pdf, 'application/pdf');
    expect(ev.statusCode).toBe(201);
    const renamed = await dept.upload(`${url}/evidence`, 'virus.pdf', Buffer.from('MZ\x90\x00', 'binary'));
    expect(problem(renamed).code).toBe('FILE_TYPE_REFUSED');

    expect((await dept.post('/api/monitoring/reporting/submit', { period: month })).json().submitted).toBeGreaterThanOrEqual(1);
    const locked = await dept.put(url, { value: '1', note: '' });
    expect(problem(locked)).toMatchObject({ status: 409, code: 'REPORT_LOCKED' });
    const afterLocked = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.find((r: { indicator: { id: string } }) => r.indicator.id === row.indicator.id);
    expect(afterLocked.report).toMatchObject({ value: '12345.6', state: 'submitted', revision: 1 });

    const queue = (await officer.get(`/api/monitoring/review?plan=nb-315&period=${row.period}&state=submitted&unit=nb-zzb`)).json();
    const item = queue.items.find((i: { indicator: { id: string } }) => i.indicator.id === row.indicator.id);
    expect(item).toMatchObject({ value: '12345.6', note: '统计快报口径', evidenceCount: 1 });
    // Evidence is the bureau's and the unit's to read.
    const evidenceId = ev.json().id;
    expect((await officer.get(`/api/monitoring/evidence/${evidenceId}`)).body).toContain('%PDF');
    expect((await leader.get(`/api/monitoring/evidence/${evidenceId}`)).statusCode).toBe(404);

    expect((await officer.post(`/api/monitoring/reports/${item.id}/accept`)).json().state).toBe('accepted');
    const dash = (await leader.get('/api/monitoring/dashboard?plan=nb-315')).json();
    const shown = dash.indicators.find((i: Indicator) => i.id === row.indicator.id);
    expect(shown.latest).toMatchObject({ period: row.period, value: '12345.6' });
    const audit = await rawSql(t.database.db, `select action from audit_events where entity_id = '${item.id}' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['monitoring.report.save', 'monitoring.report.submit', 'monitoring.report.accept']));
  });

  it('a returned value is corrected and resubmitted; a correction of an accepted value keeps the history and the accepted value until re-accepted', async () => {
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const row = sheet.indicators.find((r: { report: { state: string } | null }) => r.report?.state === 'accepted');
    expect(row).toBeDefined();
    const url = `/api/monitoring/reporting/indicators/${row.indicator.id}/${row.period}`;
    const corrected = (await dept.put(url, { value: '12400', note: '按年报更正' })).json();
    expect(corrected).toMatchObject({ state: 'draft', revision: 2 });
    let series = (await officer.get(`/api/monitoring/indicators/${row.indicator.id}/series`)).json();
    expect(series.indicator.latest.value).toBe('12345.6');
    await dept.post('/api/monitoring/reporting/submit', { period: month });
    const rid = row.report.id;
    const missingComment = await officer.post(`/api/monitoring/reports/${rid}/return`, {});
    expect(problem(missingComment).status).toBe(400);
    expect((await officer.post(`/api/monitoring/reports/${rid}/return`, { comment: '请附年报截图' })).json().state).toBe('returned');
    const again = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.find((r: { indicator: { id: string } }) => r.indicator.id === row.indicator.id);
    expect(again.report).toMatchObject({ state: 'returned', reviewComment: '请附年报截图' });
    await dept.put(url, { value: '12410', note: '按年报更正，已附截图' });
    await dept.post('/api/monitoring/reporting/submit', { period: month });
    await officer.post(`/api/monitoring/reports/${rid}/accept`);
    series = (await officer.get(`/api/monitoring/indicators/${row.indicator.id}/series`)).json();
    expect(series.indicator.latest.value).toBe('12410');
    const history = (await dept.get(`/api/monitoring/reports/${rid}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['save', 'submit', 'accept', 'correct', 'submit', 'return', 'save', 'submit', 'accept']);
    expect(history.map((h: { value: string }) => h.value)).toContain('12345.6');
  });

  it('a unit cannot report for another unit, nor for a period that has not ended; bad values name the field', async () => {
    const { indicators } = await plan('nb-315');
    const other = indicators.find((i) => i.responsibleUnits[0]!.code !== 'nb-zzb' && i.frequency === 'monthly')!;
    const before = (await officer.get(`/api/monitoring/indicators/${other.id}/series`)).json().points;
    const res = await dept.put(`/api/monitoring/reporting/indicators/${other.id}/${month}`, { value: '1', note: '' });
    expect(problem(res)).toMatchObject({ status: 404, code: 'NOT_RESPONSIBLE' });
    expect((await officer.get(`/api/monitoring/indicators/${other.id}/series`)).json().points).toEqual(before);
    const mine = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.find((r: { indicator: { frequency: string } }) => r.indicator.frequency === 'monthly');
    const future = `${Number(month.slice(0, 4)) + 1}-01`;
    const notDue = await dept.put(`/api/monitoring/reporting/indicators/${mine.indicator.id}/${future}`, { value: '1', note: '' });
    expect(problem(notDue).status).toBeGreaterThanOrEqual(400);
    const bad = await dept.put(`/api/monitoring/reporting/indicators/${mine.indicator.id}/${month}`, { value: '十二', note: '' });
    expect(problem(bad)).toMatchObject({ status: 400 });
    expect(problem(bad).errors?.some((e) => e.field === 'value')).toBe(true);
    expect((await dept.get('/api/monitoring/review')).statusCode).toBe(403);
    expect((await leader.put(`/api/monitoring/reporting/indicators/${mine.indicator.id}/${month}`, { value: '1', note: '' })).statusCode).toBe(403);
  });

  it('Excel exchange: the template lists the unit’s indicators; an upload saves the valid rows and reports the bad one by line', async () => {
    const res = await dept.get(`/api/monitoring/reporting/template?period=${month}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '指标编码', '指标名称', '单位', '目标值', '上期值', '本期值', '说明']);
    const rows = ws.rowCount - 1;
    expect(rows).toBeGreaterThanOrEqual(2);
    // Fill every row; the last one gets a value that is not a number.
    for (let r = 2; r <= ws.rowCount; r++) {
      ws.getCell(r, 6).value = r === ws.rowCount ? '约一百' : String(100 + r);
      ws.getCell(r, 7).value = '离线填报';
    }
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const lockedCodes = new Set(sheet.indicators.filter((x: { report: { state: string } | null }) => x.report?.state === 'submitted').map((x: { indicator: { code: string } }) => x.indicator.code));
    const up = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, '填报.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(up.statusCode).toBe(200);
    const body = up.json();
    expect(body.errors.some((e: { line: number }) => e.line === ws.rowCount)).toBe(true);
    expect(body.saved).toBe(rows - 1 - lockedCodes.size);
    const after = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const drafts = after.indicators.filter((x: { report: { note: string } | null }) => x.report?.note === '离线填报');
    expect(drafts).toHaveLength(body.saved);
    const notAWorkbook = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, 'x.xlsx', Buffer.from('not a zip'));
    expect(problem(notAWorkbook).code).toBe('WORKBOOK_UNREADABLE');
  });

  it('late units are listed, reminded, and see the reminder on their home page', async () => {
    const late = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json();
    expect(late.items.length).toBeGreaterThan(1);
    const target = late.items.find((i: { missing: number }) => i.missing > 0);
    const zzb = late.items.find((i: { unit: { code: string } }) => i.unit.code === 'nb-zzb');
    expect(zzb).toBeDefined();
    const res = await officer.post('/api/monitoring/reminders', { plan: 'nb-315', period: month, unitCodes: ['nb-zzb', target.unit.code] });
    expect(res.statusCode).toBe(200);
    const again = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json();
    expect(again.items.find((i: { unit: { code: string } }) => i.unit.code === target.unit.code).lastReminderAt).not.toBeNull();
    expect(zzb.missing).toBeGreaterThan(0);
    const todos = JSON.stringify((await dept.get('/api/me/todos')).json());
    expect(todos).toContain('科技局提醒');
    expect(todos).toContain('/monitoring/report?period=');
  });
});

describe('YJ-2 portfolio statistics', () => {
  it('computes the shares from the project records and shows where a reported figure disagrees (169/301 = 56.15% vs 56.17%)', async () => {
    const body = (await leader.get('/api/monitoring/portfolio')).json();
    const y = body.years.find((x: { year: number }) => x.year === 2024);
    expect(y).toMatchObject({ approved: 301, joint: 169, jointShare: '56.15', enterpriseInvolved: 229 });
    const joint = y.reported.find((r: { metric: string }) => r.metric === 'jointShare');
    expect(joint.comparison).toMatchObject({ computed: '56.15', differs: true });
    expect(joint.comparison.text).toContain('56.17');
    const ent = y.reported.find((r: { metric: string }) => r.metric === 'enterpriseShare');
    expect(ent.comparison.differs).toBe(false);
    expect(y.reported.find((r: { metric: string }) => r.metric === 'approved').comparison.differs).toBe(false);
  });

  it('imports project records from Excel, saving valid rows and naming the bad ones', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('立项项目');
    ws.addRow(['立项年度', '项目编号', '项目名称', '牵头单位', '牵头单位类型', '参与单位类型']);
    ws.addRow(['2025', 'T2025-0001', '测试项目一', '测试企业', '企业', '企业、高校']);
    ws.addRow(['2025', 'T2025-0002', '测试项目二', '测试大学', '学校', '高校']);
    ws.addRow(['2025', 'T2025-0003', '测试项目三', '测试研究院', '科研院所', '科研院所']);
    const res = await officer.upload('/api/monitoring/portfolio/import', 'p.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json()).toMatchObject({ saved: 2, errors: [{ line: 3, field: '牵头单位类型' }] });
    const y = (await officer.get('/api/monitoring/portfolio')).json().years.find((x: { year: number }) => x.year === 2025);
    expect(y).toMatchObject({ approved: 2, joint: 1, jointShare: '50.00' });
    expect((await leader.upload('/api/monitoring/portfolio/import', 'p.xlsx', Buffer.from('x'))).statusCode).toBe(403);
  });
});

describe('the bureau maintains the indicator system', () => {
  it('an officer enters a missing base value; the path, expected value and status follow, and the change is audited', async () => {
    const { indicators } = await plan('yz-14');
    const literacy = indicators.find((i) => i.name.includes('公民具备科学素质'))!;
    expect(literacy.expected).toBeNull();
    const res = await officer.patch(`/api/monitoring/indicators/${literacy.id}`, { base: { year: 2020, value: '14.5' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().base).toEqual({ year: 2020, value: '14.5' });
    expect(res.json().expected).toBe('20');
    const audit = await rawSql(t.database.db, `select changes from audit_events where entity_id = '${literacy.id}' and action = 'monitoring.indicator.update'`);
    expect(JSON.stringify(audit[0]!.changes)).toContain('14.5');
    const bad = await officer.patch(`/api/monitoring/indicators/${literacy.id}`, { base: { year: 2026, value: '1' } });
    expect(problem(bad).status).toBe(400);
    expect((await plan('yz-14')).indicators.find((i) => i.id === literacy.id)!.base).toEqual({ year: 2020, value: '14.5' });
    expect((await dept.patch(`/api/monitoring/indicators/${literacy.id}`, { note: 'x' })).statusCode).toBe(403);
    expect((await leader.patch(`/api/monitoring/indicators/${literacy.id}`, { note: 'x' })).statusCode).toBe(403);
  });

  it('reassigning the lead unit moves the reporting duty', async () => {
    const { indicators } = await plan('nb-315');
    const i = indicators.find((x) => x.responsibleUnits[0]!.code === 'nb-kjj' && x.frequency === 'monthly')!;
    const before = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.length;
    const res = await officer.patch(`/api/monitoring/indicators/${i.id}`, { responsibleUnits: ['nb-zzb', 'nb-kjj'] });
    expect(res.json().responsibleUnits.map((u: { code: string }) => u.code)).toEqual(['nb-zzb', 'nb-kjj']);
    expect((await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.length).toBe(before + 1);
    const unknown = await officer.patch(`/api/monitoring/indicators/${i.id}`, { responsibleUnits: ['no-such-unit'] });
    expect(problem(unknown).code).toBe('UNIT_NOT_FOUND');
    await officer.patch(`/api/monitoring/indicators/${i.id}`, { responsibleUnits: i.responsibleUnits.map((u) => u.code) });
  });

  it('the dashboard counts statuses with core indicators first, and exports the indicator table', async () => {
    const dash = (await leader.get('/api/monitoring/dashboard?plan=nb-315')).json();
    const total = Object.values(dash.statusCounts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(dash.indicators.length);
    const firstPlain = dash.indicators.findIndex((i: Indicator) => !i.core);
    expect(dash.indicators.slice(firstPlain).every((i: Indicator) => !i.core)).toBe(true);
    expect(dash.departments.length).toBeGreaterThan(0);
    const xlsx = await leader.get('/api/monitoring/plans/yz-13/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const verdictCol = header.indexOf('判定') + 1;
    expect(ws.getCell(8, verdictCol).value).toBe('未完成');
    expect(ws.getCell(4, verdictCol).value).toBe('无法判断');
  });
});

describe('P315-7 town and street innovation evaluation', () => {
  it('scores towns by weighted min–max normalisation, ranks them, and refuses weights that do not add up to 100', async () => {
    const created = await officer.post('/api/monitoring/town-evaluations', {
      title: '测试评价',
      year: 2025,
      indicators: [
        { code: 'a', name: '高新技术企业数', weight: 60, direction: 'higher' },
        { code: 'b', name: '万元产值能耗', weight: 40, direction: 'lower' },
      ],
      towns: [
        { code: 'T1', name: '甲街道', values: { a: '100', b: '0.5' } },
        { code: 'T2', name: '乙镇', values: { a: '50', b: '0.3' } },
        { code: 'T3', name: '丙镇', values: { a: '0', b: null } },
      ],
    });
    expect(created.statusCode).toBe(201);
    const e = (await leader.get(`/api/monitoring/town-evaluations/${created.json().id}`)).json();
    const by = (code: string) => e.result.find((x: { code: string }) => x.code === code);
    expect(by('T1')).toMatchObject({ score: '60.00', rank: 2 });
    expect(by('T2')).toMatchObject({ score: '70.00', rank: 1 });
    expect(e.result[0].code).toBe('T2');
    expect(by('T3')).toMatchObject({ score: '0.00', missing: ['b'] });
    const countBefore = (await officer.get('/api/monitoring/town-evaluations')).json().items.length;
    const bad = await officer.post('/api/monitoring/town-evaluations', { title: 'x', year: 2025, indicators: [{ code: 'a', name: 'A', weight: 50, direction: 'higher' }], towns: [] });
    expect(problem(bad).status).toBe(400);
    expect((await officer.get('/api/monitoring/town-evaluations')).json().items).toHaveLength(countBefore);
    expect((await dept.post('/api/monitoring/town-evaluations', { title: 'x', year: 2025, indicators: [], towns: [] })).statusCode).toBe(403);
  });

  it('imports town values from the template, keeping good rows and naming bad cells', async () => {
    const list = (await officer.get('/api/monitoring/town-evaluations')).json().items;
    const demo = list.find((x: { title: string }) => x.title.includes('演示'));
    expect(demo.townCount).toBe(12);
    const tpl = await officer.get(`/api/monitoring/town-evaluations/${demo.id}/template`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getCell(2, 3).value = '很多';
    const res = await officer.upload(`/api/monitoring/town-evaluations/${demo.id}/import`, 't.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json()).toMatchObject({ saved: 11, errors: [{ line: 2 }] });
  });
});

describe('review findings stay fixed', () => {
  it('saving an accepted value unchanged does not reopen it; readers outside the unit see accepted values only', async () => {
    const sheet = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json();
    const { indicators } = await plan('nb-315');
    const mine = indicators.find((i) => i.responsibleUnits[0]!.code === 'nb-zzb')!;
    const series = (await officer.get(`/api/monitoring/indicators/${mine.id}/series`)).json();
    // The month before the current cycle: the demo history has every report of it accepted, tasks included.
    const [y, m] = month.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const accepted = series.points.find((p: { state: string; period: string }) => p.state === 'accepted' && p.period === prev);
    const url = `/api/monitoring/reporting/indicators/${mine.id}/${accepted.period}`;
    const same = (await dept.put(url, { value: accepted.value, note: DEMO_REPORT_NOTE })).json();
    expect(same).toMatchObject({ state: 'accepted', revision: accepted.revision });
    // A real correction is a draft the unit sees, while everyone else keeps seeing the accepted figure.
    await dept.put(url, { value: '999999', note: '草稿' });
    const asLeader = (await leader.get(`/api/monitoring/indicators/${mine.id}/series`)).json();
    expect(asLeader.points.find((p: { period: string }) => p.period === accepted.period)).toMatchObject({ value: accepted.value, state: 'accepted' });
    expect(JSON.stringify(asLeader)).not.toContain('999999');
    const asUnit = (await dept.get(`/api/monitoring/indicators/${mine.id}/series`)).json();
    expect(asUnit.points.find((p: { period: string }) => p.period === accepted.period)).toMatchObject({ value: '999999', state: 'draft' });
    // Lateness still counts the accepted value while its correction is pending.
    const late = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${accepted.period.slice(0, 7)}`)).json();
    expect(late.items.find((i: { unit: { code: string } }) => i.unit.code === 'nb-zzb').missing).toBe(0);
    expect(sheet.units).toHaveLength(1);
  });

  it('flows are read as year-to-date totals against the year’s figure', async () => {
    const { indicators } = await plan('nb-315');
    const flow = indicators.find((i) => i.name.includes('科创甬江2035'))!;
    expect(flow.latest?.periodLabel).toMatch(/年累计/);
    const series = (await officer.get(`/api/monitoring/indicators/${flow.id}/series`)).json();
    const year = flow.latest!.period;
    const sum = series.accepted.filter((p: { at: string }) => p.at.startsWith(`${year}-`)).reduce((s: number, p: { value: string }) => s + Number(p.value), 0);
    expect(Number(flow.latest!.value)).toBeCloseTo(sum, 6);
  });

  it('the tolerance band keeps two decimals, so an odd figure cannot break every page', async () => {
    const res = await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: 0.0000001 });
    expect(res.statusCode).toBe(200);
    expect((await officer.get('/api/monitoring/plans')).statusCode).toBe(200);
    await officer.patch('/api/monitoring/plans/nb-315', { tolerancePercent: 5 });
  });

  it('the bureau links 责任单位 accounts to units; other accounts cannot be linked', async () => {
    const members = (await officer.get('/api/monitoring/units/nb-zzb/members')).json();
    expect(members.items.map((m: { username: string }) => m.username)).toEqual(['department']);
    const wrong = await officer.post('/api/monitoring/units/nb-kjj/members', { username: 'applicant' });
    expect(problem(wrong).errors?.[0]?.field).toBe('username');
    expect((await officer.get('/api/monitoring/units/nb-kjj/members')).json().items).toEqual([]);
    expect((await officer.post('/api/monitoring/units/nb-kjj/members', { username: 'department' })).json().added).toBe(true);
    expect((await dept.get(`/api/monitoring/reporting?period=${month}`)).json().units).toHaveLength(2);
    const userId = (await officer.get('/api/monitoring/units/nb-kjj/members')).json().items[0].userId;
    expect((await officer.request('DELETE', `/api/monitoring/units/nb-kjj/members/${userId}`)).statusCode).toBe(204);
    expect((await dept.get('/api/monitoring/units/nb-zzb/members')).statusCode).toBe(403);
  });

  it('evidence can be removed from a draft, and another unit cannot probe for reports', async () => {
    const { indicators } = await plan('nb-315');
    const other = indicators.find((i) => i.responsibleUnits[0]!.code === 'nb-kjj' && i.frequency === 'monthly')!;
    const probe = await dept.upload(`/api/monitoring/reporting/indicators/${other.id}/${month}/evidence`, 'a.pdf', Buffer.from('%PDF-1.4'));
    expect(problem(probe)).toMatchObject({ status: 404, detail: '请先保存本期值，再上传佐证材料。' });
    const mine = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().indicators.find((r: { report: { state: string } | null }) => r.report?.state === 'draft');
    const url = `/api/monitoring/reporting/indicators/${mine.indicator.id}/${mine.period}/evidence`;
    const ev = (await dept.upload(url, 'b.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).json();
    expect((await officer.request('DELETE', `/api/monitoring/evidence/${ev.id}`)).statusCode).toBe(403);
    expect((await dept.request('DELETE', `/api/monitoring/evidence/${ev.id}`)).statusCode).toBe(204);
  });
});

describe('exports behind the charts and tables', () => {
  it('exports an indicator’s series and the filtered project list; the review queue lists evidence files', async () => {
    const { indicators } = await plan('nb-315');
    const i = indicators.find((x) => x.responsibleUnits[0]!.code === 'nb-zzb')!;
    const res = await leader.get(`/api/monitoring/indicators/${i.id}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('期次');
    // The leader's export holds accepted figures only, like the leader's chart.
    const states = new Set<unknown>();
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 4).value) states.add(ws.getCell(r, 4).value);
    expect([...states]).toEqual(['已采纳']);
    const projects = await leader.get('/api/monitoring/portfolio/projects/export?year=2024');
    const pw = new ExcelJS.Workbook();
    await pw.xlsx.load(projects.rawPayload as unknown as ArrayBuffer);
    expect(pw.worksheets[0]!.rowCount).toBe(302);
    // The unit's drafts (with the evidence uploaded earlier) reach the bureau once submitted.
    await dept.post('/api/monitoring/reporting/submit', { period: month });
    const queue = (await officer.get(`/api/monitoring/review?plan=nb-315&unit=nb-zzb&period=${month}&state=submitted`)).json();
    const withEvidence = queue.items.find((x: { evidenceCount: number }) => x.evidenceCount > 0);
    expect(withEvidence.evidence[0]).toMatchObject({ filename: '统计快报.pdf' });
  });
});

describe('the review queue pages and sorts on the server', () => {
  it('sorts by unit or period in either direction, and refuses drafts as a filter', async () => {
    const asc = (await officer.get(`/api/monitoring/review?plan=nb-315&state=submitted&sort=unit&order=asc&pageSize=200`)).json();
    const units = asc.items.map((i: { unit: { code: string } }) => i.unit.code);
    expect(units).toEqual([...units].sort());
    const byPeriod = (await officer.get('/api/monitoring/review?plan=nb-315&state=accepted&sort=period&order=desc&pageSize=5')).json();
    const periods = byPeriod.items.map((i: { period: string }) => i.period);
    expect(periods).toEqual([...periods].sort().reverse());
    expect(byPeriod.total).toBeGreaterThan(5);
    expect((await officer.get('/api/monitoring/review?state=draft')).statusCode).toBe(400);
  });
});

describe('bad input never produces a 500', () => {
  it('random bodies on the monitoring write routes, with real ids, as the officer and the unit, answer 2xx or problem+json 4xx (property)', async () => {
    const { indicators } = await plan('nb-315');
    const mine = indicators.find((i) => i.responsibleUnits[0]!.code === 'nb-zzb' && i.frequency === 'monthly')!;
    const tasks = (await dept.get(`/api/monitoring/reporting?period=${month}`)).json().tasks;
    const taskId = tasks[0]?.task.id ?? '00000000-0000-4000-8000-000000000000';
    const routes: [TestClient, 'POST' | 'PUT' | 'PATCH', string][] = [
      [dept, 'PUT', `/api/monitoring/reporting/indicators/${mine.id}/${month}`],
      [dept, 'PUT', `/api/monitoring/reporting/tasks/${taskId}/${month}`],
      [dept, 'POST', '/api/monitoring/reporting/submit'],
      [officer, 'PATCH', `/api/monitoring/indicators/${mine.id}`],
      [officer, 'PATCH', '/api/monitoring/plans/yz-14'],
      [officer, 'POST', '/api/monitoring/reminders'],
      [officer, 'POST', '/api/monitoring/portfolio/reported'],
      [officer, 'POST', '/api/monitoring/town-evaluations'],
      [officer, 'POST', '/api/monitoring/units/nb-kjj/members'],
    ];
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ value: fc.oneof(fc.string(), fc.double(), fc.constant('1e308'), fc.constant('-0.0000001')), note: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
      fc.record({ base: fc.record({ year: fc.integer(), value: fc.oneof(fc.string(), fc.constant(null)) }), tolerancePercent: fc.double(), dueDay: fc.integer(), period: fc.string(), percent: fc.integer(), progress: fc.string() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([client, method, url], b) => {
        const res = await client.request(method, url, undefined, { rawBody: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(b)} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
      }),
      { numRuns: 120, seed: 20261123 },
    );
  });
});

describe('lateness is for everyone who reads the dashboard; reminding is the bureau’s', () => {
  it('the leader reads and exports lateness but cannot remind', async () => {
    expect((await leader.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/monitoring/lateness/export?plan=nb-315&period=${month}`)).statusCode).toBe(200);
    const before = (await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json().items;
    expect((await leader.post('/api/monitoring/reminders', { plan: 'nb-315', period: month, unitCodes: ['nb-kjj'] })).statusCode).toBe(403);
    expect((await officer.get(`/api/monitoring/lateness?plan=nb-315&period=${month}`)).json().items).toEqual(before);
  });
});

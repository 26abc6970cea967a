import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERT_IMPORT_COLUMNS, residentIdCheckChar } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../../test/helpers.js';
import { repeatedPart, SHEET_HEAD, SHEET_TAIL, writeZip, xlsxShell } from '../../../../test/zip.js';

let t: TestApp;
let officer: TestClient;
let expertUser: TestClient;
let applicant: TestClient;

/** A valid resident ID per n. */
const rid = (n: number) => {
  const first17 = `33021219700315${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
};
const profile = (n: number, over: Record<string, unknown> = {}) => ({
  name: `测试专家${n}号`,
  idNumber: rid(n),
  title: '研究员',
  organisationName: `测试研究院${n}`,
  organisationCreditCode: '',
  region: '浙江省宁波市鄞州区',
  fields: ['equipment'],
  keywords: ['模具', '热处理'],
  ...over,
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: string[][], header: string[] = [...EXPERT_IMPORT_COLUMNS]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: TestClient, bytes: Buffer) => c.upload('/api/experts/import', 'experts.xlsx', bytes, XLSX);

beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  await officer.login('officer');
  expertUser = t.client();
  await expertUser.login('expert');
  applicant = t.client();
  await applicant.login('applicant');
}, 60_000);
afterAll(() => t.close());

describe('expert pool (专家库), officer', () => {
  it('P315-4: the fields offered are the union of the programmes’ rule sets in force', async () => {
    const res = await officer.get('/api/experts/fields');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['ic', 'equipment', 'materials', 'health', 'ai']));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('P315-4: creates a pending expert, audited with the ID number masked; refuses unknown fields and a pooled ID number', async () => {
    const res = await officer.post('/api/experts', profile(1, { keywords: ['模具', '模具', '一体化压铸'] }));
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ status: 'pending', keywords: ['模具', '一体化压铸'], idNumberMasked: `${rid(1).slice(0, 6)}********${rid(1).slice(14)}`, ratingCenti: null, ratingCount: 0 });
    expect(res.body).not.toContain(rid(1));
    const audit = await rawSql(t.db, `select action, changes::text as changes from audit_events where entity_type = 'expert' and entity_id = '${e.id}'`);
    expect(audit.map((a) => a.action)).toEqual(['review.expert.create']);
    expect(audit[0]!.changes).not.toContain(rid(1));

    const unknown = await officer.post('/api/experts', profile(2, { fields: ['equipment', 'space'] }));
    expect(unknown.statusCode).toBe(422);
    const p = problem(unknown);
    expect(p.code).toBe('EXPERT_INVALID');
    expect(p.errors).toEqual([{ field: 'fields.1', message: expect.stringContaining('“space”不是现行计划中的领域代码') }]);

    const again = problem(await officer.post('/api/experts', profile(1, { name: '另一个人' })));
    expect(again.code).toBe('EXPERT_ID_NUMBER_TAKEN');
    const badId = problem(await officer.post('/api/experts', profile(3, { idNumber: rid(3).slice(0, 17) })));
    expect(badId.code).toBe('VALIDATION_FAILED');
    expect(badId.errors?.[0]).toMatchObject({ field: 'idNumber' });
    expect((await rawSql(t.db, `select count(*)::int as n from experts`))[0]!.n).toBe(1);
  });

  it('refuses anonymous callers, applicants and experts on every officer route', async () => {
    const id = ((await rawSql(t.db, `select id from experts limit 1`))[0] as { id: string }).id;
    const anonymous = t.client();
    expect((await anonymous.get('/api/experts')).statusCode).toBe(401);
    for (const c of [applicant, expertUser]) {
      expect((await c.get('/api/experts')).statusCode).toBe(403);
      expect((await c.get('/api/experts/export.xlsx')).statusCode).toBe(403);
      expect((await c.get(`/api/experts/${id}`)).statusCode).toBe(403);
      expect((await c.put(`/api/experts/${id}`, profile(1))).statusCode).toBe(403);
      expect((await c.post(`/api/experts/${id}/activate`)).statusCode).toBe(403);
      expect((await c.post(`/api/experts/${id}/suspend`, { reason: '测试原因' })).statusCode).toBe(403);
      expect((await c.post('/api/experts', profile(9))).statusCode).toBe(403);
      expect((await c.get('/api/experts/import/template.xlsx')).statusCode).toBe(403);
    }
    const row = await rawSql(t.db, `select status, name from experts where id = '${id}'`);
    expect(row[0]).toMatchObject({ status: 'pending', name: '测试专家1号' });
  });

  it('P315-4: activate and suspend follow the table; suspending needs a reason; each step is audited', async () => {
    const id = (await officer.post('/api/experts', profile(10))).json().id as string;
    expect(problem(await officer.post(`/api/experts/${id}/suspend`, { reason: '测试暂停' })).code).toBe('EXPERT_STATUS_REFUSED');
    const act = await officer.post(`/api/experts/${id}/activate`);
    expect(act.statusCode, act.body).toBe(200);
    expect(act.json().status).toBe('active');
    expect(problem(await officer.post(`/api/experts/${id}/activate`)).code).toBe('EXPERT_STATUS_REFUSED');
    const noReason = await officer.post(`/api/experts/${id}/suspend`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect((await rawSql(t.db, `select status from experts where id = '${id}'`))[0]!.status).toBe('active');
    const suspended = await officer.post(`/api/experts/${id}/suspend`, { reason: '多次缺席评审' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', suspendedReason: '多次缺席评审' });
    expect((await officer.post(`/api/experts/${id}/activate`, { reason: '已说明情况' })).json()).toMatchObject({ status: 'active', suspendedReason: null });
    const detail = (await officer.get(`/api/experts/${id}`)).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['review.expert.create', 'review.expert.activate', 'review.expert.suspend', 'review.expert.activate']);
    expect(detail.history[2].summary).toBe('状态：在库 → 暂停；原因：多次缺席评审');
  });

  it('edits a profile (audited as a change list); the ID number stays unique', async () => {
    const id = (await officer.post('/api/experts', profile(11))).json().id as string;
    const res = await officer.put(`/api/experts/${id}`, profile(11, { title: '教授', keywords: ['数字孪生'], organisationCreditCode: '91330206ma2dema016', declaredConflicts: [{ kind: 'organisation', creditCode: '91330206MA2DEMB02Y', name: '宁波演示智造科技有限公司', reason: '曾任顾问' }] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '教授', keywords: ['数字孪生'], organisationCreditCode: '91330206MA2DEMA016', declaredConflicts: [{ kind: 'organisation', name: '宁波演示智造科技有限公司' }] });
    expect(problem(await officer.put(`/api/experts/${id}`, profile(1))).code).toBe('EXPERT_ID_NUMBER_TAKEN');
    const detail = (await officer.get(`/api/experts/${id}`)).json();
    expect(detail.history.at(-1)).toMatchObject({ action: 'review.expert.update', summary: expect.stringContaining('关键词') });
    const { idNumber: _kept, ...withoutId } = profile(11, { title: '教授', keywords: ['数字孪生'] });
    const kept = await officer.put(`/api/experts/${id}`, withoutId);
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await rawSql(t.db, `select id_number from experts where id = '${id}'`))[0]!.id_number).toBe(rid(11));
    expect(problem(await officer.get('/api/experts/00000000-0000-4000-8000-000000000000')).code).toBe('EXPERT_NOT_FOUND');
  });

  it('lists with filters (status, field, text, available), paging and sorting, and exports the filtered list with IDs masked', async () => {
    await officer.post('/api/experts', profile(20, { name: '甲材料专家', fields: ['materials'], organisationName: '材料测试所', available: false }));
    await officer.post('/api/experts', profile(21, { name: '乙芯片专家', fields: ['ic'], organisationCreditCode: '91330206MA2DEMC03P' }));
    const all = (await officer.get('/api/experts?pageSize=2&sort=name')).json();
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.items).toHaveLength(2);
    expect((await officer.get('/api/experts?field=materials')).json().items.map((e: { name: string }) => e.name)).toEqual(['甲材料专家']);
    expect((await officer.get(`/api/experts?q=${encodeURIComponent('材料测试')}`)).json().total).toBe(1);
    expect((await officer.get('/api/experts?q=MA2DEMC03P')).json().items[0].name).toBe('乙芯片专家');
    expect((await officer.get('/api/experts?available=false')).json().items.map((e: { name: string }) => e.name)).toEqual(['甲材料专家']);
    expect((await officer.get('/api/experts?status=active')).json().items.every((e: { status: string }) => e.status === 'active')).toBe(true);
    expect((await officer.get('/api/experts?status=nonsense')).statusCode).toBe(400);

    const res = await officer.get('/api/experts/export.xlsx?field=ic');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).text).toBe('乙芯片专家');
    expect(ws.getRow(2).getCell(2).text).toContain('********');
  });

  it('opens a login for an expert through the accounts context (one-time password, must change); only once', async () => {
    const id = (await officer.post('/api/experts', profile(30))).json().id as string;
    const res = await officer.post(`/api/experts/${id}/login`, { username: 'expert-login-30' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.expert).toMatchObject({ username: 'expert-login-30', userId: expect.any(String) });
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    const user = await rawSql(t.db, `select roles, must_change_password from users where username = 'expert-login-30'`);
    expect(user[0]).toMatchObject({ roles: ['expert'], must_change_password: true });
    const c = t.client();
    await c.login('expert-login-30', body.temporaryPassword);
    expect(problem(await officer.post(`/api/experts/${id}/login`, { username: 'expert-login-x' })).code).toBe('EXPERT_LOGIN_EXISTS');
    const other = (await officer.post('/api/experts', profile(31))).json().id as string;
    expect(problem(await officer.post(`/api/experts/${other}/login`, { username: 'officer' })).code).toBe('USERNAME_TAKEN');
    expect((await rawSql(t.db, `select user_id from experts where id = '${other}'`))[0]!.user_id).toBeNull();
  });
});

describe('expert self-service (我的专家信息)', () => {
  it('an expert without a profile is told so; once linked, reads and edits only their own profile, never status or name', async () => {
    expect(problem(await expertUser.get('/api/experts/me')).code).toBe('EXPERT_PROFILE_MISSING');
    const id = (await officer.post('/api/experts', profile(40))).json().id as string;
    await rawSql(t.db, `update experts set user_id = (select id from users where username = 'expert') where id = '${id}'`);
    const me = await expertUser.get('/api/experts/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id, name: '测试专家40号', status: 'pending' });
    expect(me.json()).not.toHaveProperty('ratingCenti');
    const put = await expertUser.put('/api/experts/me', {
      title: '教授',
      organisationName: '新单位',
      organisationCreditCode: '',
      region: '浙江省宁波市北仑区',
      fields: ['equipment', 'ai'],
      keywords: ['机器视觉'],
      consortia: ['测试创新联合体'],
      available: false,
      declaredConflicts: [{ kind: 'person', idNumber: rid(99), name: '某某', reason: '亲属' }],
      status: 'active',
      name: '改名',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: '测试专家40号', status: 'pending', fields: ['equipment', 'ai'], available: false, declaredConflicts: [{ kind: 'person', name: '某某', idNumber: rid(99) }] });
    const stored = await rawSql(t.db, `select status, name, declared_conflicts::text as dc from experts where id = '${id}'`);
    expect(stored[0]).toMatchObject({ status: 'pending', name: '测试专家40号' });
    expect(stored[0]!.dc).toContain(rid(99));
    const audited = await rawSql(t.db, `select changes::text as c from audit_events where entity_id = '${id}' and action = 'review.expert.update'`);
    expect(audited[0]!.c).not.toContain(rid(99));
    const bad = await expertUser.put('/api/experts/me', { ...(put.json() as object), fields: ['nowhere'], declaredConflicts: [] });
    expect(problem(bad).code).toBe('EXPERT_INVALID');
    const audit = await rawSql(t.db, `select actor_name from audit_events where entity_id = '${id}' and action = 'review.expert.update'`);
    expect(audit.map((a) => a.actor_name)).toEqual(['expert']);
    // An expert cannot edit anyone, themselves included, through the officer's routes.
    expect((await expertUser.put(`/api/experts/${id}`, profile(40))).statusCode).toBe(403);
    expect((await officer.get('/api/experts/me')).statusCode).toBe(403);
  });
});

describe('expert import (专家导入)', () => {
  it('the template downloads with the columns and the taxonomy in its notes', async () => {
    const res = await officer.get('/api/experts/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...EXPERT_IMPORT_COLUMNS]);
    expect(wb.getWorksheet('说明')!.getRow(2).getCell(2).text).toContain('equipment');
  });

  it('P315-4: imports valid rows as pending in one go and lists every bad row by line and column; pooled IDs are refused', async () => {
    const before = (await rawSql(t.db, `select count(*)::int as n from experts`))[0]!.n as number;
    const row = (n: number, over: Record<number, string> = {}) => {
      const cells = [`导入专家${n}`, rid(n), '高级工程师', '导入测试单位', '', '浙江省宁波市北仑区', '高端装备、materials', '模具、热处理', '', '', ''];
      for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
      return cells;
    };
    const file = await workbook([row(50), row(51), row(52, { 6: '航天' }), row(53, { 1: '123' }), row(50, { 0: '重复行' }), row(1, { 0: '已在库' }), ['', '', '', '', '', '', '', '', '', '', '']]);
    const res = await upload(officer, file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.saved).toBe(2);
    expect(body.errors.map((e: { line: number; column: string; field: string }) => [e.line, e.column, e.field])).toEqual([
      [4, 'G', '评审领域'],
      [5, 'B', '身份证号码'],
      [6, 'B', '身份证号码'],
      [7, 'B', '身份证号码'],
    ]);
    expect(body.errors[2].message).toContain('与第2行重复');
    expect(body.errors[3].message).toContain('已在专家库中');
    expect((await rawSql(t.db, `select count(*)::int as n from experts`))[0]!.n).toBe(before + 2);
    const imported = await rawSql(t.db, `select status, fields from experts where name = '导入专家50'`);
    expect(imported[0]).toMatchObject({ status: 'pending', fields: ['equipment', 'materials'] });
    const audit = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'review.expert.import'`);
    expect(audit[0]!.n).toBe(2);
  });

  it('a sheet that is not the template, an empty request and a hostile workbook are refused with a 4xx and store nothing', async () => {
    const before = (await rawSql(t.db, `select count(*)::int as n from experts`))[0]!.n as number;
    const header = problem(await upload(officer, await workbook([], ['名字', '身份证号码'])));
    expect(header.code).toBe('EXPERT_SHEET_INVALID');
    expect(header.detail).toContain('第1行A列应为“姓名”');
    expect(problem(await officer.post('/api/experts/import', {})).code).toBe('EXPERT_FILE_REQUIRED');
    const junk = await upload(officer, Buffer.from('this is not a workbook'));
    expect(junk.statusCode).toBeGreaterThanOrEqual(400);
    expect(junk.statusCode).toBeLessThan(500);
    const bomb = await repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, 'A', 40 * 1024 * 1024, `</t></is></c></row>${SHEET_TAIL}`);
    const hostile = await upload(officer, writeZip([...xlsxShell(), bomb]));
    expect(hostile.statusCode).toBeGreaterThanOrEqual(400);
    expect(hostile.statusCode).toBeLessThan(500);
    expect(problem(hostile).detail).toMatch(/[\u4e00-\u9fff]/);
    expect((await rawSql(t.db, `select count(*)::int as n from experts`))[0]!.n).toBe(before);
  });
});

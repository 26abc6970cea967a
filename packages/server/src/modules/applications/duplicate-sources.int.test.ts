// 查重 sources (BL-9): external records imported from Excel into the archive, checked by the next check (and by a
// re-check of an earlier submission), and the calls' template text that never counts as copying.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupe, exampleBeilunContent, type ApplicationContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertUser } from '../accounts/create-user.js';
import { hashPassword } from '../accounts/passwords.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { findOrganisationByCreditCode } from '../organisations/service.js';
import { runDuplicateCheck } from './duplicate-check.js';

let t: TestApp;
let applicant: TestClient;
let officer: TestClient;
let otherApplicant: TestClient;
let expert: TestClient;
let callId: string;

beforeAll(async () => {
  t = await createTestApp();
  const other = await findOrganisationByCreditCode(t.db, '91330211MA2J8DLT1M');
  await rawSql(t.db, `update organisations set region = '浙江省宁波市北仑区' where id = '${other!.id}'`);
  await t.db.transaction(async (tx) =>
    insertUser(tx, SYSTEM_ACTOR, { username: 'applicant-src', name: '孙申报', phone: '', email: '', roles: ['applicant'], organisationId: other!.id, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }),
  );
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, officer, otherApplicant, expert] = (await Promise.all(['applicant', 'officer', 'applicant-src', 'expert'].map(login))) as [TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 120_000);
afterAll(() => t.close());

/** Deterministic Chinese prose: distinct per seed, so unrelated texts share no 50-character run. */
function prose(seed: number, chars: number): string {
  const pool = '研究开发技术装备材料工艺系统平台数据智能制造模具压铸寿命精度检测控制算法优化结构设计验证应用推广产业链条协同创新能力团队成果转化效益市场需求国产替代关键核心部件性能指标试验测试标准规范集成示范生产线';
  let x = seed * 2654435761 + 12345;
  let s = '';
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += pool[x % pool.length];
    if (s.length % 37 === 36) s += '，';
  }
  return s + '。';
}

function contentWith(seed: number, sections: Record<string, string> = {}): ApplicationContent {
  const base = exampleBeilunContent();
  const own = Object.fromEntries(Object.keys(base.sections ?? {}).map((k, i) => [k, prose(seed * 100 + i, 220)]));
  return { ...base, sections: { ...own, ...sections } };
}

async function submit(client: TestClient, content: ApplicationContent): Promise<{ applicationId: string; id: string; version: number }> {
  const created = await client.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const saved = await client.put(`/api/applications/${id}/draft`, { baseVersion: created.json().version, content });
  expect(saved.statusCode, saved.body).toBe(200);
  await uploadRequiredAttachments(client, id);
  const res = await client.post(`/api/applications/${id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { applicationId: id, id, version: res.json().version as number };
}

const report = async (id: string) => {
  const res = await officer.get(`/api/applications/${id}/duplicate-report`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().report;
};

async function workbook(rows: (string | number)[][], header: string[] = ['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度', '项目摘要', '研究内容', '创新点']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('外部记录');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: TestClient, bytes: Buffer) => c.upload('/api/dedupe/external-records/import', 'records.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const externalCount = async () => (await rawSql(t.db, `select count(*)::int as n from dedupe_archive where source_type <> 'application'`))[0]!.n as number;

describe('查重 external records (BL-9)', () => {
  const higher = prose(7001, 300);
  let early: { applicationId: string; id: string; version: number };

  it('BL-9: the template downloads with the fixed columns and the text columns', async () => {
    const res = await officer.get('/api/dedupe/external-records/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度', '项目摘要', '研究内容', '创新点']);
  });

  it('BL-9: an application checked before the import is found by its re-check afterwards (the index includes later imports)', async () => {
    early = await submit(applicant, contentWith(41, { 'plan.goals': `本项目目标如下。${higher}` }));
    await runDuplicateCheck(t.db, early);
    expect((await report(early.id)).flagged).toBe(false);
  });

  it('BL-9: valid rows go in, bad rows come back with line and column in Chinese; duplicates in the file are refused', async () => {
    const before = await externalCount();
    const res = await upload(officer, await workbook([
      ['上级项目', 'SJ-2023-001', '高端压铸模具寿命提升关键技术', '宁波演示模具研究院', '91330211MA2J8DLT1M', '2023', higher, prose(7002, 200), ''],
      ['人才项目', 'RC-2022-009', '智能检测算法人才项目', '某高校', '', '2022', prose(7003, 200), '', ''],
      ['科研项目', 'X-1', '来源类型错误', '某单位', '', '2022', prose(7004, 100), '', ''],
      ['往年项目', 'WN-1', '信用代码错误', '某单位', '91330211MA2J8DLT1X', '2099', prose(7005, 100), '', ''],
      ['人才项目', 'RC-2022-009', '与第3行编号重复', '某高校', '', '2022', prose(7006, 100), '', ''],
      ['往年项目', 'WN-2', '没有正文', '某单位', '', '2021', '', '', ''],
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.saved).toBe(2);
    expect(await externalCount()).toBe(before + 2);
    const where = body.errors.map((e: { line: number; column: string }) => `${e.line}${e.column}`);
    expect(where).toEqual(['4A', '5E', '5F', '6B', '7G']);
    expect(body.errors[1].message).toContain('第5行E列“统一社会信用代码”：校验位错误');
    expect(body.errors[2].message).toMatch(/^第5行F列“年度”：年度应为1980至\d{4}之间的四位年份$/);
    expect(body.errors[3].message).toContain('与第3行重复');
    const list = await officer.get('/api/dedupe/external-records?sourceType=higherLevel');
    expect(list.json()).toMatchObject({ total: 1, items: [{ recordNo: 'SJ-2023-001', sourceLabel: '上级项目', organisationName: '宁波演示模具研究院', creditCode: '91330211MA2J8DLT1M', year: 2023 }] });
  });

  it('BL-9: re-importing a record number is refused for that row and the stored record is not changed', async () => {
    const row = async () => (await rawSql(t.db, `select seq, title, md5(text) as text from dedupe_archive where record_no = 'SJ-2023-001'`))[0];
    const before = await row();
    const res = await upload(officer, await workbook([['上级项目', 'SJ-2023-001', '改过的名称', '宁波演示模具研究院', '', '2023', prose(1, 100), '', '']]));
    expect(res.json().saved).toBe(0);
    expect(res.json().errors[0].message).toContain('已导入过，未重复导入');
    expect(await row()).toEqual(before);
  });

  it('BL-9: a failure half-way through the import leaves nothing imported', async () => {
    await rawSql(t.db, `create function fail_second() returns trigger language plpgsql as $$ begin if new.record_no = 'MID-2' then raise exception 'disk full'; end if; return new; end $$`);
    await rawSql(t.db, `create trigger fail_second before insert on dedupe_archive for each row execute function fail_second()`);
    try {
      const before = await externalCount();
      const res = await upload(officer, await workbook([1, 2, 3].map((n) => ['往年项目', `MID-${n}`, `往年项目${n}`, '某单位', '', '2020', prose(8000 + n, 100), '', ''])));
      expect(res.statusCode).toBe(500);
      expect(await externalCount()).toBe(before);
      expect((await rawSql(t.db, `select count(*)::int as n from dedupe_archive where record_no like 'MID-%'`))[0]!.n).toBe(0);
    } finally {
      await rawSql(t.db, `drop trigger fail_second on dedupe_archive`);
      await rawSql(t.db, `drop function fail_second()`);
    }
  });

  it('BL-9: import, template and list are for officers: applicant and expert get 403 and nothing is stored', async () => {
    const before = await externalCount();
    const file = await workbook([['往年项目', 'NOPE-1', '越权导入', '某单位', '', '2020', prose(9100, 100), '', '']]);
    for (const c of [applicant, expert]) {
      expect((await upload(c, file)).statusCode).toBe(403);
      expect((await c.get('/api/dedupe/external-records')).statusCode).toBe(403);
      expect((await c.get('/api/dedupe/external-records/template.xlsx')).statusCode).toBe(403);
    }
    expect(await externalCount()).toBe(before);
    const bad = await upload(officer, await workbook([], ['类型', '编号']));
    expect(bad.statusCode).toBe(422);
    expect(problem(bad)).toMatchObject({ code: 'EXTERNAL_RECORDS_SHEET_INVALID' });
  });

  it('BL-9: the next check flags a near-copy of an imported higher-level project and counts the external records checked', async () => {
    const copy = await submit(otherApplicant, contentWith(42, { 'background.trends': `参考上级项目的思路。${higher}` }));
    await runDuplicateCheck(t.db, copy);
    const r = await report(copy.id);
    const m = r.matches.find((x: { sourceType: string }) => x.sourceType === 'higherLevel');
    expect(m).toMatchObject({ relation: 'other', flagged: true, applicationId: null });
    expect(m.title).toBe('上级项目：高端压铸模具寿命提升关键技术（宁波演示模具研究院，2023年，编号 SJ-2023-001）');
    expect(m.passages[0].source.sectionTitle).toBe('项目摘要');
    expect(r.flagged).toBe(true);
    const by = Object.fromEntries(r.sourcesChecked.bySource.map((s: { sourceType: string; count: number }) => [s.sourceType, s.count]));
    expect(by).toMatchObject({ higherLevel: 1, talent: 1 });
    expect(r.sourcesNotChecked.map((s: { sourceType: string }) => s.sourceType)).toEqual(['project', 'pastProject']);
    // The application checked before the import: its re-check now compares with the record too.
    expect((await officer.post(`/api/applications/${early.id}/duplicate-check`)).json().status).toBe('done');
    const again = await report(early.id);
    expect(again.flagged).toBe(true);
    expect(again.matches[0]).toMatchObject({ sourceType: 'higherLevel', flagged: true });
    // …but never with the application submitted after it.
    expect(again.matches.some((x: { applicationId: string | null }) => x.applicationId === copy.id)).toBe(false);
  });
});

describe('查重 ignores the call’s template text (BL-9)', () => {
  // A prompt printed under an item, and a guideline item's description that every applicant pastes in.
  const hint = '请围绕国家重大需求，从国内外技术发展现状、主要差距、发展趋势以及本项目拟突破的关键技术等方面进行分析论述，字数不少于八百字并附主要参考文献';
  const guideline = '突破超大型一体化压铸模具的设计仿真、材料与热处理关键技术，形成具有自主知识产权的高端模具设计制造能力。开发模具寿命预测与智能运维系统，实现模具全生命周期的数字化管理与质量追溯';

  it('BL-9: two applications sharing only the template’s prompt and guideline text are not flagged; the index is rebuilt for the new template text', async () => {
    const [{ sections }] = (await rawSql(t.db, `select form_sections as sections from calls where id = '${callId}'`)) as [{ sections: { items: { key: string; hint?: string }[] }[] }];
    for (const s of sections) for (const i of s.items) if (i.key === 'background.trends') i.hint = hint;
    await rawSql(t.db, `update calls set form_sections = '${JSON.stringify(sections)}'::jsonb where id = '${callId}'`);
    await rawSql(t.db, `update guideline_items set description = '${guideline}' where call_id = '${callId}' and code = 'BL-2026-02'`);
    const shared = { 'background.trends': `${hint}。${prose(51, 120)}`, 'plan.goals': `${guideline}。${prose(52, 80)}` };
    const other = { 'background.trends': `${hint}。${prose(61, 120)}`, 'plan.goals': `${guideline}。${prose(62, 80)}` };
    const a = await submit(applicant, contentWith(50, shared));
    await runDuplicateCheck(t.db, a);
    expect((await report(a.id)).index).toMatchObject({ mode: 'rebuilt', reason: 'template' });
    const b = await submit(otherApplicant, contentWith(60, other));
    await runDuplicateCheck(t.db, b);
    const r = await report(b.id);
    expect(r.flagged).toBe(false);
    expect(r.copyRatio).toBe(0);
    expect(r.matches.filter((m: { applicationId: string }) => m.applicationId === a.id)).toEqual([]);
    // Control: without the template text the same two sections would count as copied (so the test can fail).
    const bare = dedupe.DedupeIndex.build([{ id: 'a', text: shared['background.trends'] }]);
    expect(bare.query(other['background.trends']).copyRatio).toBeGreaterThan(0.3);
  });
});

describe('查重 report while the check is pending (BL-9)', () => {
  it('BL-9: a queued check answers 409 with checkStatus, and the problem keeps its HTTP status', async () => {
    const a = await submit(applicant, contentWith(70));
    const res = await officer.get(`/api/applications/${a.id}/duplicate-report`);
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'DUPLICATE_CHECK_NOT_RUN', status: 409, checkStatus: 'queued', version: a.version });
    await runDuplicateCheck(t.db, a);
    expect((await officer.get(`/api/applications/${a.id}/duplicate-report`)).statusCode).toBe(200);
  });
});

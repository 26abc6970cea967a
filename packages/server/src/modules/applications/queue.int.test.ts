import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent, type ApplicationContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertUser } from '../accounts/create-user.js';
import { hashPassword } from '../accounts/passwords.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { findOrganisationByCreditCode } from '../organisations/service.js';

const WAN = 10_000;
const OTHER_CREDIT_CODE = '91330211MA2J8DLT1M'; // 宁波东海新材料科技有限公司, 镇海区
let t: TestApp;
let applicant: TestClient;
let unitAdmin: TestClient;
let officer: TestClient;
let otherApplicant: TestClient;
let expert: TestClient;
let department: TestClient;
let leader: TestClient;
let callId: string;

type Item = { id: string; applicationNo: string; state: string; organisation: { name: string }; requestedFiscalYuan: number; waitingForMe: boolean; fieldCode: string | null; submittedAt: string | null; title: string };
type Counts = { scope: string; items: { code: string; submitted: number; total: number; flagged: boolean; rule: string; byState: Record<string, number>; categories: { code: string; name: string; submitted: number }[] }[] };
type Stats = { scope: string; total: { count: number; requestedFiscalYuan: number }; byCategory: Bucket[]; byField: Bucket[]; byRegion: Bucket[]; byOrganisationType: Bucket[] };
type Bucket = { key: string; label: string; count: number; requestedFiscalYuan: number };

/** Applications made by this suite, by role in the tests. */
const made: Record<'submitted' | 'endorsed' | 'draft' | 'other' | 'otherDraft', string> = { submitted: '', endorsed: '', draft: '', other: '', otherDraft: '' };
let before: { counts: Counts; stats: Stats };

const withFiscal = (content: ApplicationContent, districtWan: number[]): ApplicationContent => ({
  ...content,
  budget: { ...content.budget!, lines: content.budget!.lines!.map((l, i) => ({ ...l, fiscalDistrictYuan: (districtWan[i] ?? 0) * WAN })) },
});

async function draft(client: TestClient, item: string, category: string, content?: ApplicationContent): Promise<string> {
  const res = await client.post('/api/applications', { callId, guidelineItemCode: item, categoryCode: category });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (content) {
    expect((await client.put(`/api/applications/${id}/draft`, { baseVersion: 1, content })).statusCode, 'save').toBe(200);
    await uploadRequiredAttachments(client, id);
  }
  return id;
}

const list = async (client: TestClient, query: string) => {
  const res = await client.get(`/api/applications?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
};
const ids = (r: { items: Item[] }) => r.items.map((i) => i.id);

async function workbook(client: TestClient, query: string) {
  const res = await client.get(`/api/applications/export.xlsx?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const counts = async (client: TestClient) => (await client.get(`/api/applications/counts?callId=${callId}`)).json() as Counts;
const stats = async (client: TestClient) => (await client.get(`/api/applications/statistics?callId=${callId}`)).json() as Stats;

beforeAll(async () => {
  t = await createTestApp();
  const other = await findOrganisationByCreditCode(t.db, OTHER_CREDIT_CODE);
  await t.db.transaction(async (tx) =>
    insertUser(tx, SYSTEM_ACTOR, { username: 'applicant-q', name: '孙申报', phone: '', email: '', roles: ['applicant'], organisationId: other!.id, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }),
  );
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer, otherApplicant, expert, department, leader] = (await Promise.all(['applicant', 'unitadmin', 'officer', 'applicant-q', 'expert', 'department', 'leader'].map(login))) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
  before = { counts: await counts(officer), stats: await stats(officer) };

  // Own organisation (甬创, 北仑区): one submitted (300万 fiscal), one endorsed (200万), one draft.
  made.submitted = await draft(applicant, 'BL-2026-02', 'chain', exampleBeilunContent());
  expect((await applicant.post(`/api/applications/${made.submitted}/submit`)).statusCode).toBe(200);
  made.endorsed = await draft(applicant, 'BL-2026-02', 'chain', withFiscal(exampleBeilunContent(), [100, 100]));
  expect((await applicant.post(`/api/applications/${made.endorsed}/submit`)).statusCode).toBe(200);
  expect((await unitAdmin.post(`/api/applications/${made.endorsed}/endorse`)).statusCode).toBe(200);
  made.draft = await draft(applicant, 'BL-2026-01', 'chain');
  // Another organisation (东海, 镇海区) on BL-2026-03 with 50万 fiscal. BL-2 keeps an out-of-district lead from
  // submitting to this call, so the organisation sits in 北仑区 for the submission only; its time is then
  // dated 2026-07-01 (Shanghai) for the date filters.
  const otherContent = withFiscal(exampleBeilunContent(), [50, 0]);
  otherContent.basic = { ...otherContent.basic, title: '东海低重稀土永磁', categoryCode: 'leading', guidelineItemCode: 'BL-2026-03', fieldCode: 'materials', subDirection: '稀土磁性材料', leadTiers: ['leadingEnterprise'] };
  made.other = await draft(otherApplicant, 'BL-2026-03', 'leading', otherContent);
  await rawSql(t.db, `update organisations set region = '浙江省宁波市北仑区' where credit_code = '${OTHER_CREDIT_CODE}'`);
  const submitted = await otherApplicant.post(`/api/applications/${made.other}/submit`);
  await rawSql(t.db, `update organisations set region = '浙江省宁波市镇海区' where credit_code = '${OTHER_CREDIT_CODE}'`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  await rawSql(t.db, `update applications set submitted_at = '2026-07-01T10:00:00+08:00' where id = '${made.other}'`);
  made.otherDraft = await draft(otherApplicant, 'BL-2026-03', 'leading');
});
afterAll(() => t.close());

describe('GET /api/applications: the queue per level', () => {
  it('keeps its contract: callId and state filter, paging; an applicant sees only its own organisation’s', async () => {
    const own = await list(applicant, `callId=${callId}&pageSize=200`);
    expect(ids(own)).toEqual(expect.arrayContaining([made.submitted, made.endorsed, made.draft]));
    expect(ids(own)).not.toContain(made.other);
    expect(ids(own)).not.toContain(made.otherDraft);
    expect(own.items.every((i) => i.organisation.name === '宁波甬创智能装备有限公司')).toBe(true);
    expect(ids(await list(applicant, `callId=${callId}&state=endorsed`))).toEqual([made.endorsed]);
    // Searching for the other organisation by name or code finds nothing of it.
    expect((await list(applicant, `organisation=${encodeURIComponent('东海')}`)).total).toBe(0);
    expect((await list(otherApplicant, 'pageSize=200')).items.map((i) => i.id).sort()).toEqual([made.other, made.otherDraft].sort());
  });

  it('an officer sees every organisation’s submitted applications, never a draft', async () => {
    const all = ids(await list(officer, `callId=${callId}&pageSize=200`));
    expect(all).toEqual(expect.arrayContaining([made.submitted, made.endorsed, made.other]));
    expect(all).not.toContain(made.draft);
    expect(all).not.toContain(made.otherDraft);
  });

  it('filters by guideline item, category, field, organisation name or credit code and submission date (Asia/Shanghai days)', async () => {
    expect(ids(await list(officer, `callId=${callId}&guidelineItemCode=BL-2026-03`))).toEqual([made.other]);
    expect(ids(await list(officer, `callId=${callId}&categoryCode=leading`))).toEqual([made.other]);
    expect(ids(await list(officer, `callId=${callId}&fieldCode=materials`))).toEqual([made.other]);
    expect(ids(await list(officer, `organisation=${OTHER_CREDIT_CODE.slice(4, 12)}`))).toEqual([made.other]);
    expect(ids(await list(officer, `callId=${callId}&organisation=${encodeURIComponent('甬创')}`)).sort()).toEqual([made.submitted, made.endorsed].sort());
    // 2026-07-01 10:00 Shanghai is inside the day 07-01 and outside 06-30 and 07-02.
    expect(ids(await list(officer, `submittedFrom=2026-07-01&submittedTo=2026-07-01`))).toEqual([made.other]);
    expect(ids(await list(officer, `submittedFrom=2026-07-02&submittedTo=2026-07-02`))).not.toContain(made.other);
    expect(ids(await list(officer, `submittedTo=2026-06-30`))).not.toContain(made.other);
    expect(problem(await officer.get('/api/applications?submittedFrom=2026-13-45')).status).toBe(400);
    expect(problem(await officer.get('/api/applications?sort=state')).status).toBe(400);
  });

  it('待我处理: the unit admin’s are those awaiting its endorsement, the officer’s those awaiting acceptance', async () => {
    const admin = ids(await list(unitAdmin, `callId=${callId}&waitingForMe=true&pageSize=200`));
    expect(admin).toContain(made.submitted);
    expect(admin).not.toContain(made.endorsed);
    const off = await list(officer, `callId=${callId}&waitingForMe=true&pageSize=200`);
    expect(ids(off)).toContain(made.endorsed);
    expect(ids(off)).not.toContain(made.submitted);
    expect(off.items.every((i) => i.waitingForMe)).toBe(true);
    expect((await list(officer, `callId=${callId}&pageSize=200`)).items.find((i) => i.id === made.submitted)!.waitingForMe).toBe(false);
  });

  it('sorts by requested fiscal amount, application number, title, organisation and submission time; pages without overlap', async () => {
    const q = `callId=${callId}&organisation=${encodeURIComponent('宁波')}`;
    const byAmount = await list(officer, `${q}&sort=-requestedFiscal&pageSize=200`);
    const amounts = byAmount.items.map((i) => i.requestedFiscalYuan);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(byAmount.items.filter((i) => Object.values(made).includes(i.id)).map((i) => [i.id, i.requestedFiscalYuan])).toEqual([
      [made.submitted, 300 * WAN],
      [made.endorsed, 200 * WAN],
      [made.other, 50 * WAN],
    ]);
    const byNo = (await list(officer, `${q}&sort=applicationNo&pageSize=200`)).items.map((i) => i.applicationNo);
    expect(byNo).toEqual([...byNo].sort());
    const byOrg = (await list(officer, `${q}&sort=organisation&pageSize=200`)).items.map((i) => i.organisation.name);
    expect(byOrg.indexOf('宁波东海新材料科技有限公司')).toBeLessThan(byOrg.indexOf('宁波甬创智能装备有限公司'));
    const byTime = (await list(officer, `${q}&sort=-submittedAt&pageSize=200`)).items.map((i) => i.submittedAt!);
    expect(byTime).toEqual([...byTime].sort().reverse());
    const byTitle = (await list(officer, `${q}&sort=title&pageSize=200`)).items;
    expect(byTitle[0]!.title).toBe('大型一体化压铸高端模具设计与制造关键技术'); // 大 da before 东 dong
    const p1 = await list(officer, `${q}&sort=-requestedFiscal&page=1&pageSize=2`);
    const p2 = await list(officer, `${q}&sort=-requestedFiscal&page=2&pageSize=2`);
    expect(p1).toMatchObject({ total: byAmount.total, page: 1, pageSize: 2 });
    expect([...ids(p1), ...ids(p2)]).toEqual(ids(byAmount).slice(0, 4));
  });
});

describe('GET /api/applications/export.xlsx', () => {
  it('exports the whole filtered, ordered list (not the page), amounts in 万元 and the credit code in full', async () => {
    const rows = await workbook(officer, `callId=${callId}&organisation=${encodeURIComponent('宁波')}&sort=-requestedFiscal&pageSize=1`);
    expect(rows[0]).toEqual(['申报编号', '项目名称', '申报指南', '指南条目', '类别', '领域', '申报单位', '统一社会信用代码', '状态', '申请财政经费（万元）', '提交时间', '待我处理']);
    const listed = await list(officer, `callId=${callId}&organisation=${encodeURIComponent('宁波')}&sort=-requestedFiscal&pageSize=200`);
    const data = rows.slice(1, -1);
    expect(data.map((r) => r[0])).toEqual(listed.items.map((i) => i.applicationNo));
    expect(String(rows.at(-1)![0])).toContain(`共 ${listed.total} 项`);
    const other = data.find((r) => r[6] === '宁波东海新材料科技有限公司')!;
    expect(other.slice(3, 11)).toEqual(['BL-2026-03 高性能稀土永磁材料低重稀土化技术', '领军类', '新材料', '宁波东海新材料科技有限公司', OTHER_CREDIT_CODE, '已提交（待单位审核）', 50, '2026-07-01 10:00:00']);
    const endorsed = data.find((r) => r[0] === listed.items.find((i) => i.id === made.endorsed)!.applicationNo)!;
    expect([endorsed[9], endorsed[11]]).toEqual([200, '是']);
  });

  it('the default order (latest submission first, never-submitted last) is the same on every page and in the export', async () => {
    for (const [client, sort] of [[applicant, '-submittedAt'], [applicant, 'submittedAt'], [officer, '-submittedAt'], [officer, 'applicationNo'], [officer, '-applicationNo']] as const) {
      const whole = await list(client, `sort=${sort}&pageSize=200`);
      const paged = [...ids(await list(client, `sort=${sort}&page=1&pageSize=2`)), ...ids(await list(client, `sort=${sort}&page=2&pageSize=2`))];
      expect(paged, sort).toEqual(ids(whole).slice(0, 4));
      const exported = (await workbook(client, `sort=${sort}`)).slice(1, -1).map((r) => r[0]);
      expect(exported, sort).toEqual(whole.items.map((i) => i.applicationNo));
    }
    const own = await list(applicant, 'sort=-submittedAt&pageSize=200');
    expect(own.items.at(-1)!.submittedAt).toBeNull();
  });

  it('an applicant’s export holds its own organisation’s applications only', async () => {
    const rows = (await workbook(applicant, '')).slice(1, -1);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r[6] === '宁波甬创智能装备有限公司')).toBe(true);
    expect((await workbook(otherApplicant, '')).slice(1, -1).map((r) => r[6])).toEqual(['宁波东海新材料科技有限公司', '宁波东海新材料科技有限公司']);
  });
});

describe('GET /api/applications/counts (NB-13)', () => {
  it('NB-13 counts per guideline item and category by state; items drawing fewer than 2 submitted applications are flagged', async () => {
    const now = await counts(officer);
    expect(now.scope).toBe('all');
    const item = (c: Counts, code: string) => c.items.find((i) => i.code === code)!;
    expect(now.items.map((i) => i.code)).toEqual(['BL-2026-01', 'BL-2026-02', 'BL-2026-03']);
    // This suite added two submitted on BL-2026-02 (one endorsed), one on BL-2026-03, and drafts the officer never counts.
    expect(item(now, 'BL-2026-02').submitted - item(before.counts, 'BL-2026-02').submitted).toBe(2);
    expect(item(now, 'BL-2026-02').byState.endorsed! - item(before.counts, 'BL-2026-02').byState.endorsed!).toBe(1);
    expect(item(now, 'BL-2026-03').submitted - item(before.counts, 'BL-2026-03').submitted).toBe(1);
    expect(item(now, 'BL-2026-01').submitted).toBe(item(before.counts, 'BL-2026-01').submitted);
    for (const i of now.items) expect(i.flagged, i.code).toBe(i.submitted < 2);
    expect(item(now, 'BL-2026-02').flagged).toBe(false);
    const leading = item(now, 'BL-2026-03').categories.find((c) => c.code === 'leading')!;
    expect(leading.name).toBe('领军类');
    expect(leading.submitted - item(before.counts, 'BL-2026-03').categories.find((c) => c.code === 'leading')!.submitted).toBe(1);
    expect(now.items.every((i) => i.rule === 'NB-13' && i.byState.draft === 0)).toBe(true);
  });

  it('an applicant counts only its own organisation’s (scope own), never another’s', async () => {
    const own = await counts(otherApplicant);
    expect(own.scope).toBe('own');
    const item = own.items.find((i) => i.code === 'BL-2026-03')!;
    expect([item.total, item.submitted]).toEqual([2, 1]);
    expect(own.items.find((i) => i.code === 'BL-2026-02')!.total).toBe(0);
  });
});

describe('GET /api/applications/statistics', () => {
  it('counts and requested fiscal amounts by category, field, region and organisation type, labelled in Chinese', async () => {
    const now = await stats(officer);
    const delta = (pick: (s: Stats) => Bucket[], key: string) => {
      const b = (s: Stats) => pick(s).find((x) => x.key === key) ?? { count: 0, requestedFiscalYuan: 0 };
      return [b(now).count - b(before.stats).count, b(now).requestedFiscalYuan - b(before.stats).requestedFiscalYuan];
    };
    expect([now.total.count - before.stats.total.count, now.total.requestedFiscalYuan - before.stats.total.requestedFiscalYuan]).toEqual([3, 550 * WAN]);
    expect(delta((s) => s.byCategory, 'chain')).toEqual([2, 500 * WAN]);
    expect(delta((s) => s.byCategory, 'leading')).toEqual([1, 50 * WAN]);
    expect(now.byCategory.map((b) => b.label)).toEqual(['领军类', '强链类', '育成类']);
    expect(delta((s) => s.byField, 'materials')).toEqual([1, 50 * WAN]);
    expect(now.byField.find((b) => b.key === 'materials')!.label).toBe('新材料');
    expect(delta((s) => s.byRegion, '浙江省宁波市镇海区')).toEqual([1, 50 * WAN]);
    expect(delta((s) => s.byRegion, '浙江省宁波市北仑区')).toEqual([2, 500 * WAN]);
    expect(now.byOrganisationType.find((b) => b.key === 'enterprise')!.label).toBe('企业');
  });

  it('an applicant’s statistics are limited to its own organisation: the other organisation’s application is in no count', async () => {
    const own = await stats(otherApplicant);
    expect(own.scope).toBe('own');
    expect(own.total).toEqual({ count: 1, requestedFiscalYuan: 50 * WAN });
    expect(own.byRegion.map((b) => b.key)).toEqual(['浙江省宁波市镇海区']);
    const mine = await stats(applicant);
    expect(mine.byRegion.map((b) => b.key)).toEqual(['浙江省宁波市北仑区']);
    expect(mine.byCategory.find((b) => b.key === 'leading')!.count).toBe(0);
  });
});

describe('authorisation', () => {
  it('an expert, a department and a leader get 403 on the queue, export, counts and statistics; an anonymous caller 401', async () => {
    const urls = [`/api/applications?callId=${callId}`, `/api/applications/export.xlsx?callId=${callId}`, `/api/applications/counts?callId=${callId}`, `/api/applications/statistics?callId=${callId}`];
    for (const url of urls) {
      for (const c of [expert, department, leader]) expect((await c.get(url)).statusCode, url).toBe(403);
      expect((await t.client().get(url)).statusCode, url).toBe(401);
    }
  });

  it('counts and statistics of an unknown call answer 404, of a malformed id 400', async () => {
    expect((await officer.get('/api/applications/counts?callId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await officer.get('/api/applications/statistics?callId=nope')).statusCode).toBe(400);
  });
});

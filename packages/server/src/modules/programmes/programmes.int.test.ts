import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';

let t: TestApp;
let officer: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  await officer.login('officer');
});
afterAll(() => t.close());

const WAN = 10_000;
const quote = (body: Record<string, unknown>) => t.client().post('/api/funding/quote', { date: '2026-11-23', overlaps: [], ...body });

describe('seeded programmes', () => {
  it('the three programmes are there, readable without signing in, with their codes', async () => {
    const list = (await t.client().get('/api/programmes')).json().items;
    expect(list.map((p: { code: string }) => p.code)).toEqual(['beilun-kct', 'nb-2025', 'yj-2035']);
    for (const p of list) expect(p.currentVersion).not.toBeNull();
  });

  it('BL-2 BL-3 Beilun 2024 revision: three categories and the six key fields, in force from 2024-03-27 (仑科〔2024〕2号)', async () => {
    const p = (await t.client().get('/api/programmes/beilun-kct')).json();
    const v = p.versions.find((x: { id: string }) => x.id === p.currentVersionId);
    expect(v).toMatchObject({ documentNo: '仑科〔2024〕2号', effectiveFrom: '2024-03-27' });
    expect(v.parameters.categories.map((c: { code: string }) => c.code)).toEqual(['leading', 'chain', 'incubation']);
    expect(v.parameters.fields.map((f: { name: string }) => f.name)).toEqual(['集成电路', '高端装备', '新材料', '生命健康', '人工智能', '其他新兴领域']);
    expect(v.parameters.annualBudgetYuan).toBe(4000 * WAN);
  });

  it('NB-1 the Ningbo 2025 programme has 13 special projects', async () => {
    const p = (await t.client().get('/api/programmes/nb-2025')).json();
    expect(p.versions.at(-1).parameters.fields).toHaveLength(13);
  });
});

describe('POST /api/funding/quote', () => {
  it('BL-5 BL-6 leading category: min(30% × 2,000万, 500万 cap, 600万 requested) = 500万, with the rules applied', async () => {
    const res = (await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 2000 * WAN, requested: 600 * WAN })).json();
    expect(res).toMatchObject({ eligible: true, subsidy: 500 * WAN, selfRaised: 1500 * WAN });
    const rules = res.applied.map((a: { rule: string }) => a.rule);
    expect(rules).toEqual(expect.arrayContaining(['BL-5', 'BL-6']));
    expect(res.version.documentNo).toBe('仑科〔2024〕2号');
  });

  it('BL-5 chain category: 30% of 700万 = 210万 when less than cap and request', async () => {
    const res = (await quote({ programme: 'beilun-kct', category: 'chain', totalInvestment: 700 * WAN, requested: 300 * WAN })).json();
    expect(res).toMatchObject({ subsidy: 210 * WAN, selfRaised: 490 * WAN });
  });

  it('BL-5 rounds the 30% share down to the 元', async () => {
    const res = (await quote({ programme: 'beilun-kct', category: 'incubation', totalInvestment: 1_000_001, requested: 100 * WAN })).json();
    expect(res.subsidy).toBe(300_000);
  });

  it('BL-7 an overlapping higher-level project is funded once, at the higher amount', async () => {
    const low = (await quote({ programme: 'beilun-kct', category: 'chain', totalInvestment: 1000 * WAN, requested: 300 * WAN, overlaps: [{ level: 'city', name: '市级重点研发项目', amount: 100 * WAN }] })).json();
    expect(low.subsidy).toBe(200 * WAN);
    const high = (await quote({ programme: 'beilun-kct', category: 'chain', totalInvestment: 1000 * WAN, requested: 300 * WAN, overlaps: [{ level: 'province', name: '省级尖兵项目', amount: 500 * WAN }] })).json();
    expect(high.subsidy).toBe(0);
    expect(high.applied.map((a: { rule: string }) => a.rule)).toContain('BL-7');
  });

  it('BL-1 a date before the 2024 revision took effect has no rule set in force', async () => {
    const res = await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 1000 * WAN, requested: 100 * WAN, date: '2024-03-26' });
    expect(res.statusCode).toBe(422);
    expect(problem(res).code).toBe('NO_VERSION_IN_FORCE');
  });

  it('NB-10 a topic below 500万 or without 1:2 self-raised matching is reported, with every problem', async () => {
    const res = (await quote({ programme: 'nb-2025', category: (await firstCategory('nb-2025')), totalInvestment: 900 * WAN, requested: 400 * WAN })).json();
    expect(res.eligible).toBe(false);
    expect(res.problems.filter((p: { rule: string }) => p.rule === 'NB-10').length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['an astronomically large commitment', { committed: 9007199254740991 }, 'committed'],
    ['a timestamp with ten fractional digits', { date: '2025-01-01T00:00:00.1234567891+08:00' }, 'date'],
  ])('refuses %s with a field error, never a 500', async (_label, extra, field) => {
    const res = await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 1000 * WAN, requested: 100 * WAN, ...extra });
    expect(problem(res)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field }] });
  });

  it('refuses non-integer or negative amounts with field errors, never a 500', async () => {
    const res = await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 12.5, requested: -1 });
    const p = problem(res);
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors!.map((e) => e.field).sort()).toEqual(['requested', 'totalInvestment']);
  });

  it('refuses a total investment of 0 (never "eligible for 0万") and names the limit in 万元 when too large', async () => {
    const zero = problem(await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 0, requested: 100 * WAN }));
    expect(zero).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'totalInvestment', message: '研发总投入须大于0' }] });
    const huge = problem(await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 1_000_000_000_001, requested: 100 * WAN }));
    expect(huge).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'totalInvestment', message: '研发总投入过大，不能超过100,000,000万元' }] });
  });
});

async function firstCategory(code: string): Promise<string> {
  const p = (await t.client().get(`/api/programmes/${code}`)).json();
  return p.versions.at(-1).parameters.categories[0].code;
}

async function beilunVersion() {
  const p = (await t.client().get('/api/programmes/beilun-kct')).json();
  return p.versions.find((x: { id: string }) => x.id === p.currentVersionId);
}

describe('calls (申报指南)', () => {
  const window = { opensAt: '2026-11-01T00:00:00+08:00', closesAt: '2099-12-31T17:00:00+08:00' };
  async function draft(title: string) {
    const v = await beilunVersion();
    const fieldCode = v.parameters.fields[0].code;
    return officer.post('/api/calls', {
      title,
      description: '测试指南',
      programmeCode: 'beilun-kct',
      categoryCodes: ['leading', 'chain'],
      fieldCodes: [fieldCode],
      guidelineItems: [{ code: 'T-01', title: '测试条目', description: '说明', fieldCode }],
      ...window,
      selectionMode: 'competitive',
      formSections: [],
      requiredAttachments: [],
      eligibility: {},
    });
  }

  it('an officer drafts a call; it stays invisible to the public until published, then appears with its guideline items', async () => {
    const res = await draft('测试指南A');
    expect(res.statusCode).toBe(201);
    const call = res.json();
    expect(call).toMatchObject({ status: 'draft', actions: { edit: true, publish: true } });
    expect((await t.client().get(`/api/public/calls/${call.id}`)).statusCode).toBe(404);
    expect((await t.client().get('/api/public/calls')).json().items.some((c: { id: string }) => c.id === call.id)).toBe(false);

    const published = (await officer.post(`/api/calls/${call.id}/publish`)).json();
    expect(published).toMatchObject({ status: 'published', phase: 'open' });
    const pub = (await t.client().get(`/api/public/calls/${call.id}`)).json();
    expect(pub.guidelineItems[0]).toMatchObject({ code: 'T-01', title: '测试条目' });
    expect(pub.categories.map((c: { code: string }) => c.code)).toEqual(['leading', 'chain']);
    expect(pub.actions).toEqual({ edit: false, publish: false, close: false, archive: false });
  });

  it('a published call is frozen: editing is refused and nothing changes; its version is frozen too', async () => {
    const call = (await draft('测试指南B')).json();
    await officer.post(`/api/calls/${call.id}/publish`);
    const res = await officer.put(`/api/calls/${call.id}`, { ...call, programmeCode: 'beilun-kct', categoryCodes: ['leading'], fieldCodes: call.fields.map((f: { code: string }) => f.code), title: '改名' });
    expect(problem(res).code).toBe('CALL_NOT_EDITABLE');
    expect((await officer.get(`/api/calls/${call.id}`)).json().title).toBe('测试指南B');

    const v = await beilunVersion();
    expect(v.frozen).toBe(true);
    const edit = await officer.put(`/api/programmes/beilun-kct/versions/${v.id}/categories/leading`, { ...v.parameters.categories[0], capYuan: 600 * WAN });
    expect(problem(edit).code).toBe('VERSION_FROZEN');
    expect((await beilunVersion()).parameters.categories[0].capYuan).toBe(500 * WAN);
  });

  it('refuses categories or fields that the version does not have, naming the field', async () => {
    const v = await beilunVersion();
    const res = await officer.post('/api/calls', {
      title: '错误指南',
      programmeCode: 'beilun-kct',
      categoryCodes: ['nonexistent'],
      fieldCodes: [v.parameters.fields[0].code],
      guidelineItems: [],
      ...window,
      selectionMode: 'competitive',
      formSections: [],
      requiredAttachments: [],
      eligibility: {},
    });
    expect(problem(res)).toMatchObject({ code: 'CALL_INVALID', errors: [{ field: 'categoryCodes.0' }] });
    expect(await rawSql(t.db, `select 1 from calls where title = '错误指南'`)).toHaveLength(0);
  });

  it('a draft can be withdrawn (kept read-only), a published call cannot', async () => {
    const call = (await draft('测试指南D')).json();
    expect((await officer.post(`/api/calls/${call.id}/withdraw`)).json().status).toBe('archived');
    const other = (await draft('测试指南E')).json();
    await officer.post(`/api/calls/${other.id}/publish`);
    expect(problem(await officer.post(`/api/calls/${other.id}/withdraw`)).code).toBe('CALL_TRANSITION_REFUSED');
    expect((await officer.get(`/api/calls/${other.id}`)).json().status).toBe('published');
  });

  it('a withdrawn draft never becomes public', async () => {
    const call = (await draft('测试指南F')).json();
    await officer.post(`/api/calls/${call.id}/withdraw`);
    expect((await t.client().get(`/api/public/calls/${call.id}`)).statusCode).toBe(404);
  });

  it('publishing checks the call against its version again and refuses when a category has gone', async () => {
    const parameters = structuredClone((await beilunVersion()).parameters);
    const created = (await officer.post('/api/programmes/beilun-kct/versions', { version: '发布校验（测试）', documentNo: '测试', effectiveFrom: '2030-01-01', parameters })).json();
    const res = await officer.post('/api/calls', {
      title: '测试指南G',
      programmeCode: 'beilun-kct',
      versionId: created.id,
      categoryCodes: ['chain'],
      fieldCodes: [parameters.fields[0].code],
      guidelineItems: [],
      opensAt: '2030-01-01T00:00:00+08:00',
      closesAt: '2099-01-01T00:00:00+08:00',
      selectionMode: 'competitive',
      formSections: [],
      requiredAttachments: [],
      eligibility: {},
    });
    const call = res.json();
    await officer.request('DELETE', `/api/programmes/beilun-kct/versions/${created.id}/categories/chain`);
    expect(problem(await officer.post(`/api/calls/${call.id}/publish`)).code).toBe('CALL_INVALID');
    expect((await officer.get(`/api/calls/${call.id}`)).json().status).toBe('draft');
  });

  it('close then archive; archiving a draft is refused', async () => {
    const call = (await draft('测试指南C')).json();
    expect(problem(await officer.post(`/api/calls/${call.id}/archive`)).code).toBe('CALL_TRANSITION_REFUSED');
    await officer.post(`/api/calls/${call.id}/publish`);
    expect((await officer.post(`/api/calls/${call.id}/close`)).json().status).toBe('closed');
    expect((await officer.post(`/api/calls/${call.id}/archive`)).json().status).toBe('archived');
    const actions = (await rawSql(t.db, `select action from audit_events where entity_id = '${call.id}' order by occurred_at`)).map((r) => r.action);
    expect(actions).toEqual(['call.create', 'call.publish', 'call.close', 'call.archive']);
  });

  it('filters the officer\'s list by keyword and selection mode, and exports exactly the filtered calls to Excel', async () => {
    const hits = (await officer.get(`/api/calls?q=${encodeURIComponent('测试指南')}&selectionMode=competitive`)).json().items;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((c: { title: string }) => c.title.includes('测试指南'))).toBe(true);
    expect((await officer.get('/api/calls?selectionMode=openChallenge')).json().items).toHaveLength(0);
    const res = await officer.get(`/api/calls/export?q=${encodeURIComponent('测试指南')}&selectionMode=competitive`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(hits.length);
    expect(String(ws.getRow(2).getCell(1).value)).toContain('测试指南');
  });

  it('applicants and experts cannot draft calls', async () => {
    for (const u of ['applicant', 'expert']) {
      const c = t.client();
      await c.login(u);
      expect((await c.post('/api/calls', {})).statusCode).toBe(403);
    }
  });
});

describe('programme versions', () => {
  it('BL-1 a version cannot take effect retroactively, and nothing is written', async () => {
    const parameters = structuredClone((await beilunVersion()).parameters);
    const res = await officer.post('/api/programmes/beilun-kct/versions', { version: '追溯（测试）', documentNo: '测试', effectiveFrom: '2024-06-01', parameters });
    expect(problem(res)).toMatchObject({ code: 'VERSION_BACKDATED', errors: [{ field: 'effectiveFrom' }] });
    expect(await rawSql(t.db, `select 1 from programme_versions where version = '追溯（测试）'`)).toHaveLength(0);
  });

  it('an officer adds a later version; the diff lists the changed cap; quotes after its date use it, earlier ones do not (BL-1)', async () => {
    const current = await beilunVersion();
    const parameters = structuredClone(current.parameters);
    parameters.categories[0].capYuan = 800 * WAN;
    const res = await officer.post('/api/programmes/beilun-kct/versions', { version: '2027修订（测试）', documentNo: '仑科〔2027〕1号', effectiveFrom: '2027-01-01', parameters });
    expect(res.statusCode).toBe(201);
    const next = res.json();
    const diff = (await t.client().get(`/api/programmes/beilun-kct/versions/${next.id}/diff?against=${current.id}`)).json();
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0].label).toContain('800万');

    const before = (await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 5000 * WAN, requested: 1000 * WAN, date: '2026-12-31' })).json();
    const after = (await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 5000 * WAN, requested: 1000 * WAN, date: '2027-01-01' })).json();
    expect(before.subsidy).toBe(500 * WAN);
    expect(after.subsidy).toBe(800 * WAN);
  });
});

describe('budget ledger', () => {
  it('BL-4 holds this year\'s 4,000万 budget; a commitment beyond what is available is refused and nothing is written', async () => {
    const year = new Date().getUTCFullYear();
    const ledger = (await officer.get(`/api/programmes/beilun-kct/budget/${year}`)).json();
    expect(ledger.budgetYuan).toBe(4000 * WAN);
    const before = ledger.entries.length;
    const over = await officer.post(`/api/programmes/beilun-kct/budget/${year}/entries`, { kind: 'commit', amountYuan: ledger.availableYuan + 1, reference: 'TEST-OVER' });
    expect(problem(over).code).toBe('BUDGET_OVERDRAWN');
    expect((await officer.get(`/api/programmes/beilun-kct/budget/${year}`)).json().entries).toHaveLength(before);

    const ok = await officer.post(`/api/programmes/beilun-kct/budget/${year}/entries`, { kind: 'commit', amountYuan: 3900 * WAN, reference: 'TEST-1' });
    expect(ok.json().availableYuan).toBe(ledger.availableYuan - 3900 * WAN);
    const committed = (await officer.get(`/api/programmes/beilun-kct/budget/${year}`)).json().committedYuan;
    const q = (await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 2000 * WAN, requested: 500 * WAN, date: `${year}-06-01`, committed })).json();
    expect(q.problems.map((p: { rule: string }) => p.rule)).toContain('BL-4');
    // The public quote never reveals the ledger: without a stated commitment, no committed figure appears.
    const anon = (await quote({ programme: 'beilun-kct', category: 'leading', totalInvestment: 2000 * WAN, requested: 500 * WAN, date: `${year}-06-01` })).json();
    expect(JSON.stringify(anon)).not.toContain('3,900万');
  });

  it('disburse, release and repay keep the ledger sound: disbursing more than is committed is refused', async () => {
    const code = 'yj-2035';
    const year = 2030;
    const post = (kind: string, amountYuan: number) => officer.post(`/api/programmes/${code}/budget/${year}/entries`, { kind, amountYuan, reference: `T-${kind}` });
    await post('budget', 1000 * WAN);
    await post('commit', 600 * WAN);
    expect(problem(await post('disburse', 601 * WAN)).code).toBe('BUDGET_OVERDRAWN');
    await post('disburse', 400 * WAN);
    await post('return', 200 * WAN); // the undisbursed rest of a terminated project (BL-10)
    const l = (await post('repay', 100 * WAN)).json(); // money paid back after disbursement
    expect(l).toMatchObject({ budgetYuan: 1000 * WAN, committedYuan: 600 * WAN, disbursedYuan: 400 * WAN, returnedYuan: 300 * WAN, availableYuan: 700 * WAN, undisbursedYuan: 0 });
  });

  it('exports the ledger entries with a summary line', async () => {
    const res = await officer.get('/api/programmes/yj-2035/budget/2030/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(2).value).toBe('核定预算');
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toContain('可用 700万');
  });

  it('the leader reads the ledger but cannot move money', async () => {
    const leader = t.client();
    await leader.login('leader');
    const year = new Date().getUTCFullYear();
    expect((await leader.get(`/api/programmes/beilun-kct/budget/${year}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/programmes/beilun-kct/budget/${year}/entries`, { kind: 'commit', amountYuan: 1 })).statusCode).toBe(403);
  });
});

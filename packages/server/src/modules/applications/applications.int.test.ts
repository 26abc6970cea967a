import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_RESIDENT_ID, exampleBeilunContent, maskResidentId, type ApplicationContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, passFormalReview, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertUser } from '../accounts/create-user.js';
import { hashPassword } from '../accounts/passwords.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { findOrganisationByCreditCode } from '../organisations/service.js';

let t: TestApp;
let applicant: TestClient;
let unitAdmin: TestClient;
let officer: TestClient;
let recommender: TestClient;
let otherApplicant: TestClient;
let expert: TestClient;
let department: TestClient;
let callId: string;

beforeAll(async () => {
  t = await createTestApp();
  // An applicant of another organisation (宁波东海新材料科技有限公司), made here so the demo stays as it is.
  const other = await findOrganisationByCreditCode(t.db, '91330211MA2J8DLT1M');
  await t.db.transaction(async (tx) =>
    insertUser(tx, SYSTEM_ACTOR, { username: 'applicant-b', name: '孙申报', phone: '', email: '', roles: ['applicant'], organisationId: other!.id, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }),
  );
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer, recommender, otherApplicant, expert, department] = (await Promise.all(['applicant', 'unitadmin', 'officer', 'recommender', 'applicant-b', 'expert', 'department'].map(login))) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
});
afterAll(() => t.close());

/** The columns a refused action must leave as they were. */
async function snapshot(id: string) {
  const [row] = await rawSql(t.db, `select state, current_version, submitted_version, md5(content::text) as content, md5(coalesce(return_reasons::text, '')) as reasons, updated_at from applications where id = '${id}'`);
  const [versions] = await rawSql(t.db, `select count(*)::int as n from application_versions where application_id = '${id}'`);
  const [receipts] = await rawSql(t.db, `select count(*)::int as n from application_receipts where application_id = '${id}'`);
  return { row, versions: versions!.n, receipts: receipts!.n };
}

async function newDraft(client = applicant): Promise<{ id: string; version: number }> {
  const res = await client.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, version: res.json().version };
}

async function filledDraft(): Promise<{ id: string; version: number }> {
  const { id, version } = await newDraft();
  const res = await applicant.put(`/api/applications/${id}/draft`, { baseVersion: version, content: exampleBeilunContent() });
  expect(res.statusCode).toBe(200);
  await uploadRequiredAttachments(applicant, id);
  return { id, version: res.json().version };
}

async function submitted(): Promise<string> {
  const { id } = await filledDraft();
  const res = await applicant.post(`/api/applications/${id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

describe('drafts (我要申报 and autosave)', () => {
  it('creates a draft for the caller’s organisation from a published call, with the allowed actions', async () => {
    const { id } = await newDraft();
    const a = (await applicant.get(`/api/applications/${id}`)).json();
    expect(a).toMatchObject({ state: 'draft', version: 1, categoryCode: 'chain', guidelineItem: { code: 'BL-2026-02' }, organisation: { name: '宁波甬创智能装备有限公司' }, actions: ['edit', 'submit'] });
    expect(a.applicationNo).toMatch(/^SB-\d{4}-\d{6}$/);
    expect(a.content.basic).toMatchObject({ categoryCode: 'chain', guidelineItemCode: 'BL-2026-02', fieldCode: 'equipment' });
    expect(a.checks.ready).toBe(false);
  });

  it('refuses a guideline item or category the call does not have, and a caller without an organisation', async () => {
    expect(problem(await applicant.post('/api/applications', { callId, guidelineItemCode: 'NOPE', categoryCode: 'chain' })).code).toBe('GUIDELINE_ITEM_NOT_FOUND');
    expect(problem(await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'nope' })).code).toBe('CATEGORY_NOT_IN_CALL');
    expect((await officer.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' })).statusCode).toBe(403);
  });

  it('every save is a version; a stale save gets 409 with both versions and changes nothing', async () => {
    const { id, version } = await filledDraft();
    expect(version).toBe(2);
    const before = await snapshot(id);
    const stale = await applicant.put(`/api/applications/${id}/draft`, { baseVersion: 1, content: { basic: { title: '另一个标签页里的旧稿' } } });
    expect(stale.statusCode).toBe(409);
    const p = problem(stale) as ReturnType<typeof problem> & { currentVersion: number; baseVersion: number; current: ApplicationContent; yours: ApplicationContent };
    expect(p).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, baseVersion: 1 });
    expect(p.current.basic?.title).toBe('大型一体化压铸高端模具设计与制造关键技术');
    expect(p.yours.basic?.title).toBe('另一个标签页里的旧稿');
    expect(await snapshot(id)).toEqual(before);

    const versions = (await applicant.get(`/api/applications/${id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const cmp = (await applicant.get(`/api/applications/${id}/versions/compare?from=1&to=2`)).json();
    expect(cmp.changes).toContainEqual({ path: 'basic.title', kind: 'added', before: null, after: '大型一体化压铸高端模具设计与制造关键技术' });
  });

  it('the leader’s ID number is stored once and masked in every view; sending the mask back keeps the number', async () => {
    const { id, version } = await filledDraft();
    const view = (await applicant.get(`/api/applications/${id}`)).json();
    expect(view.content.team.leader.idNumber).toBe(maskResidentId(EXAMPLE_RESIDENT_ID));
    expect((await applicant.get(`/api/applications/${id}/versions/2`)).json().content.team.leader.idNumber).toBe(maskResidentId(EXAMPLE_RESIDENT_ID));
    expect(JSON.stringify((await applicant.get(`/api/applications/${id}`)).json())).not.toContain(EXAMPLE_RESIDENT_ID);
    const res = await applicant.put(`/api/applications/${id}/draft`, { baseVersion: version, content: { ...view.content, keywordsNote: undefined } });
    expect(res.statusCode).toBe(200);
    const [row] = await rawSql(t.db, `select content->'team'->'leader'->>'idNumber' as id from applications where id = '${id}'`);
    expect(row!.id).toBe(EXAMPLE_RESIDENT_ID);
  });

  it('live checks on the detail: BL-5 BL-6 funding quote, matching ratio, countdown; a complete draft is ready', async () => {
    const { id } = await filledDraft();
    const a = (await applicant.get(`/api/applications/${id}`)).json();
    expect(a.checks.problems).toEqual([]);
    expect(a.checks).toMatchObject({ ready: true, funding: { subsidyYuan: 3_000_000 }, matching: { ratioLabel: '1:2.33' }, deadline: { open: true } });
    expect(a.checks.funding.applied.map((x: { rule: string }) => x.rule)).toEqual(expect.arrayContaining(['BL-5', 'BL-6']));
    expect(a.ruleSet).toMatchObject({ programmeCode: 'beilun-kct', documentNo: '仑科〔2024〕2号' });
  });
});

describe('submission, receipts and the chain', () => {
  it('an incomplete draft is refused with the whole list of problems, and nothing changes', async () => {
    const { id } = await newDraft();
    const before = await snapshot(id);
    const res = await applicant.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(422);
    const p = problem(res);
    expect(p.code).toBe('APPLICATION_INCOMPLETE');
    expect(p.errors!.length).toBeGreaterThan(10);
    expect(p.errors).toContainEqual({ field: 'basic.title', message: '请填写项目名称' });
    expect(await snapshot(id)).toEqual(before);
  });

  it('submission freezes a version with its content hash; the PDF receipt is rendered on first request, stays the same, and anyone can verify it', async () => {
    const id = await submitted();
    const a = (await applicant.get(`/api/applications/${id}`)).json();
    expect(a).toMatchObject({ state: 'submitted', version: 3, submittedVersion: 3, actions: ['withdraw'] });
    // No queue runs in this app, so nothing rendered the receipt yet: the submission itself does not.
    expect((await snapshot(id)).receipts).toBe(0);
    const receipt = await applicant.get(`/api/applications/${id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect((await snapshot(id)).receipts).toBe(1);
    expect((await applicant.get(`/api/applications/${id}/receipt`)).rawPayload.equals(receipt.rawPayload)).toBe(true);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [v] = await rawSql(t.db, `select content_hash, frozen from application_versions where application_id = '${id}' and version = 3`);
    expect(v!.frozen).toBe(true);
    const byHash = (await t.client().get(`/api/public/receipts/verify?hash=${String(v!.content_hash)}`)).json();
    expect(byHash).toMatchObject({ found: true, receipts: [{ applicationNo: a.applicationNo, version: 3, latest: true }] });
    const pdfHash = createHash('sha256').update(receipt.rawPayload).digest('hex');
    expect((await t.client().get(`/api/public/receipts/verify?hash=${pdfHash}`)).json()).toMatchObject({ found: true });
    expect((await t.client().get(`/api/public/receipts/verify?hash=${'0'.repeat(64)}`)).json()).toEqual({ found: false, receipts: [] });
  });

  it('a frozen version and a receipt cannot be changed, not even by SQL', async () => {
    const id = await submitted();
    expect((await applicant.get(`/api/applications/${id}/receipt`)).statusCode).toBe(200);
    const refusal = (q: string) => rawSql(t.db, q).then(() => 'changed', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    // A second, different receipt for the same submission is refused by the key the renders insert on.
    expect(await refusal(`insert into application_receipts (id, application_id, version, content_hash, pdf, pdf_sha256, generated_at) select gen_random_uuid(), application_id, version, content_hash, '\\x00', 'x', now() from application_receipts where application_id = '${id}'`)).toMatch(/duplicate key|unique/);
    expect(await refusal(`update application_versions set content = '{}' where application_id = '${id}' and frozen`)).toMatch(/frozen/);
    expect(await refusal(`update application_receipts set pdf = '\\x00' where application_id = '${id}'`)).toMatch(/frozen/);
    expect(await refusal(`delete from application_receipts where application_id = '${id}'`)).toMatch(/frozen/);
    expect(await refusal(`delete from application_versions where application_id = '${id}' and frozen`)).toMatch(/frozen/);
  });

  it('撤回 while the unit admin has not acted, then a new submission gets a new receipt and the old one stays', async () => {
    const id = await submitted();
    expect((await applicant.get(`/api/applications/${id}/receipt`)).statusCode).toBe(200);
    const [first] = await rawSql(t.db, `select version, pdf_sha256 from application_receipts where application_id = '${id}'`);
    const w = await applicant.post(`/api/applications/${id}/withdraw`);
    expect(w.json()).toEqual({ state: 'draft' });
    const again = await applicant.post(`/api/applications/${id}/submit`);
    expect(again.json()).toMatchObject({ state: 'submitted', version: 4 });
    const latest = await applicant.get(`/api/applications/${id}/receipt`);
    const receipts = await rawSql(t.db, `select version, pdf_sha256 from application_receipts where application_id = '${id}' order by version`);
    expect(receipts).toHaveLength(2);
    expect(receipts[0]).toEqual(first);
    expect(receipts[1]!.version).toBe(4);
    expect(createHash('sha256').update(latest.rawPayload).digest('hex')).toBe(receipts[1]!.pdf_sha256);
  });

  it('the unit admin endorses, then the applicant can no longer withdraw; the officer accepts (形式审查)', async () => {
    const id = await submitted();
    expect((await unitAdmin.get(`/api/applications/${id}`)).json().actions).toEqual(['withdraw', 'endorse', 'return']);
    expect((await unitAdmin.post(`/api/applications/${id}/endorse`)).json()).toEqual({ state: 'endorsed' });
    const before = await snapshot(id);
    const w = await applicant.post(`/api/applications/${id}/withdraw`);
    expect(w.statusCode).toBe(409);
    expect(problem(w).code).toBe('TRANSITION_REFUSED');
    expect(await snapshot(id)).toEqual(before);
    expect((await officer.get(`/api/applications/${id}`)).json().actions).toEqual(['accept', 'return']);
    // 形式审查 waits for 查重 (BL-9); without a queue in tests the officer's request runs it inline.
    expect((await officer.post(`/api/applications/${id}/duplicate-check`)).json()).toMatchObject({ status: 'done' });
    await passFormalReview(officer, id);
    expect((await officer.post(`/api/applications/${id}/accept`)).json()).toEqual({ state: 'accepted' });
    const [audit] = await rawSql(t.db, `select count(*)::int as n from audit_events where entity_type = 'application' and entity_id = '${id}' and action in ('application.submit', 'application.endorse', 'application.accept')`);
    expect(audit!.n).toBe(3);
  });

  it('退回 with reasons beside fields; the applicant sees them, revises and resubmits', async () => {
    const id = await submitted();
    const reasons = [{ field: 'sections.plan.goals', reason: '项目目标缺少量化指标' }, { field: 'budget.lines', reason: '设备费明细不清' }];
    expect((await unitAdmin.post(`/api/applications/${id}/return`, { reasons })).json()).toEqual({ state: 'returned' });
    const a = (await applicant.get(`/api/applications/${id}`)).json();
    expect(a).toMatchObject({ state: 'returned', returnReasons: reasons, returnedBy: 'unitAdmin', actions: ['edit', 'resubmit'] });
    const content = { ...exampleBeilunContent(), sections: { ...exampleBeilunContent().sections, 'plan.goals': '模具寿命由5万模次提高到10万模次。' } };
    expect((await applicant.put(`/api/applications/${id}/draft`, { baseVersion: a.version, content })).statusCode).toBe(200);
    const re = await applicant.post(`/api/applications/${id}/resubmit`);
    expect(re.json()).toMatchObject({ state: 'submitted', version: a.version + 2 });
    expect((await applicant.get(`/api/applications/${id}`)).json().returnReasons).toEqual([]);
  });

  it('a return without reasons is refused, and nothing changes', async () => {
    const id = await submitted();
    const before = await snapshot(id);
    const res = await unitAdmin.post(`/api/applications/${id}/return`, { reasons: [] });
    expect(res.statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);
  });

  it('where the call requires 推荐单位 recommendation, the officer cannot accept before it; the recommender recommends or returns', async () => {
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      const id = await submitted();
      await unitAdmin.post(`/api/applications/${id}/endorse`);
      const before = await snapshot(id);
      const refused = await officer.post(`/api/applications/${id}/accept`);
      expect(refused.statusCode).toBe(409);
      expect(problem(refused).detail).toContain('推荐单位推荐');
      expect(await snapshot(id)).toEqual(before);
      expect((await recommender.get(`/api/applications/${id}`)).json().actions).toEqual(['recommend', 'return']);
      expect((await recommender.post(`/api/applications/${id}/recommend`)).json()).toEqual({ state: 'recommended' });
      await officer.post(`/api/applications/${id}/duplicate-check`);
      await passFormalReview(officer, id);
      expect((await officer.post(`/api/applications/${id}/accept`)).json()).toEqual({ state: 'accepted' });
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
  });

  it('submission is refused after the close, to the second, and nothing changes', async () => {
    const { id } = await filledDraft();
    const [call] = await rawSql(t.db, `select closes_at::text as closes from calls where id = '${callId}'`);
    await rawSql(t.db, `update calls set closes_at = date_trunc('second', now()) where id = '${callId}'`);
    try {
      const before = await snapshot(id);
      const res = await applicant.post(`/api/applications/${id}/submit`);
      expect(res.statusCode).toBe(409);
      expect(problem(res)).toMatchObject({ code: 'TRANSITION_REFUSED', detail: expect.stringContaining('不在申报时间内') });
      expect(await snapshot(id)).toEqual(before);
      expect((await applicant.get(`/api/applications/${id}`)).json().actions).toEqual(['edit']);
    } finally {
      await rawSql(t.db, `update calls set closes_at = '${String(call!.closes)}'::timestamptz where id = '${callId}'`);
    }
  });

  it('BL-9: the duplicate report answers 409 while 查重 is still queued, for officers only (the applicant gets 404)', async () => {
    const id = await submitted();
    const res = await officer.get(`/api/applications/${id}/duplicate-report`);
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'DUPLICATE_CHECK_NOT_RUN', detail: expect.stringContaining('排队') });
    expect((await applicant.get(`/api/applications/${id}/duplicate-report`)).statusCode).toBe(404);
  });
});

describe('to-dos for the next level', () => {
  it('a submission is a to-do for the unit admin; a return is one for the applicant', async () => {
    const id = await submitted();
    const todos = async (c: TestClient) => ((await c.get('/api/me/todos')).json().items as { key: string; title: string }[]).map((x) => x.key);
    expect(await todos(unitAdmin)).toContain('applications.endorse');
    await unitAdmin.post(`/api/applications/${id}/return`, { reasons: [{ field: 'basic.title', reason: '名称过长' }] });
    expect(await todos(applicant)).toContain('applications.returned');
    await applicant.post(`/api/applications/${id}/resubmit`);
    await unitAdmin.post(`/api/applications/${id}/endorse`);
    expect(await todos(officer)).toContain('applications.accept');
  });
});

describe('invariants', () => {
  it('a submitted application without its frozen version is reported by the invariant check', async () => {
    const id = await submitted();
    const { checkInvariants } = await import('../../db/invariants.js');
    expect((await checkInvariants(t.db)).filter((p) => p.startsWith('application'))).toEqual([]);
    await rawSql(t.db, `update applications set submitted_version = submitted_version + 10, current_version = current_version + 10 where id = '${id}'`);
    try {
      const problems = (await checkInvariants(t.db)).filter((p) => p.startsWith('application'));
      expect(problems.some((p) => p.includes('current version is not its latest saved version'))).toBe(true);
      expect(problems.some((p) => p.includes('has no frozen content'))).toBe(true);
    } finally {
      await rawSql(t.db, `update applications set submitted_version = submitted_version - 10, current_version = current_version - 10 where id = '${id}'`);
    }
  });
});

describe('who sees what', () => {
  it('GET /api/applications: an applicant sees only its organisation’s; filters by callId and state', async () => {
    const mine = await submitted();
    const theirs = await newDraft(otherApplicant);
    const list = (await applicant.get(`/api/applications?callId=${callId}`)).json();
    expect(list.items.every((a: { organisation: { name: string } }) => a.organisation.name === '宁波甬创智能装备有限公司')).toBe(true);
    expect(list.items.map((a: { id: string }) => a.id)).toContain(mine);
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(theirs.id);
    const submittedOnly = (await applicant.get('/api/applications?state=submitted')).json().items;
    expect(submittedOnly.length).toBeGreaterThan(0);
    expect(submittedOnly.every((a: { state: string }) => a.state === 'submitted')).toBe(true);
    // The officer sees submitted applications of every organisation, never a draft.
    const officers = (await officer.get('/api/applications?pageSize=200')).json().items as { id: string; state: string }[];
    expect(officers.map((a) => a.id)).toContain(mine);
    expect(officers.some((a) => a.state === 'draft')).toBe(false);
  });

  it('an applicant of another organisation gets 404 for the application, its versions, its receipt and its 查重 report, and its actions change nothing', async () => {
    const id = await submitted();
    for (const url of [`/api/applications/${id}`, `/api/applications/${id}/versions`, `/api/applications/${id}/versions/1`, `/api/applications/${id}/versions/compare?from=1&to=2`, `/api/applications/${id}/receipt`, `/api/applications/${id}/duplicate-report`]) {
      const res = await otherApplicant.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(problem(res).code).toBe('APPLICATION_NOT_FOUND');
    }
    const before = await snapshot(id);
    for (const action of ['withdraw', 'submit', 'endorse', 'accept'] as const) expect((await otherApplicant.post(`/api/applications/${id}/${action}`)).statusCode, action).toBe(action === 'endorse' || action === 'accept' ? 403 : 404);
    expect((await otherApplicant.post(`/api/applications/${id}/return`, { reasons: [{ field: 'basic', reason: 'x' }] })).statusCode).toBe(404);
    expect((await otherApplicant.put(`/api/applications/${id}/draft`, { baseVersion: 3, content: {} })).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('an expert and a department get 403 everywhere, and the row is unchanged', async () => {
    const id = await submitted();
    const before = await snapshot(id);
    for (const c of [expert, department]) {
      for (const url of ['/api/applications', `/api/applications/${id}`, `/api/applications/${id}/versions`, `/api/applications/${id}/receipt`, `/api/applications/${id}/duplicate-report`]) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(problem(res).code).toBe('FORBIDDEN');
      }
      for (const action of ['submit', 'withdraw', 'endorse', 'recommend', 'accept']) expect((await c.post(`/api/applications/${id}/${action}`)).statusCode, action).toBe(403);
      expect((await c.post(`/api/applications/${id}/return`, { reasons: [{ field: 'basic', reason: '测试' }] })).statusCode).toBe(403);
      expect((await c.put(`/api/applications/${id}/draft`, { baseVersion: 3, content: {} })).statusCode).toBe(403);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('the applicant cannot endorse its own submission and the unit admin cannot accept: 403, nothing changes', async () => {
    const id = await submitted();
    const before = await snapshot(id);
    const r1 = await applicant.post(`/api/applications/${id}/endorse`);
    expect(r1.statusCode).toBe(403);
    const r2 = await unitAdmin.post(`/api/applications/${id}/accept`);
    expect(r2.statusCode).toBe(403);
    const r3 = await recommender.get(`/api/applications/${id}`);
    expect(r3.statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('an officer does not see drafts: 404', async () => {
    const { id } = await newDraft();
    expect((await officer.get(`/api/applications/${id}`)).statusCode).toBe(404);
  });
});

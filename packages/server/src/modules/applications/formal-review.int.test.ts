import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent, residentIdCheckChar, type ApplicationContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, passFormalReview, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertUser } from '../accounts/create-user.js';
import { hashPassword } from '../accounts/passwords.js';
import { SYSTEM_ACTOR } from '../audit/record.js';

let t: TestApp;
let applicant: TestClient;
let unitAdmin: TestClient;
let officer: TestClient;
let expert: TestClient;
let recommender: TestClient;
let beilunRecommender: TestClient;
let zhenhaiRecommender: TestClient;
let unscopedRecommender: TestClient;
let callId: string;

/** A valid resident ID (born 1980, as the example's leader) per test, so each test's leader is its own. */
const leaderId = (n: number) => {
  const first17 = `33020619800101${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
};

type Review = { items: { key: string; automatic: boolean; computed: { pass: boolean; detail: string } | null; recorded: { pass: boolean; reason: string | null; by: string | null } | null }[]; complete: boolean; passed: boolean };

beforeAll(async () => {
  t = await createTestApp();
  const hash = await hashPassword(DEMO_PASSWORD);
  // Recommending units of one district each, and one with no region yet, made here so the demo stays as it is.
  await t.db.transaction(async (tx) => {
    for (const [username, regions] of [['rec-beilun', ['浙江省宁波市北仑区']], ['rec-zhenhai', ['浙江省宁波市镇海区']], ['rec-none', []]] as const) {
      await insertUser(tx, SYSTEM_ACTOR, { username, name: username, phone: '', email: '', roles: ['recommender'], organisationId: null, passwordHash: hash, mustChangePassword: false, recommenderRegions: [...regions] });
    }
  });
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer, expert, recommender, beilunRecommender, zhenhaiRecommender, unscopedRecommender] = await Promise.all(
    ['applicant', 'unitadmin', 'officer', 'expert', 'recommender', 'rec-beilun', 'rec-zhenhai', 'rec-none'].map(login),
  ) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
});
afterAll(() => t.close());

/** A submitted and endorsed application of the demo applicant (宁波甬创, 北仑区), its leader given an ID of its own. */
async function endorsed(content: ApplicationContent = exampleBeilunContent(), idNumber = leaderId(1)): Promise<{ id: string; version: number }> {
  const created = await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  const { id, version } = created.json();
  const c = { ...content, team: { ...content.team!, leader: { ...content.team!.leader!, idNumber } } };
  const saved = await applicant.put(`/api/applications/${id}/draft`, { baseVersion: version, content: c });
  expect(saved.statusCode).toBe(200);
  await uploadRequiredAttachments(applicant, id);
  const sub = await applicant.post(`/api/applications/${id}/submit`);
  expect(sub.statusCode).toBe(200);
  expect((await unitAdmin.post(`/api/applications/${id}/endorse`)).statusCode).toBe(200);
  return { id, version: sub.json().version };
}

const review = async (id: string): Promise<Review> => (await officer.get(`/api/applications/${id}/formal-review`)).json();
const rowOf = async (id: string) => (await rawSql(t.db, `select state, updated_at from applications where id = '${id}'`))[0];
const resultsOf = async (id: string) => (await rawSql(t.db, `select version, item_key, pass, reason from formal_review_results where application_id = '${id}' order by version, item_key`));

describe('形式审查 checklist per call', () => {
  it('lists the call’s items with their computed results; 承诺书 is the officer’s judgement', async () => {
    const { id } = await endorsed(exampleBeilunContent(), leaderId(2));
    const r = await review(id);
    expect(r.items.map((i) => i.key)).toEqual(['materialsComplete', 'commitmentSigned', 'leaderTitle', 'concurrentProjects', 'partnersCount', 'duplicateCheck']);
    expect(r.items.find((i) => i.key === 'commitmentSigned')).toMatchObject({ automatic: false, computed: null, recorded: null });
    expect(r.items.find((i) => i.key === 'leaderTitle')!.computed).toMatchObject({ pass: true });
    expect(r.items.find((i) => i.key === 'partnersCount')!.computed).toEqual({ pass: true, detail: '合作单位1家（上限10家）' });
    // BL-9: no 查重 has run in this process yet (no queue): the item's computation fails until it has.
    expect(r.items.find((i) => i.key === 'duplicateCheck')!.computed).toMatchObject({ pass: false, detail: '查重尚未完成' });
    expect(r).toMatchObject({ complete: false, passed: false });
  });

  it('accept is refused with every unrecorded item listed, then allowed once all are recorded pass; nothing changes on refusal', async () => {
    const { id } = await endorsed(exampleBeilunContent(), leaderId(3));
    expect((await officer.post(`/api/applications/${id}/duplicate-check`)).json()).toMatchObject({ status: 'done' });
    const before = await rowOf(id);
    const refused = await officer.post(`/api/applications/${id}/accept`);
    expect(refused.statusCode).toBe(409);
    const p = problem(refused);
    expect(p.code).toBe('FORMAL_REVIEW_INCOMPLETE');
    expect(p.errors!.map((e) => e.field)).toEqual(['materialsComplete', 'commitmentSigned', 'leaderTitle', 'concurrentProjects', 'partnersCount', 'duplicateCheck'].map((k) => `formalReview.${k}`));
    expect(await rowOf(id)).toEqual(before);
    await passFormalReview(officer, id);
    const r = await review(id);
    expect(r).toMatchObject({ complete: true, passed: true });
    expect(r.items[0]!.recorded).toMatchObject({ pass: true, by: '周经办' });
    expect((await officer.post(`/api/applications/${id}/accept`)).json()).toEqual({ state: 'accepted' });
    const [audit] = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.formalReview' and entity_id = '${id}'`);
    expect(audit!.n).toBe(1);
  });

  it('a fail needs a reason; a pass over a failed computation needs one; BL-9: 查重 cannot be recorded pass before it ran — 422, nothing stored', async () => {
    const { id } = await endorsed(exampleBeilunContent(), leaderId(4));
    const noReason = await officer.put(`/api/applications/${id}/formal-review`, { items: [{ key: 'commitmentSigned', pass: false }] });
    expect(noReason.statusCode).toBe(422);
    expect(problem(noReason)).toMatchObject({ code: 'FORMAL_REVIEW_INVALID', errors: [{ field: 'items.0.reason', message: '“承诺书已签字盖章”不通过，须填写理由' }] });
    const dup = await officer.put(`/api/applications/${id}/formal-review`, { items: [{ key: 'duplicateCheck', pass: true, reason: '先通过' }] });
    expect(problem(dup).errors).toEqual([{ field: 'items.0.pass', message: '查重尚未完成，不能记为通过' }]);
    expect(await resultsOf(id)).toEqual([]);
  });

  it('a failed item blocks acceptance: the officer returns citing the item; the resubmission starts a fresh checklist, the old results kept', async () => {
    const { id, version } = await endorsed(exampleBeilunContent(), leaderId(5));
    const saved = await officer.put(`/api/applications/${id}/formal-review`, { items: [{ key: 'commitmentSigned', pass: false, reason: '承诺书未加盖公章' }, { key: 'leaderTitle', pass: true }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items.find((i: { key: string }) => i.key === 'commitmentSigned').recorded).toMatchObject({ pass: false, reason: '承诺书未加盖公章' });
    await officer.post(`/api/applications/${id}/duplicate-check`);
    const refused = await officer.post(`/api/applications/${id}/accept`);
    expect(problem(refused).code).toBe('FORMAL_REVIEW_INCOMPLETE');
    expect(problem(refused).detail).toContain('承诺书未加盖公章');
    const ret = await officer.post(`/api/applications/${id}/return`, { reasons: [{ field: 'attachments.integrityCommitment', reason: '形式审查“承诺书已签字盖章”不通过：承诺书未加盖公章' }] });
    expect(ret.json()).toEqual({ state: 'returned' });
    // Not the state to record in: refused, nothing stored.
    const closed = await officer.put(`/api/applications/${id}/formal-review`, { items: [{ key: 'leaderTitle', pass: true }] });
    expect(problem(closed).code).toBe('FORMAL_REVIEW_NOT_OPEN');
    expect((await applicant.post(`/api/applications/${id}/resubmit`)).statusCode).toBe(200);
    expect((await unitAdmin.post(`/api/applications/${id}/endorse`)).statusCode).toBe(200);
    const fresh = await review(id);
    expect(fresh.items.every((i) => i.recorded === null)).toBe(true);
    expect((await resultsOf(id)).map((r) => [r.version, r.item_key, r.pass])).toEqual([[version, 'commitmentSigned', false], [version, 'leaderTitle', true]]);
  });

  it('concurrent projects: the leader’s other open application in the programme (same ID number) is counted against the limit', async () => {
    const first = await endorsed(exampleBeilunContent(), leaderId(6));
    const second = await endorsed(exampleBeilunContent(), leaderId(6));
    const item = (await review(second.id)).items.find((i) => i.key === 'concurrentProjects')!;
    const [no] = await rawSql(t.db, `select application_no from applications where id = '${first.id}'`);
    expect(item.computed).toMatchObject({ pass: false });
    expect(item.computed!.detail).toContain(String(no!.application_no));
    const noReason = await officer.put(`/api/applications/${second.id}/formal-review`, { items: [{ key: 'concurrentProjects', pass: true }] });
    expect(problem(noReason).errors![0]!.field).toBe('items.0.reason');
  });

  it('the call’s settings choose the items and their parameters; only officers change them, with an audit event', async () => {
    const { id } = await endorsed(exampleBeilunContent(), leaderId(8));
    const settings = (await officer.get(`/api/calls/${callId}/formal-review`)).json();
    expect(settings.concurrentProjects).toEqual({ enabled: true, limit: 1 });
    const refused = await applicant.put(`/api/calls/${callId}/formal-review`, { ...settings, partnersCount: { enabled: false, max: 0 } });
    expect(refused.statusCode).toBe(403);
    try {
      const changed = await officer.put(`/api/calls/${callId}/formal-review`, { ...settings, partnersCount: { enabled: true, max: 0 }, commitmentSigned: { enabled: false } });
      expect(changed.statusCode).toBe(200);
      const r = await review(id);
      expect(r.items.map((i) => i.key)).not.toContain('commitmentSigned');
      expect(r.items.find((i) => i.key === 'partnersCount')!.computed).toEqual({ pass: false, detail: '合作单位1家（上限0家）' });
      const bad = await officer.put(`/api/calls/${callId}/formal-review`, { ...settings, concurrentProjects: { enabled: true, limit: 0 } });
      expect(bad.statusCode).toBe(400);
      const [audit] = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'call.formalReviewSettings' and entity_id = '${callId}'`);
      expect(audit!.n).toBe(1);
    } finally {
      await officer.put(`/api/calls/${callId}/formal-review`, settings);
    }
  });

  it('only officers: the applicant, an expert and a recommender get 403 reading or recording, and nothing is stored', async () => {
    const { id } = await endorsed(exampleBeilunContent(), leaderId(9));
    for (const c of [applicant, expert, recommender]) {
      expect((await c.get(`/api/applications/${id}/formal-review`)).statusCode).toBe(403);
      expect((await c.put(`/api/applications/${id}/formal-review`, { items: [{ key: 'leaderTitle', pass: true }] })).statusCode).toBe(403);
    }
    expect(await resultsOf(id)).toEqual([]);
  });
});

describe('推荐单位 scoped to its regions', () => {
  it('a recommender sees and acts only on applicants of its regions; others get 404 and the row is unchanged', async () => {
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      const { id } = await endorsed(exampleBeilunContent(), leaderId(10));
      // 宁波甬创 is in 北仑区: outside the 镇海区 unit's scope, and a unit with no region sees nothing.
      for (const c of [zhenhaiRecommender, unscopedRecommender]) {
        const before = await rowOf(id);
        expect((await c.get(`/api/applications/${id}`)).statusCode).toBe(404);
        expect((await c.post(`/api/applications/${id}/recommend`)).statusCode).toBe(404);
        expect((await c.post(`/api/applications/${id}/return`, { reasons: [{ field: 'basic.title', reason: '不在本单位推荐范围' }] })).statusCode).toBe(404);
        expect((await c.get(`/api/applications?callId=${callId}`)).json().items.map((a: { id: string }) => a.id)).not.toContain(id);
        expect(await rowOf(id)).toEqual(before);
      }
      // The demo recommender covers the city, so every demo applicant.
      expect((await recommender.get(`/api/applications?callId=${callId}&state=endorsed`)).json().items.map((a: { id: string }) => a.id)).toContain(id);
      expect((await beilunRecommender.get(`/api/applications/${id}`)).json().actions).toEqual(['recommend', 'return']);
      expect((await beilunRecommender.post(`/api/applications/${id}/recommend`)).json()).toEqual({ state: 'recommended' });
      // Recommended: now the officer's checklist applies.
      await officer.post(`/api/applications/${id}/duplicate-check`);
      await passFormalReview(officer, id);
      expect((await officer.post(`/api/applications/${id}/accept`)).json()).toEqual({ state: 'accepted' });
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
  });

  it('the to-do counts only the recommender’s own regions', async () => {
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      await endorsed(exampleBeilunContent(), leaderId(11));
      const todos = async (c: TestClient) => ((await c.get('/api/me/todos')).json().items as { key: string }[]).map((x) => x.key);
      expect(await todos(beilunRecommender)).toContain('applications.recommend');
      expect(await todos(zhenhaiRecommender)).not.toContain('applications.recommend');
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
  });

  it('the system administrator sets a recommender’s regions, which apply at once; regions on any other account are refused', async () => {
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      const { id } = await endorsed(exampleBeilunContent(), leaderId(12));
      const sysadmin = t.client();
      await sysadmin.login('sysadmin');
      const [u] = await rawSql(t.db, `select id from users where username = 'rec-none'`);
      expect((await unscopedRecommender.get(`/api/applications/${id}`)).statusCode).toBe(404);
      const set = await sysadmin.patch(`/api/users/${String(u!.id)}`, { recommenderRegions: ['浙江省宁波市北仑区'] });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().recommenderRegions).toEqual(['浙江省宁波市北仑区']);
      expect((await unscopedRecommender.get(`/api/applications/${id}`)).statusCode).toBe(200);
      const [a] = await rawSql(t.db, `select id from users where username = 'applicant'`);
      const refused = await sysadmin.patch(`/api/users/${String(a!.id)}`, { recommenderRegions: ['浙江省宁波市'] });
      expect(refused.statusCode).toBe(400);
      expect(problem(refused).errors).toEqual([{ field: 'recommenderRegions', message: '只有推荐单位账号可以设置推荐范围' }]);
      expect((await rawSql(t.db, `select recommender_regions from users where id = '${String(a!.id)}'`))[0]!.recommender_regions).toEqual([]);
      await sysadmin.patch(`/api/users/${String(u!.id)}`, { recommenderRegions: [] });
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
  });
});

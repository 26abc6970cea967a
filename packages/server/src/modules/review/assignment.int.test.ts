import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { fixtureLeaderId, insertTestExperts, openedRound, type AcceptedCall, type TestExpert } from '../../../test/review-fixtures.js';

let t: TestApp;
let call: AcceptedCall & { roundId: string };
let pool: TestExpert[];
let observer: TestClient;
const base = { mode: 'optimal', k: 3, minLoad: 0, maxLoad: 10, conflicts: { coMemberYears: 3, sameDistrict: false }, drawCapPercent: 50 };
const url = (s = '') => `/api/review/rounds/${call.roundId}${s}`;
const APPLICANT_CODE = '91330206MA2KC7HX53';
const PARTNER_CODE = '52330206MJ9F3R4N8A';

beforeAll(async () => {
  t = await createTestApp();
  call = await openedRound(t, 6);
  pool = await insertTestExperts(t, 8, { prefix: 'assign-e' });
  observer = t.client();
  await observer.login('observer');
}, 180_000);
afterAll(() => t.close());

async function expertNamed(name: string, set: string): Promise<string> {
  const [e] = await insertTestExperts(t, 1, { prefix: `assign-${name}-` });
  await rawSql(t.db, `update experts set name = '${name}', ${set} where id = '${e!.id}'`);
  return e!.id;
}

describe('review assignment (专家分配)', () => {
  it('settings are validated with Chinese field messages, stored (draw cap as a fraction) and audited; only review.manage may set them', async () => {
    const bad = await call.officer.put(url('/settings'), { ...base, k: 0, minLoad: 5, maxLoad: 2, drawCapPercent: 0 });
    const p = problem(bad);
    expect(bad.statusCode).toBe(400);
    expect(p.errors?.map((e) => e.message).join('；')).toMatch(/至少需要 1 位评审专家/);
    expect(p.errors?.map((e) => e.message).join('；')).toMatch(/抽取概率上限须大于 0%/);
    expect(p.errors?.map((e) => e.message).join('；')).toMatch(/最低评审量不能高于最高评审量/);
    const ok = await call.officer.put(url('/settings'), { ...base, drawCapPercent: 12.5 });
    expect(ok.statusCode, ok.body).toBe(200);
    const round = ok.json();
    expect(round).toMatchObject({ mode: 'optimal', k: 3, maxLoad: 10 });
    expect(round.settings).toMatchObject({ conflicts: { coMemberYears: 3, sameDistrict: false }, drawCap: { numerator: 1, denominator: 8 } });
    const audit = await rawSql(t.db, `select changes from audit_events where action = 'review.round.settings' and entity_id = '${call.roundId}'`);
    expect(audit).toHaveLength(1);
    expect((await observer.put(url('/settings'), base)).statusCode).toBe(403);
    expect((await call.clients.get('applicant')!.put(url('/settings'), base)).statusCode).toBe(403);
  });

  it('回避 from records: organisation, partner, the leader himself, co-membership within N years, consortium, declared, same district — each explained per pair', async () => {
    const org = await expertNamed('单位专家', `organisation_credit_code = '${APPLICANT_CODE}', organisation_name = '宁波甬创智能装备有限公司'`);
    const partner = await expertNamed('合作专家', `organisation_credit_code = '${PARTNER_CODE}', organisation_name = '宁波海湾先进制造研究院'`);
    // Leader of application 2 (demo-a); application 6 is demo-a's too: he led an application of that organisation.
    const leader = await expertNamed('负责人专家', `id_number = '${fixtureLeaderId(101)}'`);
    const consortium = await expertNamed('联合体专家', `consortia = array['甬江演示创新联合体']`);
    const declared = await expertNamed('申报回避专家', `declared_conflicts = '[{"kind":"person","idNumber":"${fixtureLeaderId(102)}","name":"张示例","reason":"师生关系"}]'::jsonb`);
    const [demoB] = await rawSql(t.db, `select id from organisations where credit_code = '91330206MA2DEMB02Y'`);
    const setC = await call.officer.put(`/api/organisations/${demoB!.id}/consortia`, { consortia: ['甬江演示创新联合体'] });
    expect(setC.statusCode, setC.body).toBe(200);
    expect(setC.json().consortia).toEqual(['甬江演示创新联合体']);

    const res = await observer.get(url('/conflicts'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { pairs: { applicationId: string; expertId: string; reasons: { kind: string; text: string }[] }[]; applications: { applicationId: string; candidates: number; canGetK: boolean }[] };
    const of = (expertId: string) => body.pairs.filter((p) => p.expertId === expertId);
    const ids = call.applicationIds;
    expect(of(org).map((p) => p.applicationId).sort()).toEqual([ids[0], ids[4]].sort());
    expect(of(org)[0]!.reasons[0]!.text).toBe('专家所在单位（宁波甬创智能装备有限公司）为申报单位');
    expect(of(partner)).toHaveLength(6);
    expect(of(partner)[0]!.reasons.map((r) => r.kind)).toEqual(['partner']);
    const led = of(leader);
    expect(led.map((p) => p.applicationId).sort()).toEqual([ids[1], ids[5]].sort());
    expect(led.find((p) => p.applicationId === ids[1])!.reasons.map((r) => r.text)).toContain('专家本人为该申报书的项目负责人');
    expect(led.find((p) => p.applicationId === ids[5])!.reasons[0]!.text).toMatch(/^专家曾任申报书 .+ 的项目负责人（宁波演示精密模具有限公司，\d{4}年提交，近 3 年内）/);
    expect(of(consortium).map((p) => p.applicationId)).toEqual([ids[2]]);
    expect(of(consortium)[0]!.reasons[0]!.text).toBe('专家（或其所在单位）与宁波演示智造科技有限公司同属创新联合体「甬江演示创新联合体」');
    expect(of(declared).map((p) => p.applicationId)).toEqual([ids[2]]);
    expect(of(declared)[0]!.reasons[0]).toEqual({ kind: 'declared', text: '专家申报回避人员：张示例（师生关系）' });
    // Per application: the 8 plain test experts plus the non-conflicted specials are candidates (same field).
    expect(body.applications.find((a) => a.applicationId === ids[0])).toMatchObject({ candidates: 8 + 3, canGetK: true });

    // Co-membership window 0 years: the earlier application no longer counts, the leader himself still does.
    await call.officer.put(url('/settings'), { ...base, conflicts: { coMemberYears: 0, sameDistrict: true } });
    const again = (await call.officer.get(url('/conflicts'))).json() as typeof body;
    expect(again.pairs.filter((p) => p.expertId === leader).map((p) => p.applicationId)).toEqual([ids[1]]);
    // Same-district rule on: test experts sit in 鄞州区, the applicants in 北仑区: none added; one in 北仑区 is.
    const local = await expertNamed('北仑专家', `region = '浙江省宁波市北仑区'`);
    const withLocal = (await call.officer.get(url('/conflicts'))).json() as typeof body;
    expect(withLocal.pairs.filter((p) => p.expertId === local)).toHaveLength(6);
    expect(withLocal.pairs.find((p) => p.expertId === local)!.reasons).toEqual([{ kind: 'sameDistrict', text: '专家与申报单位同在浙江省宁波市北仑区' }]);
    await rawSql(t.db, `update experts set status = 'suspended', status_reason = '测试：暂停' where id = '${local}'`);
    await call.officer.put(url('/settings'), base);
    expect((await call.clients.get('applicant')!.get(url('/conflicts'))).statusCode).toBe(403);
  });

  it('preview: every pair explained in Chinese, no conflicted pair, loads within bounds; refused for the observer', async () => {
    const res = await call.officer.post(url('/assignment/preview'));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.feasible).toBe(true);
    expect(p.pairs).toHaveLength(6 * 3);
    expect(p.objective).toBeGreaterThan(0);
    expect(p.pairs[0].explanation).toMatch(/亲和度 \d+，在本申请 \d+ 位候选专家中排第 \d+ 位/);
    expect(p.pairs.every((x: { explanation: string }) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(x.explanation))).toBe(true);
    const conflicts = (await call.officer.get(url('/conflicts'))).json() as { pairs: { applicationId: string; expertId: string }[] };
    const bad = new Set(conflicts.pairs.map((c) => `${c.applicationId}/${c.expertId}`));
    expect(p.pairs.some((x: { applicationId: string; expertId: string }) => bad.has(`${x.applicationId}/${x.expertId}`))).toBe(false);
    expect(p.loads.every((l: { load: number; maxLoad: number }) => l.load <= l.maxLoad)).toBe(true);
    expect((await observer.post(url('/assignment/preview'))).statusCode).toBe(403);
  });

  it('preview when no assignment exists: the engine says why in Chinese (places, loads, applications short of candidates)', async () => {
    await call.officer.put(url('/settings'), { ...base, k: 5, maxLoad: 1 });
    const p = (await call.officer.post(url('/assignment/preview'))).json();
    expect(p.feasible).toBe(false);
    expect(p.pairs).toEqual([]);
    expect(p.infeasibility.messages[0]).toBe('无法完成专家分配：共 6 份申请，每份需 5 位评审专家，合计需要 30 个评审名额。');
    expect(p.infeasibility.messages.join('')).toMatch(/最高评审量合计只有 \d+ 个名额/);
    expect(p.infeasibility.messages.join('')).toMatch(/学科「高端装备」/);
    expect(p.infeasibility.byField[0].field).toBe('高端装备');
    await call.officer.put(url('/settings'), { ...base, k: 12 });
    const few = (await call.officer.post(url('/assignment/preview'))).json();
    expect(few.feasible).toBe(false);
    expect(few.infeasibility.tooFewCandidates.length).toBeGreaterThan(0);
    expect(few.infeasibility.tooFewCandidates[0]).toMatchObject({ needed: 12 });
    expect(few.infeasibility.messages.join('')).toMatch(/回避后仅剩 \d+ 位候选专家，少于所需的 12 位/);
    expect(few.infeasibility.messages.join('')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(problem(await call.officer.post(url('/assignment/confirm'))).code).toBe('REVIEW_ASSIGNMENT_INFEASIBLE');
    await call.officer.put(url('/settings'), { ...base, mode: 'draw' });
    expect(problem(await call.officer.post(url('/assignment/confirm'))).code).toBe('REVIEW_MODE_MISMATCH');
    await call.officer.put(url('/settings'), base);
  });

  it('BL-8: confirm re-checks 回避 (a conflict declared after the preview), writes the assignments with the audit event, invites each expert and moves to scoring', async () => {
    const preview = (await call.officer.post(url('/assignment/preview'))).json();
    const victim = preview.pairs[0] as { applicationId: string; expertId: string };
    const [app] = await rawSql(t.db, `select o.credit_code from applications a join organisations o on o.id = a.organisation_id where a.id = '${victim.applicationId}'`);
    await rawSql(t.db, `update experts set declared_conflicts = '[{"kind":"organisation","creditCode":"${app!.credit_code}","name":"申报单位","reason":"近三年合作"}]'::jsonb where id = '${victim.expertId}'`);
    const changed = problem(await call.officer.post(url('/assignment/confirm'), { resultHash: preview.resultHash }));
    expect(changed.code).toBe('REVIEW_ASSIGNMENT_CHANGED');
    expect(await rawSql(t.db, `select id from review_assignments where round_id = '${call.roundId}'`)).toHaveLength(0);
    expect((await observer.post(url('/assignment/confirm'))).statusCode).toBe(403);

    const res = await call.officer.post(url('/assignment/confirm'));
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ assignments: 18, stage: 'scoring' });
    const rows = await rawSql(t.db, `select application_id, expert_id, source, affinity, explanation from review_assignments where round_id = '${call.roundId}'`);
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => r.source === 'optimal' && (r.affinity as number) > 0 && (r.explanation as string).startsWith('亲和度'))).toBe(true);
    expect(rows.some((r) => r.application_id === victim.applicationId && r.expert_id === victim.expertId)).toBe(false);
    const [round] = await rawSql(t.db, `select stage from review_rounds where id = '${call.roundId}'`);
    expect(round!.stage).toBe('scoring');
    const audit = (await rawSql(t.db, `select action from audit_events where entity_id = '${call.roundId}' order by occurred_at`)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['review.assignment.confirm', 'review.round.advance']));
    const outbox = await rawSql(t.db, `select recipient_user_id, template_key, payload from notification_outbox where template_key = 'review.invited'`);
    expect(outbox).toHaveLength(out.experts);
    expect(new Set(outbox.map((o) => o.recipient_user_id)).size).toBe(out.experts);
    expect((outbox[0]!.payload as { roundId: string }).roundId).toBe(call.roundId);

    expect(problem(await call.officer.post(url('/assignment/confirm'))).code).toBe('REVIEW_STAGE_REFUSED');
    expect(problem(await call.officer.put(url('/settings'), base)).code).toBe('REVIEW_STAGE_REFUSED');
    expect(problem(await call.officer.post(url('/assignment/preview'))).code).toBe('REVIEW_STAGE_REFUSED');
  });

  it('the assignments list shows expert names and explanations to the observer; experts and applicants are refused; Excel export', async () => {
    const list = await observer.get(url('/assignments'));
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { expertName: string; source: string; explanation: string }[];
    expect(items).toHaveLength(18);
    expect(items.every((i) => i.expertName.length > 0 && i.source === 'optimal')).toBe(true);
    // Stored with other candidates by id, shown to observers with names.
    expect(items.every((i) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(i.explanation))).toBe(true);
    const expert = t.client();
    await expert.login(pool[0]!.username);
    expect((await expert.get(url('/assignments'))).statusCode).toBe(403);
    expect((await expert.get(url('/conflicts'))).statusCode).toBe(403);
    expect((await call.clients.get('applicant')!.get(url('/assignments'))).statusCode).toBe(403);
    const xlsx = await call.officer.get(url('/assignments.xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});

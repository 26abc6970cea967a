import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingPlan, type ApprovalView, type FundingPlanResponse } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertTestExperts, openedRound, scoreDirectly, setStage } from '../../../test/review-fixtures.js';

const WAN = 10_000;
let t: TestApp;
let officer: TestClient;
let roundId: string;
let ids: string[];
let nos: string[] = [];
let programme: string;
let year: number;

const ledger = async () => (await officer.get(`/api/programmes/${programme}/budget/${year}`)).json() as { availableYuan: number; committedYuan: number };
const plan = async () => (await officer.get(`/api/review/rounds/${roundId}/funding-plan`)).json() as FundingPlanResponse;
const stage = async () => ((await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage as string);
const overlap = (i: number, amountYuan: number) => rawSql(t.db, `update applications set content = jsonb_set(content, '{budget,overlaps}', '[{"level":"city","name":"宁波市演示重大专项","amountYuan":${amountYuan}}]'::jsonb) where id = '${ids[i]}'`);

beforeAll(async () => {
  t = await createTestApp();
  const r = await openedRound(t, 6);
  officer = r.officer;
  roundId = r.roundId;
  ids = r.applicationIds;
  for (const id of ids) nos.push((await rawSql(t.db, `select application_no from applications where id = '${id}'`))[0]!.application_no as string);
  const round = (await officer.get(`/api/review/rounds/${roundId}`)).json() as { programmeCode: string; year: number };
  programme = round.programmeCode;
  year = round.year;
  // Every fixture application asks for 300万 (30% of 1,000万, the 强链 cap). Two overlap a city project of 100万
  // (BL-7 top-up: 200万 each) and one a city project of 400万 (the district pays nothing).
  await overlap(1, 100 * WAN);
  await overlap(2, 400 * WAN);
  await overlap(3, 100 * WAN);
  await scoreDirectly(t, roundId, ids.map((applicationId, i) => ({ applicationId, scoreCenti: 9000 - i * 200 })));
  // Leave 400万 available in the programme-year, so the merit-order fill (300万 first) and the exact plan differ.
  const before = await ledger();
  const res = await officer.post(`/api/programmes/${programme}/budget/${year}/entries`, { kind: 'commit', amountYuan: before.availableYuan - 400 * WAN, reference: 'test:setup', note: '测试：已承诺' });
  expect(res.statusCode, res.body).toBe(201);
}, 240_000);
afterAll(() => t.close());

describe('funding plan (立项资金方案)', () => {
  it('is refused before the round reaches the planning stage', async () => {
    expect(problem(await officer.post(`/api/review/rounds/${roundId}/funding-plan`, {})).code).toBe('REVIEW_STAGE_REFUSED');
    await setStage(t, roundId, 'planning');
  });

  it('BL-4, BL-7: the plan is the engine\'s exact plan within the ledger\'s available budget, every candidate explained, beside the merit-order fill', async () => {
    const res = await officer.post(`/api/review/rounds/${roundId}/funding-plan`, {});
    expect(res.statusCode, res.body).toBe(200);
    const p = (res.json() as FundingPlanResponse).plan!;
    expect(p.budgetYuan).toBe(400 * WAN);
    const amounts = Object.fromEntries(p.candidates.map((c) => [c.applicationNo, c.computedYuan]));
    expect(amounts).toEqual({ [nos[0]!]: 300 * WAN, [nos[1]!]: 200 * WAN, [nos[2]!]: 0, [nos[3]!]: 200 * WAN, [nos[4]!]: 300 * WAN, [nos[5]!]: 300 * WAN });
    expect(p.candidates.find((c) => c.applicationNo === nos[1])!.amountBasis.some((s) => s.includes('BL-7') && s.includes('就高'))).toBe(true);
    expect(p.candidates.find((c) => c.applicationNo === nos[2])!.engineStatus).toBe('noDistrictFunds');
    // The engine's answer on the stored input is the plan shown.
    const [stored] = await rawSql(t.db, `select input from review_funding_plans where round_id = '${roundId}' order by version desc limit 1`);
    const engine = fundingPlan.planFunding((stored!.input as { engine: fundingPlan.FundingPlanInput }).engine);
    expect(p.candidates.filter((c) => c.selected).map((c) => c.applicationNo).sort()).toEqual([...engine.selected].sort());
    expect([...engine.selected].sort()).toEqual([nos[1], nos[3]].sort());
    expect(p.optimal && p.tieBreakProven).toBe(true);
    expect(p.objectiveValue).toBe(p.bestBound);
    expect(p.totalYuan).toBe(400 * WAN);
    expect(p.meritOrder.selected).toEqual([nos[0]]);
    expect(p.difference.onlyInMeritOrder).toEqual([nos[0]]);
    expect(p.difference.text).toContain('按排名顺序填充');
    for (const c of p.candidates) expect(c.explanation.length, c.applicationNo).toBeGreaterThan(10);
    expect(p.candidates.find((c) => c.applicationNo === nos[0])!.explanation).toMatch(/预算/);
    const cat = p.categories.find((c) => c.code === 'chain')!;
    expect(cat.amountYuan).toBe(400 * WAN);
    expect(cat.meritOrderAmountYuan).toBe(300 * WAN);
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${roundId}' and action = 'review.fundingPlan.compute'`);
    expect(audit).toHaveLength(1);
  });

  it('BL-4: an override needs a recorded reason, and one over the budget is refused with the shortfall', async () => {
    const noReason = await officer.post(`/api/review/rounds/${roundId}/funding-plan/overrides`, { applicationNo: nos[0], action: 'include', reason: ' ' });
    expect(problem(noReason).code).toBe('VALIDATION_FAILED');
    expect(problem(noReason).errors?.map((e) => e.field)).toContain('reason');
    const over = await officer.post(`/api/review/rounds/${roundId}/funding-plan/overrides`, { applicationNo: nos[0], action: 'include', reason: '领导要求优先支持' });
    expect(over.statusCode).toBe(409);
    expect(problem(over).code).toBe('REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED');
    expect(over.json().shortfallYuan).toBe(300 * WAN);
    expect(problem(over).detail).toContain('缺口 300万');
    expect(problem(await officer.post(`/api/review/rounds/${roundId}/funding-plan/overrides`, { applicationNo: nos[2], action: 'include', reason: '试图调入' })).detail).toContain('就高');
    expect((await plan()).history).toHaveLength(1);
  });

  it('an override with a reason within the budget is a new version, audited; recomputing starts afresh', async () => {
    const res = await officer.post(`/api/review/rounds/${roundId}/funding-plan/overrides`, { applicationNo: nos[3], action: 'exclude', reason: '核查发现配套资金未落实' });
    expect(res.statusCode, res.body).toBe(200);
    const p = (res.json() as FundingPlanResponse);
    expect(p.plan!.version).toBe(2);
    expect(p.plan!.totalYuan).toBe(200 * WAN);
    const c = p.plan!.candidates.find((x) => x.applicationNo === nos[3])!;
    expect(c.selected).toBe(false);
    expect(c.engineStatus).toBe('selected');
    expect(c.override?.reason).toBe('核查发现配套资金未落实');
    expect(p.history.map((h) => h.version)).toEqual([2, 1]);
    const audit = await rawSql(t.db, `select detail from audit_events where entity_id = '${roundId}' and action = 'review.fundingPlan.override'`);
    expect(audit[0]!.detail).toMatchObject({ reason: '核查发现配套资金未落实', action: 'exclude' });
    const again = (await officer.post(`/api/review/rounds/${roundId}/funding-plan`, {})).json() as FundingPlanResponse;
    expect(again.plan!.version).toBe(3);
    expect(again.plan!.overrides).toEqual([]);
    expect(again.plan!.totalYuan).toBe(400 * WAN);
  });

  it('BL-8: confirming writes the planned amounts, marks the others 未入选 with their score kept, and moves to the party meeting, audited', async () => {
    expect(problem(await officer.post(`/api/review/rounds/${roundId}/funding-plan/confirm`, { version: 2 })).code).toBe('REVIEW_FUNDING_PLAN_STALE');
    expect(await stage()).toBe('planning');
    const res = await officer.post(`/api/review/rounds/${roundId}/funding-plan/confirm`, { version: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as FundingPlanResponse).plan!.status).toBe('confirmed');
    const rows = await rawSql(t.db, `select application_id, planned_amount_yuan, status, score_centi, rank from review_outcomes where round_id = '${roundId}'`);
    const by = new Map(rows.map((r) => [r.application_id as string, r]));
    expect(by.get(ids[1]!)).toMatchObject({ planned_amount_yuan: 200 * WAN, status: 'inReview' });
    expect(by.get(ids[3]!)).toMatchObject({ planned_amount_yuan: 200 * WAN, status: 'inReview' });
    for (const i of [0, 2, 4, 5]) expect(by.get(ids[i]!)).toMatchObject({ planned_amount_yuan: null, status: 'rejected', score_centi: 9000 - i * 200, rank: i + 1 });
    expect(await stage()).toBe('partyMeeting');
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${roundId}' and action in ('review.fundingPlan.confirm', 'review.round.advance')`);
    expect(audit.map((a) => a.action).sort()).toEqual(['review.fundingPlan.confirm', 'review.round.advance']);
  });
});

describe('approval (立项)', () => {
  let approvalBefore: { availableYuan: number; committedYuan: number };
  beforeAll(async () => {
    // The meetings decided 200万 and 150万 (as their parts would); the round is at the notice stage.
    await rawSql(t.db, `update review_outcomes set decided_amount_yuan = planned_amount_yuan where round_id = '${roundId}' and status = 'inReview'`);
    await rawSql(t.db, `update review_outcomes set decided_amount_yuan = ${150 * WAN} where round_id = '${roundId}' and application_id = '${ids[3]}'`);
    await setStage(t, roundId, 'notice');
    approvalBefore = await ledger();
  });

  it('BL-8: approval is refused before the public notice has cleared, and nothing changes', async () => {
    const res = await officer.post(`/api/review/rounds/${roundId}/approve`);
    expect(problem(res).code).toBe('REVIEW_NOTICE_NOT_CLEARED');
    expect(problem(res).detail).toContain('尚未社会公示');
    expect(await stage()).toBe('notice');
    expect((await rawSql(t.db, `select count(*)::int as n from projects`))[0]!.n).toBe(0);
    const view = (await officer.get(`/api/review/rounds/${roundId}/approval`)).json() as ApprovalView;
    expect(view.clearance.cleared).toBe(false);
    expect(view.totalYuan).toBe(350 * WAN);
    await rawSql(t.db, `insert into review_notices (id, round_id, title, starts_on, ends_on, published_at) values (gen_random_uuid(), '${roundId}', '演示公示', '2026-01-05', '2026-01-09', now() - interval '30 days')`);
  });

  it('BL-4: a list larger than the ledger\'s available budget is refused whole with its shortfall; nothing is half-approved', async () => {
    await rawSql(t.db, `update review_outcomes set decided_amount_yuan = ${250 * WAN} where round_id = '${roundId}' and application_id = '${ids[3]}'`);
    const res = await officer.post(`/api/review/rounds/${roundId}/approve`);
    expect(problem(res).code).toBe('PROJECT_BUDGET_EXCEEDED');
    expect(res.json().shortfallYuan).toBe(50 * WAN);
    expect(problem(res).detail).toContain('缺口 50万');
    expect((await rawSql(t.db, `select count(*)::int as n from projects`))[0]!.n).toBe(0);
    expect(await ledger()).toMatchObject({ committedYuan: approvalBefore.committedYuan, availableYuan: approvalBefore.availableYuan });
    expect(await stage()).toBe('notice');
    const statuses = await rawSql(t.db, `select status from review_outcomes where round_id = '${roundId}' and decided_amount_yuan is not null`);
    expect(statuses.every((s) => s.status === 'inReview')).toBe(true);
    await rawSql(t.db, `update review_outcomes set decided_amount_yuan = ${150 * WAN} where round_id = '${roundId}' and application_id = '${ids[3]}'`);
  });

  it('BL-4: approval creates the projects and commits their amounts in the ledger in one transaction; the sum reconciles to the 元', async () => {
    const res = await officer.post(`/api/review/rounds/${roundId}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as ApprovalView;
    expect(view.approved).toBe(true);
    expect(view.items.every((i) => i.projectNo !== null)).toBe(true);
    const projects = await rawSql(t.db, `select id, project_no, application_id, approved_amount_yuan, state from projects where round_id = '${roundId}' order by project_no`);
    expect(projects.map((p) => p.application_id).sort()).toEqual([ids[1], ids[3]].sort());
    const total = projects.reduce((s, p) => s + Number(p.approved_amount_yuan), 0);
    expect(total).toBe(350 * WAN);
    const after = await ledger();
    expect(after.committedYuan - approvalBefore.committedYuan).toBe(total);
    const commits = await rawSql(t.db, `select coalesce(sum(amount_yuan), 0)::bigint as s from budget_entries where kind = 'commit' and reference like 'project:%'`);
    expect(Number(commits[0]!.s)).toBe(total);
    expect(await stage()).toBe('approved');
    const approved = await rawSql(t.db, `select application_id from review_outcomes where round_id = '${roundId}' and status = 'approved'`);
    expect(approved).toHaveLength(2);
    const audit = await rawSql(t.db, `select action from audit_events where entity_type = 'project'`);
    expect(audit.filter((a) => a.action === 'project.approve')).toHaveLength(2);
    expect(problem(await officer.post(`/api/review/rounds/${roundId}/approve`)).code).toBe('REVIEW_STAGE_REFUSED');
  });

  it('GET /api/projects: bureau roles see all; an applicant sees only their organisation\'s; an expert is refused', async () => {
    const all = (await officer.get('/api/projects?sort=-approvedAmountYuan')).json();
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ approvedAmountYuan: 200 * WAN, application: { id: ids[1], applicationNo: nos[1] }, category: { code: 'chain' } });
    expect(all.items[0].organisation.name).not.toBe('');
    const leader = t.client();
    await leader.login('leader');
    expect((await leader.get('/api/projects')).json().total).toBe(2);
    const demoA = t.client();
    await demoA.login('demo-a');
    const own = (await demoA.get('/api/projects')).json();
    expect(own.items.map((p: { application: { id: string } }) => p.application.id)).toEqual([ids[1]]);
    const applicant = t.client();
    await applicant.login('applicant');
    expect((await applicant.get('/api/projects')).json().total).toBe(0);
    const [expert] = await insertTestExperts(t, 1, { prefix: 'plan-e' });
    const e = t.client();
    await e.login(expert!.username);
    expect((await e.get('/api/projects')).statusCode).toBe(403);
    const filtered = (await officer.get(`/api/projects?organisation=${encodeURIComponent(all.items[1].organisation.name.slice(0, 4))}&category=chain&year=${year}&programme=${programme}`)).json();
    expect(filtered.items.map((p: { id: string }) => p.id)).toContain(all.items[1].id);
    const xlsx = await officer.get('/api/projects/export.xlsx?category=chain');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

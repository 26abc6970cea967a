import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, shanghaiDayOf, type ProjectDetail, type ProjectMidtermView, type ReallocationPreview, type ReallocationView } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, signedProject, undertakerOf } from '../../../test/project-fixtures.js';
import { openedRound, scoreDirectly, setStage, type AcceptedCall } from '../../../test/review-fixtures.js';
import { recordBudgetEntryInTx } from '../programmes/budget.js';
import { recordProjectMovement } from './ledger.js';
import { findProject } from './lifecycle.js';
import { createApprovedProjects } from './service.js';

let t: TestApp;
let r: AcceptedCall & { roundId: string };
let officer: TestClient;
let projectIds: string[];
let programmeCode: string;
let year: number;

/**
 * Six scored applications in one round: the four best approved as projects of 100万, the other two 未入选 (rejected,
 * score kept) — the candidates a reallocation may reach.
 */
beforeAll(async () => {
  t = await createTestApp();
  r = await openedRound(t, 6);
  officer = r.officer;
  const round = (await officer.get(`/api/review/rounds/${r.roundId}`)).json() as { programmeCode: string; year: number };
  programmeCode = round.programmeCode;
  year = round.year;
  await scoreDirectly(t, r.roundId, r.applicationIds.map((applicationId, i) => ({ applicationId, scoreCenti: 9000 - i * 200 })));
  const apps = await rawSql(t.db, `select a.id, a.organisation_id, a.category_code, a.content->'basic'->>'title' as title from applications a where a.id in (${r.applicationIds.map((id) => `'${id}'`).join(',')})`);
  const byId = new Map(apps.map((a) => [a.id as string, a]));
  const actor = await actorOf(t, 'officer');
  const rows = await t.db.transaction((tx) => createApprovedProjects(tx, actor, {
    roundId: r.roundId, callId: r.callId, programmeCode, budgetYear: year,
    items: r.applicationIds.slice(0, 4).map((id) => ({ applicationId: id, organisationId: byId.get(id)!.organisation_id as string, title: byId.get(id)!.title as string, categoryCode: byId.get(id)!.category_code as string, categoryName: '强链', fieldCode: null, amountYuan: 1_000_000 })),
  }));
  projectIds = rows.map((p) => p.id);
  for (const [i, id] of r.applicationIds.entries()) await rawSql(t.db, `update review_outcomes set status = '${i < 4 ? 'approved' : 'rejected'}' where round_id = '${r.roundId}' and application_id = '${id}'`);
  await setStage(t, r.roundId, 'approved');
  for (const id of projectIds) await signedProject(t, id);
}, 240_000);
afterAll(async () => t?.close());

const midterm = async (c: TestClient, id: string) => {
  const res = await c.get(`/api/projects/${id}/midterm`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectMidtermView;
};
const state = async (id: string) => ((await officer.get(`/api/projects/${id}`)).json() as ProjectDetail).state;
const ledger = async () => (await officer.get(`/api/programmes/${programmeCode}/budget/${year}`)).json() as { availableYuan: number; committedYuan: number; returnedYuan: number; entries: { kind: string; amountYuan: number; reference: string }[] };

describe('mid-term check (YZ-7, BL-10)', () => {
  it('YZ-7: mandatory at 100万 (the setting); the undertaker reads it, another organisation gets 404', async () => {
    const v = await midterm(officer, projectIds[0]!);
    expect(v.requirement).toMatchObject({ mandatory: true, thresholdYuan: 1_000_000 });
    expect(v.can).toMatchObject({ open: true, recordOutcome: false, terminate: true });
    expect((await midterm(undertakerOf(r, 0), projectIds[0]!)).can.open).toBe(false);
    expect((await undertakerOf(r, 1).get(`/api/projects/${projectIds[0]}/midterm`)).statusCode).toBe(404);
    expect((await undertakerOf(r, 0).post(`/api/projects/${projectIds[0]}/midterm`, { dueDate: '2027-01-31' })).statusCode).toBe(403);
  });

  it('YZ-7/BL-10: open → 合格 (continue) with its basis; the project runs again; both on the timeline', async () => {
    const id = projectIds[0]!;
    const opened = await officer.post(`/api/projects/${id}/midterm`, { dueDate: '2027-01-31', materials: '中期进展报告、经费使用情况' });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(await state(id)).toBe('midterm');
    const bad = await officer.post(`/api/projects/${id}/midterm/outcome`, { outcome: 'pass', basis: '进度符合', rollingDecision: 'terminate' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.[0]?.field).toBe('rollingDecision');
    const noBasis = await officer.post(`/api/projects/${id}/midterm/outcome`, { outcome: 'pass', basis: ' ', rollingDecision: 'continue' });
    expect(noBasis.statusCode).toBe(400);
    const ok = await officer.post(`/api/projects/${id}/midterm/outcome`, { outcome: 'pass', basis: '任务书年度目标均已完成', rollingDecision: 'continue' });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json() as ProjectMidtermView;
    expect(v.checks).toHaveLength(1);
    expect(v.checks[0]).toMatchObject({ status: 'passed', outcome: 'pass', basis: '任务书年度目标均已完成', rollingDecision: 'continue', dueDate: '2027-01-31' });
    expect(await state(id)).toBe('executing');
    const again = await officer.post(`/api/projects/${id}/midterm/outcome`, { outcome: 'pass', basis: '再次记录', rollingDecision: 'continue' });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('MIDTERM_NO_OPEN_CHECK');
    const events = (await officer.get(`/api/projects/${id}/events`)).json() as { items: { kind: string }[] };
    expect(events.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['state.openMidterm', 'state.midtermPass']));
  });

  it('YZ-7: 限期整改 sets the deadline (decision day + 3 months); the rectification brings it back to executing', async () => {
    const id = projectIds[1]!;
    await officer.post(`/api/projects/${id}/midterm`, { dueDate: '2027-01-31' });
    const res = await officer.post(`/api/projects/${id}/midterm/outcome`, { outcome: 'rectify', basis: '经费执行率偏低', rollingDecision: 'adjust' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ProjectMidtermView).checks[0]!.rectificationDue).toBe(addMonths(shanghaiDayOf(new Date()), 3));
    expect(await state(id)).toBe('rectifying');
    const done = await officer.post(`/api/projects/${id}/midterm/rectification`, { result: 'rectified', basis: '已按要求整改，经费执行率达标' });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as ProjectMidtermView).checks[0]).toMatchObject({ status: 'rectified', rectificationBasis: '已按要求整改，经费执行率达标' });
    expect(await state(id)).toBe('executing');
  });
});

describe('termination, revocation and reallocation (BL-10)', () => {
  it('BL-10: a preview the officer confirms; termination releases the undisbursed commitment, orders back paid − spent, and the engine funds the next candidate in the same transaction; the ledger reconciles', async () => {
    const id = projectIds[2]!;
    const actor = await actorOf(t, 'officer');
    await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, id, { forUpdate: true }), { kind: 'disburse', amountYuan: 600_000, note: '首笔拨付' }));
    // Leave so little available that, after the release of 40万, exactly one waiting candidate fits.
    const first = (await officer.get(`/api/projects/${id}/reallocation-preview?kind=terminate&spentYuan=350000`)).json() as ReallocationPreview;
    expect(first.amounts).toMatchObject({ releasedYuan: 400_000, netPaidYuan: 600_000, spentYuan: 350_000, owedYuan: 250_000 });
    const amount = first.plan!.candidates[0]!.amountYuan;
    expect(amount).toBeGreaterThan(400_000);
    const before = await ledger();
    const filler = before.availableYuan - (amount - 400_000);
    await t.db.transaction((tx) => recordBudgetEntryInTx(tx, actor, programmeCode, year, { kind: 'commit', amountYuan: filler, reference: 'test:filler', note: '测试：占用预算' }));

    const previewRes = await officer.get(`/api/projects/${id}/reallocation-preview?kind=terminate&spentYuan=350000`);
    expect(previewRes.statusCode, previewRes.body).toBe(200);
    const preview = previewRes.json() as ReallocationPreview;
    expect(preview.plan!.budgetYuan).toBe(amount);
    const [chosen, left] = preview.plan!.candidates;
    expect(chosen).toMatchObject({ applicationNo: expect.any(String), status: 'selected', amountYuan: amount, rank: 1 });
    expect(left).toMatchObject({ status: 'notSelected' });
    expect(left!.explanation).toMatch(/预算/);
    expect(await state(id)).toBe('executing');

    const stale = await officer.post(`/api/projects/${id}/terminate`, { decisionNo: '仑科〔2026〕88号', basis: '关键技术路线无法实现', spentYuan: 350_000, expectedSelected: [left!.applicationNo] });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).code).toBe('REALLOCATION_STALE');
    expect(await state(id)).toBe('executing');

    const res = await officer.post(`/api/projects/${id}/terminate`, { decisionNo: '仑科〔2026〕88号', basis: '关键技术路线无法实现', spentYuan: 350_000, expectedSelected: [chosen!.applicationNo] });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as ProjectMidtermView;
    expect(await state(id)).toBe('terminated');
    expect(v.termination).toMatchObject({ kind: 'terminate', decisionNo: '仑科〔2026〕88号', releasedYuan: 400_000, owedYuan: 250_000, spentYuan: 350_000, recoveryDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(v.can.terminate).toBe(false);
    const created = v.reallocation!.candidates.find((c) => c.status === 'selected')!;
    expect(created.project).toMatchObject({ projectNo: expect.any(String) });
    expect(v.reallocation!.candidates.find((c) => c.status === 'notSelected')!.explanation).toBe(left!.explanation);

    // The new project: committed in the ledger, in the project list, and it knows where its money came from.
    const newProject = (await officer.get(`/api/projects/${created.project!.id}`)).json() as ProjectDetail;
    expect(newProject).toMatchObject({ state: 'approved', approvedAmountYuan: amount, roundId: r.roundId });
    expect(newProject.ledger.movements.map((m) => m.kind)).toEqual(['commit']);
    expect((await midterm(officer, created.project!.id)).reallocatedFrom).toMatchObject({ id: v.reallocation!.id, source: { id, kind: 'terminate' } });
    const list = (await officer.get(`/api/projects?q=${encodeURIComponent(newProject.projectNo)}`)).json() as { items: { id: string }[] };
    expect(list.items.map((p) => p.id)).toEqual([created.project!.id]);

    const after = await ledger();
    expect(after.availableYuan).toBe(0);
    const old = (await officer.get(`/api/projects/${id}`)).json() as ProjectDetail;
    expect(old.ledger).toMatchObject({ committedYuan: 1_000_000, disbursedYuan: 600_000, releasedYuan: 400_000, undisbursedYuan: 0 });
    expect(after.committedYuan - before.committedYuan).toBe(filler + amount);
    expect(after.returnedYuan - before.returnedYuan).toBe(400_000);
    const [order] = await rawSql(t.db, `select amount_yuan::bigint as a, status from project_recoveries where project_id = '${id}'`);
    expect({ a: Number(order!.a), status: order!.status }).toEqual({ a: 250_000, status: 'open' });
    const audit = await rawSql(t.db, `select action, detail->>'sourceProjectId' as source from audit_events where action in ('project.terminate', 'project.reallocate')`);
    expect(audit).toEqual(expect.arrayContaining([{ action: 'project.terminate', source: null }, { action: 'project.reallocate', source: id }]));
  });

  it('BL-10: revocation orders back ALL paid money; with no budget left, the engine explains why nobody else is funded', async () => {
    const id = projectIds[3]!;
    const actor = await actorOf(t, 'officer');
    await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, id, { forUpdate: true }), { kind: 'disburse', amountYuan: 700_000, note: '首笔拨付' }));
    const preview = (await officer.get(`/api/projects/${id}/reallocation-preview?kind=revoke&spentYuan=500000`)).json() as ReallocationPreview;
    expect(preview.amounts).toMatchObject({ releasedYuan: 300_000, owedYuan: 700_000, spentYuan: 0 });
    expect(preview.plan!.candidates).toHaveLength(1);
    expect(preview.plan!.candidates[0]!.status).toBe('notSelected');
    const res = await officer.post(`/api/projects/${id}/revoke`, { decisionNo: '仑科〔2026〕89号', basis: '申报材料弄虚作假', expectedSelected: [] });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as ProjectMidtermView;
    expect(v.termination).toMatchObject({ kind: 'revoke', owedYuan: 700_000, releasedYuan: 300_000 });
    expect(v.reallocation).toMatchObject({ totalYuan: 0, candidates: [expect.objectContaining({ status: 'notSelected', project: null })] });
    expect(await state(id)).toBe('revoked');
  });

  it('BL-10: GET /api/reallocations lists every reallocation with the engine\'s explanations; an organisation sees only its own lines', async () => {
    const res = await officer.get('/api/reallocations');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: ReallocationView[] }).items;
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.candidates.every((c) => c.explanation.length > 0))).toBe(true);
    // applicant's organisation owns project 0 and the candidate 4 (round-robin): it sees the reallocation that funded it, with its own line only.
    const mine = ((await undertakerOf(r, 0).get('/api/reallocations')).json() as { items: ReallocationView[] }).items;
    const orgOf0 = ((await officer.get(`/api/projects/${projectIds[0]}`)).json() as ProjectDetail).organisation.name;
    expect(mine).toHaveLength(1);
    expect(mine[0]!.candidates.map((c) => [c.organisationName, c.status])).toEqual([[orgOf0, 'selected']]);
    const other = ((await undertakerOf(r, 3).get('/api/reallocations')).json() as { items: ReallocationView[] }).items;
    const orgOf3 = ((await officer.get(`/api/projects/${projectIds[3]}`)).json() as ProjectDetail).organisation.name;
    expect(other.length).toBeGreaterThan(0);
    for (const item of other) for (const c of item.candidates) expect(c.organisationName).toBe(orgOf3);
  });
});

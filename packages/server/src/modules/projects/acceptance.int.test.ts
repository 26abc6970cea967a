import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPublicDraw, type AcceptanceView, type ExpertAcceptanceReview, type PublicDrawRecord } from '@kechuang/domain';
import { createTestApp, pdfBytes, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { insertTestExperts, type TestExpert } from '../../../test/review-fixtures.js';
import { drawPanel } from './acceptance-panel.js';
import { findProject } from './lifecycle.js';
import { recordProjectMovement } from './ledger.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;
let experts: TestExpert[];
const REQUIRED = ['workSummary', 'technicalReport', 'financialStatement', 'auditReport', 'resultsEvidence'];

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 2);
  officer = p.officer;
  for (const id of p.projectIds) {
    await signedProject(t, id);
    // The project runs until well after today: applying now is early (提前完成).
    await rawSql(t.db, `update projects set effective_end_date = '2099-12-31', end_date = '2099-12-31' where id = '${id}'`);
  }
  experts = await insertTestExperts(t, 9, { prefix: 'acc-e' });
}, 240_000);
afterAll(async () => t?.close());

const view = async (c: TestClient, id: string) => {
  const res = await c.get(`/api/projects/${id}/acceptance`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AcceptanceView;
};

async function uploadAll(c: TestClient, id: string) {
  for (const kind of REQUIRED) {
    const up = await c.upload(`/api/projects/${id}/acceptance/materials/${kind}`, `${kind}.pdf`, pdfBytes(`演示 ${kind}`), 'application/pdf');
    expect(up.statusCode, up.body).toBe(201);
  }
}

/** Commit through HTTP (sources announced for later), then the draw once they are public (the use case with its clock). */
async function drawn(id: string) {
  const commit = await officer.post(`/api/projects/${id}/acceptance/panel/commit`, { sources: [{ description: '测试：上证综指某日收盘点位', publicAt: new Date(Date.now() + 3_600_000).toISOString() }] });
  expect(commit.statusCode, commit.body).toBe(201);
  const early = await officer.post(`/api/projects/${id}/acceptance/panel`, { values: ['3012.45'], observerInput: '纪检 42' });
  expect(early.statusCode).toBe(409);
  expect(problem(early).code).toBe('ACCEPTANCE_DRAW_TOO_EARLY');
  await drawPanel(t.db, await actorOf(t, 'officer'), id, { values: ['3012.45'], observerInput: '纪检 42' }, { now: new Date(Date.now() + 7_200_000) });
  return view(officer, id);
}

async function expertClient(username: string) {
  const c = t.client();
  expect((await c.login(username)).statusCode).toBe(200);
  return c;
}

async function verifyAll(id: string, met: (index: number) => boolean) {
  const v = await view(officer, id);
  const memberNames = new Set(v.panel!.members.map((m) => m.name));
  for (const e of experts) {
    const c = await expertClient(e.username);
    const list = (await c.get('/api/expert/acceptance-reviews')).json() as { items: { id: string; projectId: string; status: string }[] };
    const mine = list.items.filter((i) => i.projectId === id && i.status === 'draft');
    const [row] = await rawSql(t.db, `select name from experts where id = '${e.id}'`);
    expect(mine.length > 0).toBe(memberNames.has(row!.name as string));
    for (const item of mine) {
      const r = (await c.get(`/api/expert/acceptance-reviews/${item.id}`)).json() as ExpertAcceptanceReview;
      const save = await c.put(`/api/expert/acceptance-reviews/${item.id}`, { verdicts: r.indicators.map((i) => ({ index: i.index, met: met(i.index), achievedValue: met(i.index) ? i.targetValue : '未达到', evidence: '测试：检测报告' })), opinion: '测试：逐项核查' });
      expect(save.statusCode, save.body).toBe(200);
      const sub = await c.post(`/api/expert/acceptance-reviews/${item.id}/submit`, {});
      expect(sub.statusCode, sub.body).toBe(200);
    }
  }
}

describe('acceptance (验收 / 结题)', () => {
  it('an early application needs its materials and a reason; materials are typed by content; the timeline shows the application', async () => {
    const id = p.projectIds[0]!;
    const app = undertakerOf(p, 0);
    const none = await app.post(`/api/projects/${id}/acceptance`, { summary: '测试：申请验收', earlyReason: '测试：提前完成全部指标' });
    expect(none.statusCode).toBe(409);
    expect(problem(none).code).toBe('ACCEPTANCE_MATERIALS_MISSING');
    const bad = await app.upload(`/api/projects/${id}/acceptance/materials/workSummary`, 'x.pdf', Buffer.from('not a pdf at all'), 'application/pdf');
    expect(bad.statusCode).toBe(415);
    expect(problem(bad).code).toBe('ACCEPTANCE_MATERIAL_TYPE');
    const other = await undertakerOf(p, 1).upload(`/api/projects/${id}/acceptance/materials/workSummary`, 'x.pdf', pdfBytes(), 'application/pdf');
    expect(other.statusCode).toBe(404);
    await uploadAll(app, id);
    const noReason = await app.post(`/api/projects/${id}/acceptance`, { summary: '测试：申请验收' });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).errors?.[0]?.field).toBe('earlyReason');
    expect((await findProject(t.db, id)).state).toBe('executing');
    const ok = await app.post(`/api/projects/${id}/acceptance`, { summary: '测试：申请验收', earlyReason: '测试：提前完成全部指标' });
    expect(ok.statusCode, ok.body).toBe(201);
    const v = await view(app, id);
    expect(v.state).toBe('accepting');
    expect(v.application).toMatchObject({ timing: 'early', earlyReason: '测试：提前完成全部指标' });
    expect(v.application!.timingLabel).toContain('可不予受理');
    const events = (await app.get(`/api/projects/${id}/events`)).json() as { items: { kind: string }[] };
    expect(events.items.map((e) => e.kind)).toContain('state.applyAcceptance');
  });

  it('the panel is drawn from the pool without conflicted or banned experts (each with its reason), and the public record re-runs with verifyPublicDraw', async () => {
    const id = p.projectIds[0]!;
    // One expert works at the undertaker (回避), one is banned (科研失信, checkpoint draw).
    const [org] = await rawSql(t.db, `select o.credit_code from organisations o join projects p on p.organisation_id = o.id where p.id = '${id}'`);
    await rawSql(t.db, `update experts set organisation_credit_code = '${String(org!.credit_code)}', organisation_name = '承担单位' where id = '${experts[0]!.id}'`);
    await rawSql(t.db, `update experts set id_number = '330203199001011234' where id = '${experts[1]!.id}'`);
    await rawSql(t.db, `insert into integrity_records (id, subject_kind, subject_key, subject_name, behaviour, severity, decision_no, decision_date, ban_from, ban_until) values ('${randomUUID()}', 'expert', '330203199001011234', '测试专家2', '测试：评审中收受礼品', 'serious', '测试决定〔2026〕1号', '2026-01-01', '2026-01-01', '2099-01-01')`);
    const v = await drawn(id);
    expect(v.panel!.status).toBe('drawn');
    expect(v.panel!.members).toHaveLength(5);
    const excluded = new Map(v.panel!.excluded.map((e) => [e.name, e.reasons.join('；')]));
    expect(excluded.get('测试专家1')).toContain('申报单位');
    expect(excluded.get('测试专家2')).toContain('科研失信');
    expect(v.panel!.members.map((m) => m.name)).not.toContain('测试专家1');
    expect(v.panel!.members.map((m) => m.name)).not.toContain('测试专家2');
    const undertakerView = await view(undertakerOf(p, 0), id);
    expect(undertakerView.panel!.excluded).toEqual([]);
    expect(undertakerView.panel!.members[0]!.name).toBe('专家A');
    const before = (await t.client().get(`/api/public/acceptance-draws/${v.panel!.id}`)).json() as PublicDrawRecord;
    expect(before.published).toBe(false);
    expect(before.seed).toBeNull();
  });

  it('experts verify only their own panels; the outcome is the rule over core indicators (exact), an override needs a reason; 通过 releases the undisbursed commitment', async () => {
    const id = p.projectIds[0]!;
    const pending = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'pass', basis: '测试' });
    expect(pending.statusCode).toBe(409);
    expect(problem(pending).code).toBe('ACCEPTANCE_REVIEWS_PENDING');
    // Someone else's task is a 404 for an expert not on the panel.
    const v0 = await view(officer, id);
    const [outsider] = await rawSql(t.db, `select u.username from users u join experts e on e.user_id = u.id where e.id = '${experts[0]!.id}'`);
    const [someTask] = await rawSql(t.db, `select id from acceptance_reviews where project_id = '${id}' limit 1`);
    const c = await expertClient(outsider!.username as string);
    expect((await c.get(`/api/expert/acceptance-reviews/${String(someTask!.id)}`)).statusCode).toBe(404);
    expect(v0.panel!.members).toHaveLength(5);
    await verifyAll(id, () => true);
    const v = await view(officer, id);
    expect(v.rule).toMatchObject({ result: 'pass', coreMet: v.indicators.length, coreTotal: v.indicators.length, corePercent: '100.00' });
    expect(v.suggested).toBe('pass');
    expect(v.actions).toContain('decide');
    const noReason = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'conclude', basis: '测试' });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).code).toBe('ACCEPTANCE_OVERRIDE_REASON');
    expect((await findProject(t.db, id)).state).toBe('accepting');
    const pass = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'pass', basis: '测试：专家组一致认定全部指标完成' });
    expect(pass.statusCode, pass.body).toBe(201);
    const after = await view(officer, id);
    expect(after.state).toBe('accepted');
    expect(after.decisions[0]).toMatchObject({ decision: 'pass', ruleResult: 'pass', corePercent: '100.00' });
    expect(after.ledger.undisbursedYuan).toBe(0);
    const rec = (await t.client().get(`/api/public/acceptance-draws/${after.panel!.id}`)).json() as PublicDrawRecord;
    expect(rec.published).toBe(true);
    const outcome = verifyPublicDraw(rec);
    expect(outcome.problems).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it('the bureau may return an early application (提前申请验收被退回) with a reason before the panel: the project runs on, the application stays as history, and it may apply again', async () => {
    const id = p.projectIds[1]!;
    const app = undertakerOf(p, 1);
    await uploadAll(app, id);
    expect((await app.post(`/api/projects/${id}/acceptance`, { summary: '测试：申请验收', earlyReason: '测试：提前完成' })).statusCode).toBe(201);
    expect((await view(officer, id)).actions).toContain('returnApplication');
    expect((await view(app, id)).actions).not.toContain('returnApplication');
    const byUndertaker = await app.post(`/api/projects/${id}/acceptance/return`, { reason: '测试：自己退回' });
    expect(byUndertaker.statusCode).toBe(403);
    const noReason = await officer.post(`/api/projects/${id}/acceptance/return`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).errors?.[0]?.field).toBe('reason');
    expect((await findProject(t.db, id)).state).toBe('accepting');
    const ret = await officer.post(`/api/projects/${id}/acceptance/return`, { reason: '测试：核心指标尚无第三方检测报告，请按期申请' });
    expect(ret.statusCode, ret.body).toBe(200);
    const v = await view(app, id);
    expect(v.state).toBe('executing');
    expect(v.application).toBeNull();
    expect(v.returned).toEqual([expect.objectContaining({ earlyReason: '测试：提前完成', returnReason: '测试：核心指标尚无第三方检测报告，请按期申请' })]);
    expect(v.actions).toContain('apply');
    const again = await officer.post(`/api/projects/${id}/acceptance/return`, { reason: '测试：再退回' });
    expect(again.statusCode).toBe(409);
    const events = (await app.get(`/api/projects/${id}/events`)).json() as { items: { kind: string; summary: string }[] };
    expect(events.items.find((e) => e.kind === 'state.returnAcceptance')?.summary).toContain('第三方检测报告');
    const [audit] = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'project.acceptance.return' and entity_id = '${ret.json().id as string}'`);
    expect(audit!.n).toBe(1);
    // The materials stay: it applies again at once.
    expect((await app.post(`/api/projects/${id}/acceptance`, { summary: '测试：再次申请验收', earlyReason: '测试：已补充检测报告' })).statusCode).toBe(201);
    expect((await view(officer, id)).application).toMatchObject({ earlyReason: '测试：已补充检测报告' });
  });

  it('不通过 on a first hearing means one 整改; the second failure is final and orders recovery (acceptanceFail)', async () => {
    const id = p.projectIds[1]!;
    const app = undertakerOf(p, 1);
    await recordProjectMovement(t.db, await actorOf(t, 'officer'), await findProject(t.db, id), { kind: 'disburse', amountYuan: 600_000, note: '测试：首笔拨付' });
    await drawn(id);
    const late = await officer.post(`/api/projects/${id}/acceptance/return`, { reason: '测试：抽取后退回' });
    expect(late.statusCode).toBe(409);
    expect(problem(late).code).toBe('ACCEPTANCE_STATE');
    await verifyAll(id, () => false);
    let v = await view(officer, id);
    expect(v.rule!.result).toBe('fail');
    expect(v.suggested).toBe('rectify');
    const rectify = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'rectify', basis: '测试：指标未完成' });
    expect(rectify.statusCode, rectify.body).toBe(201);
    v = await view(app, id);
    expect(v.state).toBe('acceptanceRectifying');
    expect(v.application!.rectifyDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.actions).toContain('resubmit');
    const re = await app.post(`/api/projects/${id}/acceptance/resubmit`, { report: '测试：已整改' });
    expect(re.statusCode, re.body).toBe(200);
    await verifyAll(id, () => false);
    v = await view(officer, id);
    expect(v.application!.hearingNo).toBe(2);
    expect(v.suggested).toBe('fail');
    const again = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'rectify', basis: '测试' , overrideReason: '测试：再给一次机会' });
    expect(again.statusCode).toBe(409);
    const tooMuch = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'fail', basis: '测试', owedYuan: 700_000 });
    expect(tooMuch.statusCode).toBe(400);
    const fail = await officer.post(`/api/projects/${id}/acceptance/outcome`, { decision: 'fail', basis: '测试：整改后仍未完成', owedYuan: 600_000 });
    expect(fail.statusCode, fail.body).toBe(201);
    v = await view(officer, id);
    expect(v.state).toBe('failed');
    expect(v.ledger.undisbursedYuan).toBe(0);
    const [rec] = await rawSql(t.db, `select reason, amount_yuan, status from project_recoveries where project_id = '${id}'`);
    expect(rec).toMatchObject({ reason: 'acceptanceFail', status: 'open' });
    expect(Number(rec!.amount_yuan)).toBe(600_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { defaultBanUntil, exampleBeilunContent, shanghaiDayOf, type IntegrityRecordView, type PerformanceEvaluationView, type ProjectPerformance } from '@kechuang/domain';
import { createTestApp, pdfBytes, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { approvedProjects, signedProject, undertakerOf } from '../../../test/project-fixtures.js';
import { fixtureLeaderId } from '../../../test/review-fixtures.js';
import { seedDemoApplicantOrganisations } from '../../db/seed/demo-applications.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
let callId: string;
const today = shanghaiDayOf(new Date());
const LEADER = fixtureLeaderId(901);
const DEMO_C_CODE = '91330206MA2DEMC03P';

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoApplicantOrganisations(t.db);
  for (const u of ['officer', 'leader', 'observer', 'applicant', 'demo-c', 'recommender']) {
    c[u] = t.client();
    await c[u].login(u);
  }
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((x) => x.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 120_000);
afterAll(async () => t?.close());

const record = (over: Record<string, unknown> = {}) => ({
  subjectKind: 'person',
  subjectName: '测试负责人',
  subjectKey: LEADER.toLowerCase(),
  behaviourCode: 'plagiarism',
  severity: 'serious',
  measure: '三年内取消申报资格（测试）',
  decisionNo: '仑科信〔2026〕9号',
  decisionDate: today,
  ...over,
});

async function draft(who: TestClient, leaderId: string): Promise<string> {
  const created = await who.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json() as { id: string; version: number };
  const base = exampleBeilunContent();
  const saved = await who.put(`/api/applications/${id}/draft`, { baseVersion: version, content: { ...base, basic: { ...base.basic!, title: '科研诚信测试项目' }, team: { ...base.team!, leader: { ...base.team!.leader!, idNumber: leaderId } } } });
  expect(saved.statusCode, saved.body).toBe(200);
  await uploadRequiredAttachments(who, id);
  return id;
}

describe('research-integrity records (科研失信)', () => {
  let recordId: string;

  it('the officer records a person: the ID number is stored upper-case, shown masked to everyone, the ban defaults to 3 years (较重); audited', async () => {
    const res = await c.officer!.post('/api/integrity/records', record());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as IntegrityRecordView;
    recordId = r.id;
    expect(r).toMatchObject({ subjectKind: 'person', behaviour: '抄袭剽窃他人科研成果', severity: 'serious', banFrom: today, status: 'inForce', banOverrideReason: null, appealStatus: 'none' });
    expect(r.banUntil).toBe(r.defaultBanUntil);
    expect(r.banUntil).toBe(defaultBanUntil(today, 'serious'));
    expect(r.subjectKeyShown).not.toContain(LEADER.slice(6, 14));
    expect(res.body).not.toContain(LEADER.slice(6, 14));
    const [row] = await rawSql(t.db, `select subject_key from integrity_records where id = '${recordId}'`);
    expect(row!.subject_key).toBe(LEADER.toUpperCase());
    const audit = await rawSql(t.db, `select action, changes::text as changes from audit_events where entity_id = '${recordId}'`);
    expect(audit.map((a) => a.action)).toEqual(['integrity.record.create']);
    expect(String(audit[0]!.changes)).not.toContain(LEADER.slice(6, 14));
  });

  it('a wrong check digit or credit code, or a ban other than the default without a reason, is a 400 with the field named', async () => {
    const bad = await c.officer!.post('/api/integrity/records', record({ subjectKey: `${LEADER.slice(0, 17)}${LEADER.endsWith('1') ? '2' : '1'}` }));
    expect(problem(bad).errors?.map((e) => e.field)).toContain('subjectKey');
    const org = await c.officer!.post('/api/integrity/records', record({ subjectKind: 'organisation', subjectKey: '91330206MA2DEMC03X' }));
    expect(problem(org).errors?.map((e) => e.field)).toContain('subjectKey');
    const override = await c.officer!.post('/api/integrity/records', record({ banUntil: '2099-12-31' }));
    expect(problem(override).errors).toContainEqual({ field: 'banOverrideReason', message: '限制期与默认值不同，请说明理由' });
  });

  it('checkpoint submit: the blocked leader\'s application is refused, the Chinese message naming the record; nothing changes', async () => {
    const id = await draft(c['demo-c']!, LEADER);
    const res = await c['demo-c']!.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(409);
    const p = problem(res) as ReturnType<typeof problem> & { checkpoint: string; records: { id: string }[] };
    expect(p.code).toBe('INTEGRITY_BLOCKED');
    expect(p.detail).toContain('存在科研失信记录，不能提交申报：个人「测试负责人」因「抄袭剽窃他人科研成果」（较重，仑科信〔2026〕9号）限制至');
    expect(p.checkpoint).toBe('submit');
    expect(p.records.map((r) => r.id)).toEqual([recordId]);
    const [row] = await rawSql(t.db, `select state, current_version from applications where id = '${id}'`);
    expect(row).toMatchObject({ state: 'draft' });
  });

  it('the list filters, sorts and finds by the exact ID number only; export masks the number', async () => {
    const expert = await c.officer!.post('/api/integrity/records', record({ subjectKind: 'expert', subjectName: '测试专家甲', subjectKey: fixtureLeaderId(902), severity: 'general', behaviourCode: 'expertMisconduct' }));
    expect(expert.statusCode, expert.body).toBe(201);
    const exact = (await c.leader!.get(`/api/integrity/records?idNumber=${LEADER.toLowerCase()}`)).json() as { items: IntegrityRecordView[]; total: number };
    expect(exact.items.map((r) => r.id)).toEqual([recordId]);
    const partial = (await c.leader!.get(`/api/integrity/records?idNumber=${LEADER.slice(0, 10)}`)).json() as { total: number };
    expect(partial.total).toBe(0);
    const experts = (await c.observer!.get('/api/integrity/records?subjectKind=expert&severity=general&status=inForce&sort=banUntil')).json() as { items: IntegrityRecordView[] };
    expect(experts.items.map((r) => r.subjectName)).toEqual(['测试专家甲']);
    expect(experts.items[0]!.actions).toEqual([]);
    const byText = (await c.officer!.get(`/api/integrity/records?q=${encodeURIComponent('9号')}`)).json() as { total: number; items: IntegrityRecordView[] };
    expect(byText.total).toBe(2);
    expect(byText.items[0]!.actions).toEqual(['edit', 'upload', 'file', 'revoke']);
    expect((await c.applicant!.get('/api/integrity/records')).statusCode).toBe(403);
    const xlsx = await c.officer!.get('/api/integrity/records/export.xlsx?subjectKind=person');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('主体类型');
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/^\d{6}\*{8}\w{4}$/);
  });

  it('the decision document: a PDF by its first bytes only; stored, downloadable, audited', async () => {
    const fake = await c.officer!.upload(`/api/integrity/records/${recordId}/document`, '决定书.pdf', Buffer.from('not a pdf at all'), 'application/pdf');
    expect(problem(fake)).toMatchObject({ code: 'INTEGRITY_DOCUMENT_TYPE_REFUSED', status: 415 });
    const ok = await c.officer!.upload(`/api/integrity/records/${recordId}/document`, '处理决定书.pdf', pdfBytes('决定书'), 'application/pdf');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as IntegrityRecordView).document).toMatchObject({ fileName: '处理决定书.pdf' });
    const dl = await c.leader!.get(`/api/integrity/records/${recordId}/document`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await c.leader!.upload(`/api/integrity/records/${recordId}/document`, 'x.pdf', pdfBytes(), 'application/pdf')).statusCode).toBe(403);
  });

  it('appeal: filed, then overturned — the record no longer blocks; the appeal table refuses out-of-order actions in Chinese', async () => {
    const early = await c.officer!.post(`/api/integrity/records/${recordId}/appeal`, { action: 'uphold', note: '测试' });
    expect(problem(early)).toMatchObject({ code: 'INTEGRITY_APPEAL_REFUSED', detail: '当前申诉状态为「未申诉」，不能驳回申诉（维持）。' });
    expect((await c.officer!.post(`/api/integrity/records/${recordId}/appeal`, { action: 'file', note: '当事人提出申诉（测试）' })).json()).toMatchObject({ appealStatus: 'pending', status: 'inForce', actions: ['edit', 'upload', 'uphold', 'overturn', 'revoke'] });
    const over = await c.officer!.post(`/api/integrity/records/${recordId}/appeal`, { action: 'overturn', note: '复核认定不构成抄袭（测试）' });
    expect(over.json()).toMatchObject({ appealStatus: 'overturned', status: 'overturned' });
    expect((await c.officer!.get(`/api/integrity/records?idNumber=${LEADER}&status=inForce`)).json().total).toBe(0);
  });

  it('checkpoints accept and recommend, by the organisation\'s credit code; revocation lifts the block, and a revoked record takes no more changes', async () => {
    const id = await draft(c['demo-c']!, fixtureLeaderId(903));
    expect((await c['demo-c']!.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await c['demo-c']!.post(`/api/applications/${id}/endorse`)).statusCode).toBe(200);
    const org = await c.officer!.post('/api/integrity/records', record({ subjectKind: 'organisation', subjectName: '宁波演示新材料有限公司', subjectKey: DEMO_C_CODE.toLowerCase(), behaviourCode: 'falseMaterials', severity: 'general', decisionNo: '仑科信〔2026〕10号' }));
    expect(org.statusCode, org.body).toBe(201);
    const orgRecord = org.json() as IntegrityRecordView;
    expect(orgRecord.subjectKeyShown).toBe(DEMO_C_CODE);
    const accept = await c.officer!.post(`/api/applications/${id}/accept`);
    expect(problem(accept)).toMatchObject({ code: 'INTEGRITY_BLOCKED', checkpoint: 'accept' });
    expect(problem(accept).detail).toContain('不能受理：单位「宁波演示新材料有限公司」因「申报材料弄虚作假」（一般，仑科信〔2026〕10号）');
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      const rec = await c.recommender!.post(`/api/applications/${id}/recommend`);
      expect(problem(rec)).toMatchObject({ code: 'INTEGRITY_BLOCKED', checkpoint: 'recommend' });
      expect(problem(rec).detail).toContain('不能推荐：单位「宁波演示新材料有限公司」');
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
    const mine = (await c['demo-c']!.get(`/api/organisations/${(await c['demo-c']!.get('/api/organisations/mine')).json().id}/integrity`)).json() as { items: IntegrityRecordView[] };
    expect(mine.items.map((r) => r.id)).toEqual([orgRecord.id]);
    expect(mine.items[0]!.actions).toEqual([]);
    const revoked = await c.officer!.post(`/api/integrity/records/${orgRecord.id}/revoke`, { reason: '测试结束，撤销' });
    expect(revoked.json()).toMatchObject({ revoked: true, status: 'revoked', revokeReason: '测试结束，撤销', actions: [] });
    expect(problem(await c.officer!.put(`/api/integrity/records/${orgRecord.id}`, record())).code).toBe('INTEGRITY_RECORD_REVOKED');
    expect(problem(await c.officer!.post(`/api/integrity/records/${orgRecord.id}/appeal`, { action: 'file', note: 'x' })).code).toBe('INTEGRITY_RECORD_REVOKED');
    // The block lifted: acceptance now fails only on its own gates (查重 / 形式审查), not on integrity.
    expect(problem(await c.officer!.post(`/api/applications/${id}/accept`)).code).not.toBe('INTEGRITY_BLOCKED');
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${orgRecord.id}' order by occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(['integrity.record.create', 'integrity.record.revoke']);
  });

  it('an edit with an overridden ban keeps its reason and shows the default beside it', async () => {
    const until = `${Number(today.slice(0, 4)) + 2}-12-31`;
    const res = await c.officer!.put(`/api/integrity/records/${recordId}`, record({ banUntil: until, banOverrideReason: '情节较轻，从轻处理（测试）' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ banUntil: until, banOverrideReason: '情节较轻，从轻处理（测试）' });
    expect((res.json() as IntegrityRecordView).defaultBanUntil).not.toBe(until);
  });
});

describe('performance evaluation (绩效评价, BL-12, P315-4)', () => {
  let p: Awaited<ReturnType<typeof approvedProjects>>;
  beforeAll(async () => {
    p = await approvedProjects(t, 2);
  }, 240_000);

  it('BL-12: refused before the project is closed or in acceptance; the form shows the class, weights and task-book indicators', async () => {
    const id = p.projectIds[0]!;
    await signedProject(t, id, 'executing');
    const form = (await p.officer.get(`/api/projects/${id}/performance`)).json() as ProjectPerformance;
    expect(form).toMatchObject({ evaluation: null, classKey: 'commonTechnology', lumpSum: false, canRecord: false });
    expect(form.reason).toContain('执行中');
    expect(form.indicators.map((i) => i.name)).toEqual(['模具寿命', '新增销售收入']);
    const res = await p.officer.post(`/api/projects/${id}/performance`, { indicators: [{ index: 0, achieved: '100000' }, { index: 1, achieved: '5000' }], scores: { benefit: 9000, budget: 9000, management: 9000 }, comment: '测试' });
    expect(problem(res)).toMatchObject({ code: 'PERFORMANCE_NOT_ELIGIBLE', status: 409 });
  });

  it('BL-12 / P315-4: an accepted project is scored exactly by its class weights; the result is in the timeline, the organisation\'s and the leader\'s records', async () => {
    const id = p.projectIds[0]!;
    await rawSql(t.db, `update projects set state = 'accepted' where id = '${id}'`);
    const missing = await p.officer.post(`/api/projects/${id}/performance`, { indicators: [{ index: 0, achieved: '80000' }], scores: { benefit: 8000, budget: 9000, management: 8500 }, comment: '测试' });
    expect(problem(missing)).toMatchObject({ code: 'PERFORMANCE_INPUT_INVALID' });
    expect(problem(missing).errors?.map((e) => e.field)).toEqual(['indicators.1']);
    expect((await undertakerOf(p, 0).post(`/api/projects/${id}/performance`, {})).statusCode).toBe(403);
    const res = await p.officer.post(`/api/projects/${id}/performance`, { indicators: [{ index: 0, achieved: '80000' }, { index: 1, achieved: '6000' }], scores: { benefit: 8000, budget: 9000, management: 8500 }, comment: '按任务书指标评价（测试）' });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as PerformanceEvaluationView;
    // technical 80000/100000 → 8000; economic capped 10000; (40×8000 + 10×10000 + 20×8000 + 15×9000 + 15×8500) / 100 = 8425.
    expect(e).toMatchObject({ classKey: 'commonTechnology', lumpSum: false, totalCenti: 8425, grade: 'good' });
    expect(problem(await p.officer.post(`/api/projects/${id}/performance`, { indicators: [], scores: { benefit: 0 }, comment: 'x' })).code).toBe('PERFORMANCE_ALREADY_EVALUATED');
    const events = (await p.officer.get(`/api/projects/${id}/events`)).json() as { items: { kind: string; summary: string }[] };
    expect(events.items.find((x) => x.kind === 'performance.evaluated')?.summary).toBe('绩效评价：重大关键共性技术攻关，得分 84.25，等级「良好」。');
    const orgId = (await undertakerOf(p, 0).get('/api/organisations/mine')).json().id as string;
    const orgRecord = (await p.officer.get(`/api/organisations/${orgId}/performance`)).json() as { items: PerformanceEvaluationView[] };
    expect(orgRecord.items.map((x) => x.id)).toEqual([e.id]);
    expect((await undertakerOf(p, 1).get(`/api/organisations/${orgId}/performance`)).statusCode).toBe(404);
    const [lead] = await rawSql(t.db, `select leader_id_number from projects where id = '${id}'`);
    const leaderKey = String(lead!.leader_id_number);
    const leader = await p.officer.get(`/api/performance/leaders?idNumber=${leaderKey.toLowerCase()}`);
    expect((leader.json() as { items: PerformanceEvaluationView[] }).items.map((x) => x.id)).toEqual([e.id]);
    expect(leader.body).not.toContain(leaderKey.slice(6, 14));
    expect((await undertakerOf(p, 1).get(`/api/performance/leaders?idNumber=${leaderKey}`)).json().items).toEqual([]);
    expect(problem(await p.officer.get('/api/performance/leaders?idNumber=123')).code).toBe('INTEGRITY_ID_NUMBER_INVALID');
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${e.id}'`);
    expect(audit.map((a) => a.action)).toEqual(['project.performance.evaluate']);
  });

  it('P315-4: a lump-sum (包干制) terminated project is evaluated on outcomes only', async () => {
    const id = p.projectIds[1]!;
    await signedProject(t, id, 'terminated');
    await rawSql(t.db, `update projects set lump_sum = true where id = '${id}'`);
    const res = await p.officer.post(`/api/projects/${id}/performance`, { indicators: [{ index: 0, achieved: '50000' }, { index: 1, achieved: '1000' }], scores: { benefit: 5000 }, comment: '终止项目评价（测试）' });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as PerformanceEvaluationView;
    expect(e.components.filter((c) => c.counted).map((c) => c.key)).toEqual(['technical', 'economic', 'benefit']);
    // (40×5000 + 10×2000 + 20×5000) / 70 = 4571.4… → 4571
    expect(e).toMatchObject({ lumpSum: true, totalCenti: 4571, grade: 'fail' });
  });
});

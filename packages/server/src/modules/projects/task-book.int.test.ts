import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail, TaskBookContent, TaskBookOverview, TaskBookVersionView } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, approvedProjects, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { draftTaskBookSupplement } from './task-book-edit.js';
import { taskBookInForce } from './task-book-store.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 3);
  officer = p.officer;
}, 240_000);
afterAll(async () => t?.close());

async function overview(c: TestClient, id: string): Promise<TaskBookOverview> {
  const res = await c.get(`/api/projects/${id}/task-book/versions`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TaskBookOverview;
}
const latest = (o: TaskBookOverview): TaskBookVersionView => o.versions[o.versions.length - 1]!;

/** Text of each page, through pdf.js (what a reader's viewer shows and copies). */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const tc = await (await doc.getPage(i)).getTextContent();
    out.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return out;
}

describe('task book: edit, check, freeze, sign (issue 14)', () => {
  const id = () => p.projectIds[0]!;

  it('the first version is a draft drafted from the application; it passes the check; only the officer may edit or freeze it', async () => {
    const o = await overview(officer, id());
    expect(o.inForceId).toBeNull();
    const v = latest(o);
    expect(v).toMatchObject({ versionNo: 1, kind: 'original', status: 'draft', baseline: 'application', problems: [], requiredParties: ['bureau', 'undertaker'], actions: { edit: true, freeze: true, sign: [] } });
    const mine = latest(await overview(undertakerOf(p, 0), id()));
    expect(mine.actions).toEqual({ edit: false, freeze: false, sign: [] });
    expect((await undertakerOf(p, 1).get(`/api/projects/${id()}/task-book/versions`)).statusCode).toBe(404);
  });

  it('GET /api/projects/:id/task-book (API contract) is 404 problem+json in Chinese while nothing is signed', async () => {
    const res = await officer.get(`/api/projects/${id()}/task-book`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem(res)).toMatchObject({ code: 'TASK_BOOK_NOT_SIGNED', detail: expect.stringContaining('尚未经各方签署生效') });
  });

  it('a draft that lowers an indicator and shrinks the budget is saved with its problems; freezing it is refused with every problem per field, and nothing changes', async () => {
    const v = latest(await overview(officer, id()));
    const content = structuredClone(v.content);
    content.indicators[0]!.targetValue = '1';
    content.budget[0]!.fiscalDistrictYuan -= 1;
    const saved = await officer.put(`/api/projects/${id()}/task-book/draft`, { baseHash: v.contentHash, content });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = latest(saved.json() as TaskBookOverview);
    expect(after.problems.map((x) => x.field)).toEqual(expect.arrayContaining(['indicators.0.targetValue', 'budget']));
    expect(after.actions.freeze).toBe(false);
    // A save over a newer one (the old hash) is refused.
    const stale = await officer.put(`/api/projects/${id()}/task-book/draft`, { baseHash: v.contentHash, content: v.content });
    expect(problem(stale)).toMatchObject({ status: 409, code: 'TASK_BOOK_STALE' });
    const refused = await officer.post(`/api/projects/${id()}/task-book/versions/${after.id}/freeze`);
    expect(refused.statusCode).toBe(409);
    const pb = problem(refused);
    expect(pb.code).toBe('TASK_BOOK_CHECK_FAILED');
    expect(pb.errors!.map((e) => e.field)).toEqual(after.problems.map((x) => x.field));
    expect(pb.errors!.find((e) => e.field === 'indicators.0.targetValue')!.message).toContain('低于原要求');
    const [row] = await rawSql(t.db, `select status, content_hash from task_book_versions where id = '${after.id}'`);
    expect(row).toEqual({ status: 'draft', content_hash: after.contentHash });
  });

  it('NB-7 / NB-2 / indicators: the officer fixes the draft, names the 主管部门, marks one indicator non-core, raises one, and freezes it (提交签署)', async () => {
    const v = latest(await overview(officer, id()));
    const content: TaskBookContent = structuredClone(latest(await overview(officer, id())).content);
    const base = (await rawSql(t.db, `select content from task_book_versions where id = '${v.id}'`))[0]!.content as TaskBookContent;
    content.indicators[0]!.targetValue = '120000';
    content.indicators[1]!.core = false;
    content.budget = base.budget.map((l, i) => (i === 0 ? { ...l, fiscalDistrictYuan: l.fiscalDistrictYuan + 1 } : l));
    content.parties.department = '演示区经济和信息化局';
    // Longer text is never a problem: the PDF below runs over several pages.
    content.sections = Object.fromEntries(Object.entries(content.sections).map(([k, s]) => [k, `${s}${'围绕一体化压铸模具开展设计仿真、材料与热处理工艺研究（演示）。'.repeat(30)}`]));
    const saved = latest((await officer.put(`/api/projects/${id()}/task-book/draft`, { baseHash: v.contentHash, content })).json() as TaskBookOverview);
    expect(saved.problems).toEqual([]);
    expect(saved.requiredParties).toEqual(['bureau', 'undertaker', 'department']);
    const res = await officer.post(`/api/projects/${id()}/task-book/versions/${saved.id}/freeze`);
    expect(res.statusCode, res.body).toBe(200);
    expect(latest(res.json() as TaskBookOverview)).toMatchObject({ status: 'signing', frozenAt: expect.any(String) });
    // Frozen: neither the API nor the database changes it any more.
    expect(problem(await officer.put(`/api/projects/${id()}/task-book/draft`, { baseHash: saved.contentHash, content: v.content })).code).toBe('TASK_BOOK_NOT_DRAFT');
    await expect(rawSql(t.db, `update task_book_versions set content = '{}'::jsonb where id = '${saved.id}'`)).rejects.toThrow();
    expect((await rawSql(t.db, `select content_hash from task_book_versions where id = '${saved.id}'`))[0]!.content_hash).toBe(saved.contentHash);
  });

  it('signing: each party for itself, with the content hash it saw; the last signature puts it in force and the project starts executing', async () => {
    const v = latest(await overview(officer, id()));
    const undertaker = undertakerOf(p, 0);
    expect(latest(await overview(undertaker, id())).actions.sign).toEqual(['undertaker']);
    expect(latest(await overview(officer, id())).actions.sign).toEqual(['bureau', 'department']);
    const sign = (c: TestClient, body: Record<string, unknown>) => c.post(`/api/projects/${id()}/task-book/versions/${v.id}/sign`, { contentHash: v.contentHash, ...body });
    expect(problem(await sign(undertaker, { party: 'bureau' }))).toMatchObject({ status: 403, code: 'TASK_BOOK_PARTY_REFUSED' });
    expect(problem(await sign(officer, { party: 'undertaker' }))).toMatchObject({ status: 403, code: 'TASK_BOOK_PARTY_REFUSED' });
    expect(problem(await sign(undertaker, { party: 'undertaker', contentHash: 'f'.repeat(64) }))).toMatchObject({ status: 409, code: 'TASK_BOOK_HASH_MISMATCH' });
    expect(problem(await sign(officer, { party: 'department' }))).toMatchObject({ status: 400, code: 'TASK_BOOK_SIGNER_REQUIRED', errors: [{ field: 'signerName' }] });
    expect(await rawSql(t.db, `select 1 from task_book_signatures where version_id = '${v.id}'`)).toHaveLength(0);

    expect((await sign(undertaker, { party: 'undertaker' })).statusCode).toBe(200);
    expect(problem(await sign(undertaker, { party: 'undertaker' })).code).toBe('TASK_BOOK_ALREADY_SIGNED');
    expect((await sign(officer, { party: 'bureau' })).statusCode).toBe(200);
    let d = (await officer.get(`/api/projects/${id()}`)).json() as ProjectDetail;
    expect(d.state).toBe('approved');
    const last = await sign(officer, { party: 'department', signerName: '王演示' });
    expect(last.statusCode, last.body).toBe(200);
    const o = last.json() as TaskBookOverview;
    expect(o.inForceId).toBe(v.id);
    expect(latest(o)).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    expect(latest(o).signatures.map((s) => [s.party, s.contentHash === v.contentHash])).toEqual([['undertaker', true], ['bureau', true], ['department', true]]);
    expect(latest(o).signatures[2]).toMatchObject({ signerName: '王演示', recordedByName: expect.any(String) });
    d = (await officer.get(`/api/projects/${id()}`)).json() as ProjectDetail;
    expect(d).toMatchObject({ state: 'executing', department: '演示区经济和信息化局' });
    expect(d.taskBookVersions[0]).toMatchObject({ status: 'signed' });
    const events = ((await officer.get(`/api/projects/${id()}/events`)).json() as { items: { kind: string }[] }).items.map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['taskBook.edited', 'taskBook.frozen', 'taskBook.signature', 'taskBook.signed', 'state.sign']));
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${v.id}' order by occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['project.taskBook.edit', 'project.taskBook.freeze', 'project.taskBook.sign', 'project.taskBook.effective']));
    await expect(rawSql(t.db, `delete from task_book_signatures where version_id = '${v.id}'`)).rejects.toThrow();
    expect(await rawSql(t.db, `select 1 from task_book_signatures where version_id = '${v.id}'`)).toHaveLength(3);
  });

  it('GET /api/projects/:id/task-book (API contract): the signed PDF has its content hash on every page and lists every party\'s signature', async () => {
    const v = latest(await overview(officer, id()));
    const res = await undertakerOf(p, 0).get(`/api/projects/${id()}/task-book`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-hash']).toBe(v.contentHash);
    const pages = await pageTexts(res.rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.replace(/\s/g, '')).toContain(v.contentHash);
    const all = pages.join('');
    for (const s of ['甲方（科技局）', '乙方（承担单位）', '丙方（主管部门）', '王演示', '★', '市级财政', '区级财政']) expect(all).toContain(s);
    expect(all).not.toContain('草稿');
  });

  it('a draft version\'s PDF carries 草稿 on every page; another organisation cannot read it', async () => {
    const draft = latest(await overview(officer, p.projectIds[1]!));
    const res = await officer.get(`/api/projects/${p.projectIds[1]}/task-book/versions/${draft.id}/pdf`);
    expect(res.statusCode).toBe(200);
    const pages = await pageTexts(res.rawPayload);
    for (const page of pages) {
      expect(page).toContain('草稿');
      expect(page.replace(/\s/g, '')).toContain(draft.contentHash);
    }
    expect((await undertakerOf(p, 0).get(`/api/projects/${p.projectIds[1]}/task-book/versions/${draft.id}/pdf`)).statusCode).toBe(404);
  });

  it('a supplement (补充任务书) is checked against the version in force: a lowered indicator is refused unless the change allowed it; signing supersedes the old version without a state change', async () => {
    const actor = await actorOf(t, 'officer');
    const inForce = (await t.db.transaction((tx) => taskBookInForce(tx, id())))!;
    const lowered = structuredClone(inForce.content as TaskBookContent);
    lowered.indicators[0]!.targetValue = '100000';
    const refused = await t.db.transaction((tx) => draftTaskBookSupplement(tx, actor, id(), { content: lowered, changeId: null, summary: '测试：补充任务书（未获批准降低指标）' }));
    let res = await officer.post(`/api/projects/${id()}/task-book/versions/${refused.id}/freeze`);
    expect(problem(res)).toMatchObject({ code: 'TASK_BOOK_CHECK_FAILED', errors: [{ field: 'indicators.0.targetValue' }] });
    expect(latest(await overview(officer, id()))).toMatchObject({ baseline: 'inForce', allowed: null });

    // Another project shows the allowance path: an approved change of indicators lowers one and drops another's core mark.
    const pid = p.projectIds[2]!;
    const v1 = latest(await overview(officer, pid));
    await officer.post(`/api/projects/${pid}/task-book/versions/${v1.id}/freeze`);
    for (const [c, party] of [[undertakerOf(p, 2), 'undertaker'], [officer, 'bureau']] as const) {
      expect((await c.post(`/api/projects/${pid}/task-book/versions/${v1.id}/sign`, { party, contentHash: v1.contentHash })).statusCode).toBe(200);
    }
    const next = structuredClone(v1.content);
    next.indicators[0]!.targetValue = '80000';
    next.indicators[1]!.core = false;
    const supplement = await t.db.transaction((tx) => draftTaskBookSupplement(tx, actor, pid, { content: next, changeId: null, allowed: { indicators: true }, summary: '测试：指标变更获批，生成补充任务书' }));
    res = await officer.post(`/api/projects/${pid}/task-book/versions/${supplement.id}/freeze`);
    expect(res.statusCode, res.body).toBe(200);
    for (const [c, party] of [[officer, 'bureau'], [undertakerOf(p, 2), 'undertaker']] as const) {
      res = await c.post(`/api/projects/${pid}/task-book/versions/${supplement.id}/sign`, { party, contentHash: supplement.contentHash });
      expect(res.statusCode, res.body).toBe(200);
    }
    const o = res.json() as TaskBookOverview;
    expect(o.versions.map((v) => [v.versionNo, v.kind, v.status])).toEqual([[1, 'original', 'superseded'], [2, 'supplement', 'signed']]);
    expect(o.inForceId).toBe(supplement.id);
    expect(((await officer.get(`/api/projects/${pid}`)).json() as ProjectDetail).state).toBe('executing');
    const pdf = await officer.get(`/api/projects/${pid}/task-book`);
    expect((await pageTexts(pdf.rawPayload)).join('')).toContain('补充任务书');
  });
});

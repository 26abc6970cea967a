// 查重 on every submission (BL-9): archive, job, persisted index, report and the 形式审查 gate, end to end
// through the HTTP API and the job function, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent, type ApplicationContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, passFormalReview, problem, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertUser } from '../accounts/create-user.js';
import { hashPassword } from '../accounts/passwords.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { findOrganisationByCreditCode } from '../organisations/service.js';
import { forgetCachedIndex, runDuplicateCheck } from './duplicate-check.js';

let t: TestApp;
let applicant: TestClient;
let unitAdmin: TestClient;
let officer: TestClient;
let otherApplicant: TestClient;
let expert: TestClient;
let callId: string;

beforeAll(async () => {
  t = await createTestApp();
  // Another enterprise (宁波东海新材料科技有限公司), moved to 北仑 in this test's own database so it may apply to the same call.
  const other = await findOrganisationByCreditCode(t.db, '91330211MA2J8DLT1M');
  await rawSql(t.db, `update organisations set region = '浙江省宁波市北仑区' where id = '${other!.id}'`);
  await t.db.transaction(async (tx) =>
    insertUser(tx, SYSTEM_ACTOR, { username: 'applicant-dd', name: '钱申报', phone: '', email: '', roles: ['applicant'], organisationId: other!.id, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }),
  );
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer, otherApplicant, expert] = (await Promise.all(['applicant', 'unitadmin', 'officer', 'applicant-dd', 'expert'].map(login))) as [TestClient, TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 120_000);
afterAll(() => t.close());

/** Deterministic Chinese prose: distinct per seed, so unrelated applications share no 50-character run. */
function prose(seed: number, chars: number): string {
  const pool = '研究开发技术装备材料工艺系统平台数据智能制造模具压铸寿命精度检测控制算法优化结构设计验证应用推广产业链条协同创新能力团队成果转化效益市场需求国产替代关键核心部件性能指标试验测试标准规范集成示范生产线';
  let x = seed * 2654435761 + 12345;
  let s = '';
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += pool[x % pool.length];
    if (s.length % 37 === 36) s += '，';
  }
  return s + '。';
}

/** The example content with the given text sections (every other section distinct per seed). */
function contentWith(seed: number, sections: Record<string, string> = {}): ApplicationContent {
  const base = exampleBeilunContent();
  const own = Object.fromEntries(Object.keys(base.sections ?? {}).map((k, i) => [k, prose(seed * 100 + i, 220)]));
  return { ...base, sections: { ...own, ...sections } };
}

async function submit(client: TestClient, content: ApplicationContent, existing?: string): Promise<{ id: string; applicationId: string; version: number }> {
  let id = existing;
  let version: number;
  if (!id) {
    const res = await client.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id as string;
    version = res.json().version as number;
  } else {
    version = (await client.get(`/api/applications/${id}`)).json().version as number;
  }
  const saved = await client.put(`/api/applications/${id}/draft`, { baseVersion: version, content });
  expect(saved.statusCode, saved.body).toBe(200);
  if (!existing) await uploadRequiredAttachments(client, id);
  const res = await client.post(`/api/applications/${id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { id, applicationId: id, version: res.json().version as number };
}

const report = async (id: string) => {
  const res = await officer.get(`/api/applications/${id}/duplicate-report`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().report;
};
const checkRow = async (id: string, version: number) => (await rawSql(t.db, `select status, runs, finished_at, md5(coalesce(report::text, '')) as report from duplicate_checks where application_id = '${id}' and version = ${version}`))[0];
const snapshotRow = async () => (await rawSql(t.db, `select high_water::int as hw, docs, md5(bytes) as bytes from dedupe_index_snapshots where name = 'archive'`))[0] as { hw: number; docs: number; bytes: string } | undefined;

describe('查重 on every submission (BL-9)', () => {
  const copied = prose(9001, 160);
  let source: { id: string; applicationId: string; version: number };
  let copy: { id: string; applicationId: string; version: number };

  it('BL-9: submission archives the frozen text and queues exactly one check for the version (in its transaction)', async () => {
    source = await submit(otherApplicant, contentWith(1, { 'background.trends': `东海新材料的研究基础。${copied}后续工作围绕该方向展开。` }));
    const [archived] = await rawSql(t.db, `select source_type, organisation_id, text from dedupe_archive where doc_id = 'application:${source.id}:${source.version}'`);
    expect(archived!.source_type).toBe('application');
    expect(String(archived!.text)).toContain(copied);
    expect(await checkRow(source.id, source.version)).toMatchObject({ status: 'queued', runs: 0 });
    expect((await runDuplicateCheck(t.db, source)).ran).toBe(true);
  });

  it('BL-9: a near-copy of another organisation’s application is flagged, with the copied passage’s spans on both sides', async () => {
    const trends = `本单位在该领域长期积累。${copied}在此基础上形成示范应用。`;
    copy = await submit(applicant, contentWith(2, { 'background.trends': trends }));
    const run = await runDuplicateCheck(t.db, copy);
    expect(run.ran).toBe(true);
    const r = await report(copy.id);
    const m = r.matches.find((x: { applicationId: string }) => x.applicationId === source.id);
    expect(m).toMatchObject({ relation: 'other', relationLabel: '其他单位' });
    const p = m.passages.find((x: { query: { section: string } }) => x.query.section === 'background.trends');
    expect(p.chars).toBeGreaterThanOrEqual(150);
    // Spans are UTF-16 offsets inside each side's section text, and the texts they cut out are the copy.
    expect(trends.slice(p.query.start, p.query.end)).toBe(p.query.text);
    expect(p.query.text).toContain(copied.slice(5, 150));
    expect(p.source.section).toBe('background.trends');
    expect(p.source.text).toContain(copied.slice(5, 150));
    const sourceTrends = `东海新材料的研究基础。${copied}后续工作围绕该方向展开。`;
    expect(sourceTrends.slice(p.source.start, p.source.end)).toBe(p.source.text);
    expect(m.sections.find((s: { key: string }) => s.key === 'background.trends').containment).toBeGreaterThan(0.8);
    expect(m.flagged).toBe(true);
    expect(r.flagged).toBe(true);
    expect(r.copyRatio).toBeGreaterThan(0);
    expect(r.sourcesNotChecked.map((s: { sourceType: string }) => s.sourceType)).toEqual(['project', 'talent', 'higherLevel', 'pastProject']);
    const [audit] = await rawSql(t.db, `select actor_name from audit_events where action = 'application.duplicateCheck' and entity_id = '${copy.id}'`);
    expect(audit!.actor_name).toBe('system.duplicateCheck');
  });

  it('BL-9: a resubmission of the organisation’s own earlier text is labelled 本单位历史申报, not copying', async () => {
    const mine = contentWith(3);
    const first = await submit(applicant, mine);
    await runDuplicateCheck(t.db, first);
    // Returned and resubmitted with one section changed: the rest is the organisation's own earlier text.
    expect((await unitAdmin.post(`/api/applications/${first.id}/return`, { reasons: [{ field: 'sections.plan.goals', reason: '目标不清' }] })).statusCode).toBe(200);
    const again = await submit(applicant, { ...mine, sections: { ...mine.sections, 'plan.goals': prose(3333, 200) } }, first.id);
    await runDuplicateCheck(t.db, again);
    const r = await report(first.id);
    expect(r.version).toBe(again.version);
    const own = r.matches.find((x: { applicationId: string; version: number }) => x.applicationId === first.id && x.version === first.version);
    expect(own).toMatchObject({ relation: 'ownRevision', relationLabel: '本单位历史申报', flagged: false, flags: [] });
    expect(own.jaccard).toBeGreaterThan(0.5);
    expect(own.passages.length).toBeGreaterThan(0);
    // Its own revision counts neither in the copy ratio nor in the flags.
    expect(r.copyRatio).toBe(0);
    expect(r.flagged).toBe(false);
  });

  it('BL-9: the report is refused to the applicant (404, even its own) and to an expert (403); another applicant never sees the text', async () => {
    for (const c of [applicant, otherApplicant]) {
      const res = await c.get(`/api/applications/${copy.id}/duplicate-report`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(copied.slice(0, 30));
    }
    const res = await expert.get(`/api/applications/${copy.id}/duplicate-report`);
    expect(res.statusCode).toBe(403);
    expect((await expert.post(`/api/applications/${copy.id}/duplicate-check`)).statusCode).toBe(403);
    expect((await applicant.post(`/api/applications/${copy.id}/duplicate-check`)).statusCode).toBe(403);
  });

  it('BL-9: 形式审查 (accept) is refused while the check has not finished, and allowed after; nothing changes on refusal', async () => {
    const a = await submit(applicant, contentWith(4));
    expect((await unitAdmin.post(`/api/applications/${a.id}/endorse`)).statusCode).toBe(200);
    const before = (await rawSql(t.db, `select state, updated_at from applications where id = '${a.id}'`))[0];
    const refused = await officer.post(`/api/applications/${a.id}/accept`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused)).toMatchObject({ code: 'DUPLICATE_CHECK_PENDING', title: '查重尚未完成，不能受理' });
    expect((await rawSql(t.db, `select state, updated_at from applications where id = '${a.id}'`))[0]).toEqual(before);
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.accept' and entity_id = '${a.id}'`))[0]!.n).toBe(0);
    // A failed run still blocks.
    await rawSql(t.db, `update duplicate_checks set status = 'failed', error = 'x' where application_id = '${a.id}'`);
    expect(problem(await officer.post(`/api/applications/${a.id}/accept`)).code).toBe('DUPLICATE_CHECK_PENDING');
    // On demand (no queue in this process: it runs inline), then accepted.
    const run = await officer.post(`/api/applications/${a.id}/duplicate-check`);
    expect(run.json()).toEqual({ applicationId: a.id, version: a.version, status: 'done' });
    await passFormalReview(officer, a.id);
    expect((await officer.post(`/api/applications/${a.id}/accept`)).json()).toEqual({ state: 'accepted' });
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.duplicateCheckRequest' and entity_id = '${a.id}'`))[0]!.n).toBe(1);
  });

  it('BL-9: the index is persisted and reused (not rebuilt) on the next check, rebuilt when missing or corrupt', async () => {
    const before = await snapshotRow();
    expect(before).toBeDefined();
    const a = await submit(applicant, contentWith(5));
    await runDuplicateCheck(t.db, a);
    // Same process, snapshot unchanged since it stored it: the index in memory is used, the bytes are not decoded.
    expect((await report(a.id)).index).toMatchObject({ mode: 'loaded', reason: null, cached: true });
    const after = await snapshotRow();
    expect(after!.hw).toBeGreaterThan(before!.hw);
    expect(after!.docs).toBe(before!.docs + 1);
    const [{ n }] = (await rawSql(t.db, `select count(*)::int as n from dedupe_archive`)) as [{ n: number }];
    expect(after!.docs).toBe(n);

    // A fresh process (no index in memory) decodes the stored bytes: loaded, not rebuilt.
    forgetCachedIndex();
    const fresh = await submit(applicant, contentWith(11));
    await runDuplicateCheck(t.db, fresh);
    expect((await report(fresh.id)).index).toMatchObject({ mode: 'loaded', reason: null, cached: false, docs: n + 1 });
    // Another node stored a newer snapshot meanwhile (its time differs): this process reads it instead of its memory.
    await rawSql(t.db, `update dedupe_index_snapshots set updated_at = updated_at + interval '1 second'`);
    const newer = await submit(applicant, contentWith(12));
    await runDuplicateCheck(t.db, newer);
    expect((await report(newer.id)).index).toMatchObject({ mode: 'loaded', cached: false, docs: n + 2 });

    forgetCachedIndex();
    await rawSql(t.db, `delete from dedupe_index_snapshots`);
    const b = await submit(applicant, contentWith(6, { 'background.trends': `再次引用。${copied}` }));
    await runDuplicateCheck(t.db, b);
    const rb = await report(b.id);
    expect(rb.index).toMatchObject({ mode: 'rebuilt', reason: 'missing', docs: n + 3 });
    // The rebuilt index finds the same copy as the one built up one text at a time.
    expect(rb.matches.some((m: { applicationId: string; relation: string }) => m.applicationId === source.id && m.relation === 'other')).toBe(true);
    expect((await snapshotRow())!.docs).toBe(n + 3);

    // A flipped byte (read by a fresh process) fails the index's checksum: rebuilt, not trusted.
    forgetCachedIndex();
    await rawSql(t.db, `update dedupe_index_snapshots set bytes = set_byte(bytes, 40, (get_byte(bytes, 40) + 1) % 256)`);
    const c = await submit(applicant, contentWith(7));
    await runDuplicateCheck(t.db, c);
    expect((await report(c.id)).index).toMatchObject({ mode: 'rebuilt', reason: 'corrupt', docs: n + 4 });
  });

  it('BL-9: the check runs exactly once for a submission even if its job is sent twice', async () => {
    const a = await submit(applicant, contentWith(8));
    const runs = await Promise.all([runDuplicateCheck(t.db, a), runDuplicateCheck(t.db, a)]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const row = await checkRow(a.id, a.version);
    expect(row).toMatchObject({ status: 'done', runs: 1 });
    expect((await runDuplicateCheck(t.db, a)).ran).toBe(false);
    expect(await checkRow(a.id, a.version)).toEqual(row);
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.duplicateCheck' and entity_id = '${a.id}'`))[0]!.n).toBe(1);
  });

  it('BL-9: malformed job data is refused before it can claim any check', async () => {
    const a = await submit(applicant, contentWith(10));
    await expect(runDuplicateCheck(t.db, { version: a.version } as unknown as { applicationId: string; version: number })).rejects.toThrow('查重任务数据无效');
    expect(await checkRow(a.id, a.version)).toMatchObject({ status: 'queued', runs: 0 });
  });
});

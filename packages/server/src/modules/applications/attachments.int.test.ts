import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, pdfBytes, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
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

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

beforeAll(async () => {
  t = await createTestApp();
  const other = await findOrganisationByCreditCode(t.db, '91330211MA2J8DLT1M');
  await t.db.transaction(async (tx) =>
    insertUser(tx, SYSTEM_ACTOR, { username: 'applicant-c', name: '周申报', phone: '', email: '', roles: ['applicant'], organisationId: other!.id, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }),
  );
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer, recommender, otherApplicant, expert, department] = (await Promise.all(['applicant', 'unitadmin', 'officer', 'recommender', 'applicant-c', 'expert', 'department'].map(login))) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 120_000);
afterAll(() => t.close());

async function draft(): Promise<string> {
  const res = await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  // The example content claims two attachments that were never uploaded: the checks must not believe it.
  expect((await applicant.put(`/api/applications/${id}/draft`, { baseVersion: res.json().version, content: exampleBeilunContent() })).statusCode).toBe(200);
  return id;
}

const upload = (c: TestClient, id: string, kind: string, name: string, bytes: Buffer, type = 'application/pdf') => c.upload(`/api/applications/${id}/attachments/${kind}`, name, bytes, type);
const files = async (id: string) => rawSql(t.db, `select id, kind, file_name, size, sha256, md5(content) as bytes, frozen_in_version, removed_at from application_attachments where application_id = '${id}' order by uploaded_at, id`);
const snapshot = async (id: string) => ({ files: await files(id), app: (await rawSql(t.db, `select state, current_version, md5(content::text) as c from applications where id = '${id}'`))[0] });

describe('attachments in the call’s typed slots', () => {
  it('lists the call’s slots; the live checks see only files really uploaded, not what the draft claims', async () => {
    const id = await draft();
    const res = await applicant.get(`/api/applications/${id}/attachments`);
    expect(res.statusCode).toBe(200);
    expect(res.json().slots).toEqual([
      { kind: 'businessLicence', label: '营业执照或法人登记证书', required: true, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024, files: [] },
      { kind: 'financialStatements', label: '财务报表（上年度审计报告）', required: true, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024, files: [] },
      { kind: 'other', label: '其他材料', required: false, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024, files: [] },
    ]);
    const checks = (await applicant.get(`/api/applications/${id}`)).json().checks;
    expect(checks.missingAttachments.map((m: { kind: string }) => m.kind)).toEqual(['businessLicence', 'financialStatements']);
    expect(checks.ready).toBe(false);
    const refused = await applicant.post(`/api/applications/${id}/submit`);
    expect(problem(refused).code).toBe('APPLICATION_INCOMPLETE');
    expect(problem(refused).errors).toContainEqual({ field: 'attachments.businessLicence', message: '缺少附件“营业执照或法人登记证书”' });
  });

  it('uploads a file (one transaction with its audit event), lists it, serves the bytes with a UTF-8 name', async () => {
    const id = await draft();
    const bytes = pdfBytes('营业执照');
    const res = await upload(applicant, id, 'businessLicence', '营业执照（副本）.pdf', bytes, 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    const row = res.json();
    expect(row).toMatchObject({ kind: 'businessLicence', fileName: '营业执照（副本）.pdf', size: bytes.length, contentType: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex') });
    const slots = (await applicant.get(`/api/applications/${id}/attachments`)).json().slots;
    expect(slots[0].files).toEqual([row]);
    const [audit] = await rawSql(t.db, `select detail->>'attachment' as a, detail->>'sha256' as h from audit_events where action = 'application.attachment.add' and entity_id = '${id}'`);
    expect(audit).toEqual({ a: row.id, h: row.sha256 });
    const file = await applicant.get(`/api/applications/${id}/attachments/${row.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照（副本）.pdf')}`);
    expect((await applicant.get(`/api/applications/${id}`)).json().checks.missingAttachments.map((m: { kind: string }) => m.kind)).toEqual(['financialStatements']);
  });

  it('types a file by its first bytes: a renamed executable is 415 whatever its name and header; a PNG named .pdf is a PNG', async () => {
    const id = await draft();
    const before = await snapshot(id);
    const exe = await upload(applicant, id, 'businessLicence', '营业执照.pdf', EXE, 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(problem(exe).code).toBe('ATTACHMENT_TYPE_REFUSED');
    expect(await snapshot(id)).toEqual(before);
    const png = await upload(applicant, id, 'businessLicence', '扫描件.pdf', PNG, 'application/pdf');
    expect(png.statusCode).toBe(201);
    expect(png.json().contentType).toBe('image/png');
  });

  it('a file over the slot’s limit is 413 and nothing is stored; an unknown slot is 422', async () => {
    const id = await draft();
    const before = await snapshot(id);
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(20 * 1024 * 1024)]);
    const res = await upload(applicant, id, 'businessLicence', '大文件.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(problem(res).code).toBe('ATTACHMENT_TOO_LARGE');
    for (const kind of ['nope', 'talentProof']) {
      const r = await upload(applicant, id, kind, 'a.pdf', pdfBytes());
      expect(r.statusCode, kind).toBe(422);
      expect(problem(r).code).toBe('ATTACHMENT_SLOT_UNKNOWN');
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('submission freezes the set: the version records ids and SHA-256; upload and delete are 409 until a return; a frozen file is kept', async () => {
    const id = await draft();
    const licence = (await upload(applicant, id, 'businessLicence', '营业执照.pdf', pdfBytes('l'))).json();
    const statements = (await upload(applicant, id, 'financialStatements', '审计报告.pdf', pdfBytes('s'))).json();
    const sub = await applicant.post(`/api/applications/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    const version = sub.json().version as number;
    const [v] = await rawSql(t.db, `select content->'attachments' as a from application_versions where application_id = '${id}' and version = ${version}`);
    expect(v!.a).toEqual([
      { slot: 'businessLicence', fileId: licence.id, fileName: '营业执照.pdf', contentType: 'application/pdf', sizeBytes: licence.size, sha256: licence.sha256 },
      { slot: 'financialStatements', fileId: statements.id, fileName: '审计报告.pdf', contentType: 'application/pdf', sizeBytes: statements.size, sha256: statements.sha256 },
    ]);
    expect((await files(id)).map((f) => f.frozen_in_version)).toEqual([version, version]);

    const before = await snapshot(id);
    const up = await upload(applicant, id, 'other', '补充.pdf', pdfBytes());
    expect(up.statusCode).toBe(409);
    expect(problem(up).code).toBe('APPLICATION_NOT_EDITABLE');
    expect((await applicant.request('DELETE', `/api/applications/${id}/attachments/${licence.id}`)).statusCode).toBe(409);
    expect(await snapshot(id)).toEqual(before);
    const refusal = (q: string) => rawSql(t.db, q).then(() => 'changed', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(`delete from application_attachments where id = '${licence.id}'`)).toMatch(/cannot be deleted/);
    expect(await refusal(`update application_attachments set content = '\\x00' where id = '${licence.id}'`)).toMatch(/cannot be changed/);

    // After a return the applicant replaces the licence: the frozen file leaves the working set but stays downloadable.
    expect((await unitAdmin.post(`/api/applications/${id}/return`, { reasons: [{ field: 'attachments.businessLicence', reason: '营业执照不清晰' }] })).statusCode).toBe(200);
    expect((await applicant.request('DELETE', `/api/applications/${id}/attachments/${licence.id}`)).statusCode).toBe(204);
    const slots = (await applicant.get(`/api/applications/${id}/attachments`)).json().slots;
    expect(slots[0].files).toEqual([]);
    expect((await applicant.get(`/api/applications/${id}/attachments/${licence.id}/file`)).statusCode).toBe(200);
    const fresh = (await upload(applicant, id, 'businessLicence', '营业执照-清晰.pdf', pdfBytes('clear'))).json();
    expect((await applicant.request('DELETE', `/api/applications/${id}/attachments/${fresh.id}`)).statusCode).toBe(204);
    expect((await files(id)).map((f) => f.id)).toEqual([licence.id, statements.id]);
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.attachment.delete' and entity_id = '${id}'`))[0]!.n).toBe(2);

    // A frozen file whose bytes changed behind the trigger's back is reported by the invariant check.
    const { checkInvariants } = await import('../../db/invariants.js');
    await rawSql(t.db, `alter table application_attachments disable trigger application_attachments_immutable`);
    try {
      await rawSql(t.db, `update application_attachments set sha256 = '${'0'.repeat(64)}' where id = '${statements.id}'`);
      expect((await checkInvariants(t.db)).some((p) => p.includes(`attachment ${statements.id} is missing, changed or not frozen`))).toBe(true);
    } finally {
      await rawSql(t.db, `update application_attachments set sha256 = '${statements.sha256}' where id = '${statements.id}'`);
      await rawSql(t.db, `alter table application_attachments enable trigger application_attachments_immutable`);
    }
    expect(await checkInvariants(t.db)).toEqual([]);
  });
});

describe('who may see and change attachments', () => {
  it('an applicant of another organisation gets 404 for the list, the file, upload and delete; the rows are unchanged', async () => {
    const id = await draft();
    const file = (await upload(applicant, id, 'businessLicence', '营业执照.pdf', pdfBytes())).json();
    const before = await snapshot(id);
    for (const res of [
      await otherApplicant.get(`/api/applications/${id}/attachments`),
      await otherApplicant.get(`/api/applications/${id}/attachments/${file.id}/file`),
      await otherApplicant.request('DELETE', `/api/applications/${id}/attachments/${file.id}`),
      await upload(otherApplicant, id, 'businessLicence', 'x.pdf', pdfBytes()),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(problem(res).code).toBe('APPLICATION_NOT_FOUND');
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('an expert and a department get 403 for the list, the file, upload and delete; the rows are unchanged', async () => {
    const id = await draft();
    const file = (await upload(applicant, id, 'businessLicence', '营业执照.pdf', pdfBytes())).json();
    const before = await snapshot(id);
    for (const c of [expert, department]) {
      for (const res of [
        await c.get(`/api/applications/${id}/attachments`),
        await c.get(`/api/applications/${id}/attachments/${file.id}/file`),
        await c.request('DELETE', `/api/applications/${id}/attachments/${file.id}`),
        await upload(c, id, 'businessLicence', 'x.pdf', pdfBytes()),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(problem(res).code).toBe('FORBIDDEN');
      }
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('the unit admin, the officer and the chain’s recommender read the files; none of them may change them', async () => {
    await rawSql(t.db, `update calls set requires_recommendation = true where id = '${callId}'`);
    try {
      const id = await draft();
      const licence = (await upload(applicant, id, 'businessLicence', '营业执照.pdf', pdfBytes('l'))).json();
      await upload(applicant, id, 'financialStatements', '审计报告.pdf', pdfBytes('s'));
      expect((await applicant.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
      expect((await unitAdmin.post(`/api/applications/${id}/endorse`)).statusCode).toBe(200);
      const before = await snapshot(id);
      for (const c of [unitAdmin, officer, recommender]) {
        expect((await c.get(`/api/applications/${id}/attachments`)).json().slots[0].files[0].id).toBe(licence.id);
        expect((await c.get(`/api/applications/${id}/attachments/${licence.id}/file`)).statusCode).toBe(200);
      }
      // The unit admin is also an applicant-side account of the organisation, but the application is no longer editable.
      expect((await unitAdmin.request('DELETE', `/api/applications/${id}/attachments/${licence.id}`)).statusCode).toBe(409);
      for (const c of [officer, recommender]) expect((await c.request('DELETE', `/api/applications/${id}/attachments/${licence.id}`)).statusCode).toBe(403);
      expect(await snapshot(id)).toEqual(before);
    } finally {
      await rawSql(t.db, `update calls set requires_recommendation = false where id = '${callId}'`);
    }
  });
});

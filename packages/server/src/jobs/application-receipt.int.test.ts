// The PDF receipt through the real queue: a submission sends its receipt job after the commit and a pg-boss worker
// renders it; an on-demand render racing the job stores nothing twice, and a stored receipt is the one served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '@kechuang/domain';
import { createTestApp, rawSql, silentLog, type TestApp, TestClient, testConfig, until, uploadRequiredAttachments } from '../../test/helpers.js';
import { buildApp } from '../app.js';
import { ensureReceipt } from '../modules/applications/receipts.js';
import { startJobs, type Jobs } from './queue.js';

let t: TestApp;
let jobs: Jobs;
let app: Awaited<ReturnType<typeof buildApp>>;
let applicant: TestClient;
let callId: string;
beforeAll(async () => {
  t = await createTestApp();
  jobs = await startJobs(t.database, testConfig, { log: silentLog, pollingIntervalSeconds: 0.5 });
  app = await buildApp({ database: t.database, config: testConfig, jobs });
  await app.ready();
  applicant = new TestClient(app, '10.9.1.1');
  await applicant.login('applicant');
  const calls = (await applicant.get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
  await t.close();
});

async function submit(): Promise<{ id: string; version: number }> {
  const draft = (await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' })).json() as { id: string; version: number };
  expect((await applicant.put(`/api/applications/${draft.id}/draft`, { baseVersion: draft.version, content: exampleBeilunContent() })).statusCode).toBe(200);
  await uploadRequiredAttachments(applicant, draft.id);
  const res = await applicant.post(`/api/applications/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { id: draft.id, version: res.json().version as number };
}

const receipts = (id: string) => rawSql(t.db, `select version, content_hash, pdf_sha256 from application_receipts where application_id = '${id}'`);

describe('application-receipt job', () => {
  it('a submission queues its receipt after the commit; the worker renders it once, with the frozen content hash, and GET serves that PDF', async () => {
    const { id, version } = await submit();
    const [stored] = await until('the receipt job to render', async () => {
      const rows = await receipts(id);
      return rows.length ? rows : null;
    });
    const [frozen] = await rawSql(t.db, `select content_hash from application_versions where application_id = '${id}' and version = ${version} and frozen`);
    expect(stored).toMatchObject({ version, content_hash: frozen!.content_hash });
    const pdf = await applicant.get(`/api/applications/${id}/receipt`);
    expect(pdf.statusCode).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(stored!.pdf_sha256);
    expect((await rawSql(t.db, `select count(*)::int as n from pgboss.job where name = 'application-receipt' and data->>'applicationId' = '${id}'`))[0]!.n).toBe(1);
  });

  it('renders racing for one submission (job, downloads, different clocks) store one receipt and all answer with it', async () => {
    const { id, version } = await submit();
    const all = await Promise.all([
      ensureReceipt(t.db, id, version, new Date('2026-07-01T10:00:00+08:00')),
      ensureReceipt(t.db, id, version, new Date('2026-07-01T10:00:05+08:00')),
      applicant.get(`/api/applications/${id}/receipt`).then((r) => ({ pdf: r.rawPayload })),
    ]);
    expect(await receipts(id)).toHaveLength(1);
    expect(all[1].pdf.equals(all[0].pdf)).toBe(true);
    expect(all[2].pdf.equals(all[0].pdf)).toBe(true);
    // The job, arriving last, leaves it as it is.
    const [before] = await receipts(id);
    const jobId = await jobs.send('application-receipt', { applicationId: id, version });
    if (jobId) await until('the late job to complete', async () => (await rawSql(t.db, `select 1 from pgboss.job where id = '${jobId}' and state = 'completed'`))[0]);
    expect(await receipts(id)).toEqual([before]);
  });
});

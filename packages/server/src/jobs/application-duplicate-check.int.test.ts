// 查重 (BL-9) through the real queue: a submission sends its check after the commit and a pg-boss worker runs it;
// sending the same check twice more runs nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '@kechuang/domain';
import { createTestApp, rawSql, silentLog, type TestApp, TestClient, testConfig, until, uploadRequiredAttachments } from '../../test/helpers.js';
import { buildApp } from '../app.js';
import { startJobs, type Jobs } from './queue.js';



let t: TestApp;
let jobs: Jobs;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  t = await createTestApp();
  jobs = await startJobs(t.database, testConfig, { log: silentLog, pollingIntervalSeconds: 0.5 });
  // The same database, an app that has the queue (as main.ts builds it).
  app = await buildApp({ database: t.database, config: testConfig, jobs });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
  await t.close();
});

describe('application-duplicate-check job (BL-9)', () => {
  it('BL-9: a submission queues its check after the commit; the worker runs it once, and two more sends run nothing', async () => {
    const applicant = new TestClient(app, '10.9.0.1');
    await applicant.login('applicant');
    const calls = (await applicant.get('/api/public/calls')).json().items as { id: string; title: string }[];
    const callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
    const draft = (await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' })).json() as { id: string; version: number };
    expect((await applicant.put(`/api/applications/${draft.id}/draft`, { baseVersion: draft.version, content: exampleBeilunContent() })).statusCode).toBe(200);
    await uploadRequiredAttachments(applicant, draft.id);
    const submitted = await applicant.post(`/api/applications/${draft.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const version = submitted.json().version as number;
    const done = async () => (await rawSql(t.db, `select status, runs from duplicate_checks where application_id = '${draft.id}' and version = ${version} and status = 'done'`))[0];
    expect(await until('the check to finish', done)).toMatchObject({ status: 'done', runs: 1 });
    const sent = await rawSql(t.db, `select count(*)::int as n from pgboss.job where name = 'application-duplicate-check' and data->>'applicationId' = '${draft.id}'`);
    expect(sent[0]!.n).toBe(1);

    const again = [await jobs.send('application-duplicate-check', { applicationId: draft.id, version }), await jobs.send('application-duplicate-check', { applicationId: draft.id, version })].filter(Boolean) as string[];
    await until('the extra sends to complete', async () => (await rawSql(t.db, `select count(*)::int as n from pgboss.job where id in (${again.map((id) => `'${id}'`).join(',') || 'null'}) and state = 'completed'`))[0]!.n === again.length);
    expect(await done()).toMatchObject({ runs: 1 });
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.duplicateCheck' and entity_id = '${draft.id}'`))[0]!.n).toBe(1);
  });
});

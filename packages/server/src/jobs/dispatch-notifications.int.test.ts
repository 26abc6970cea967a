// The notification outbox through the real queue: a submission commits its messages, the route sends the
// dispatch job after the commit, and the worker hands each message once to the configured sender (here the
// development sender, which only logs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '@kechuang/domain';
import { createTestApp, rawSql, type TestApp, TestClient, testConfig, until, uploadRequiredAttachments } from '../../test/helpers.js';
import { buildApp } from '../app.js';
import { dispatchNotificationsJob } from './dispatch-notifications.js';
import type { JobKind } from './kind.js';
import { startJobs, type Jobs } from './queue.js';

let t: TestApp;
let jobs: Jobs;
let app: Awaited<ReturnType<typeof buildApp>>;
const logged: { obj: Record<string, unknown>; msg: string }[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const log = { info: (obj: object, msg: string) => logged.push({ obj: obj as Record<string, unknown>, msg }), error: () => {} };
  jobs = await startJobs(t.database, testConfig, { log, kinds: [dispatchNotificationsJob as unknown as JobKind], pollingIntervalSeconds: 0.5 });
  app = await buildApp({ database: t.database, config: testConfig, jobs });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
  await t.close();
});

describe('notification-dispatch job', () => {
  it('a submission’s messages are sent after its commit by the worker, once each, through the configured (log) sender', async () => {
    const applicant = new TestClient(app, '10.9.0.7');
    await applicant.login('applicant');
    const calls = (await applicant.get('/api/public/calls')).json().items as { id: string; title: string }[];
    const callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
    const draft = (await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' })).json() as { id: string; version: number; applicationNo: string };
    expect((await applicant.put(`/api/applications/${draft.id}/draft`, { baseVersion: draft.version, content: exampleBeilunContent() })).statusCode).toBe(200);
    await uploadRequiredAttachments(applicant, draft.id);
    expect((await applicant.post(`/api/applications/${draft.id}/submit`)).statusCode).toBe(200);
    const where = `payload->>'applicationId' = '${draft.id}'`;
    await until('the messages to be sent', async () => (await rawSql(t.db, `select count(*)::int as n from notification_outbox where ${where} and status = 'sent'`))[0]!.n === 2);
    expect(await rawSql(t.db, `select channel, attempts from notification_outbox where ${where} order by channel`)).toEqual([{ channel: 'inApp', attempts: 1 }, { channel: 'sms', attempts: 1 }]);
    const texts = logged.filter((l) => l.msg.includes('未外发')).map((l) => String(l.obj.text));
    expect(texts.filter((x) => x === `申报书 ${draft.applicationNo}「大型一体化压铸高端模具设计与制造关键技术」已提交，待单位审核。`)).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationNotifications, exampleBeilunContent } from '@kechuang/domain';
import { createTestApp, rawSql, silentLog, uploadRequiredAttachments, type TestApp, type TestClient } from '../../../test/helpers.js';
import { backoffSeconds, dispatchNotifications, MAX_ATTEMPTS, queueNotifications } from './outbox.js';
import type { NotificationSender, OutboundNotification } from './sender.js';

let t: TestApp;
let applicant: TestClient;
let unitAdmin: TestClient;
let officer: TestClient;
let callId: string;
const ORG = '00000000-0000-4000-8000-00000000a0a0';

beforeAll(async () => {
  t = await createTestApp();
  const login = async (u: string) => {
    const c = t.client();
    await c.login(u);
    return c;
  };
  [applicant, unitAdmin, officer] = (await Promise.all(['applicant', 'unitadmin', 'officer'].map(login))) as [TestClient, TestClient, TestClient];
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}, 120_000);
afterAll(() => t.close());

async function submitted(): Promise<{ id: string; applicationNo: string }> {
  const res = await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  const { id, version, applicationNo } = res.json() as { id: string; version: number; applicationNo: string };
  expect((await applicant.put(`/api/applications/${id}/draft`, { baseVersion: version, content: exampleBeilunContent() })).statusCode).toBe(200);
  await uploadRequiredAttachments(applicant, id);
  expect((await applicant.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
  return { id, applicationNo };
}

const rowsOf = (id: string) => rawSql(t.db, `select recipient_organisation_id is not null as org, recipient_role as role, channel, template_key as key, payload->>'applicationNo' as no, status from notification_outbox where payload->>'applicationId' = '${id}' order by created_at, template_key, channel`);
const count = async (where = 'true') => (await rawSql(t.db, `select count(*)::int as n from notification_outbox where ${where}`))[0]!.n as number;

/** A sender that records what it was handed, optionally slowly or failing. */
function recordingSender(opts: { delayMs?: number; fail?: string } = {}): NotificationSender & { sent: OutboundNotification[] } {
  const sent: OutboundNotification[] = [];
  return {
    name: 'test',
    sent,
    async send(m) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.fail) throw new Error(opts.fail);
      sent.push(m);
    },
  };
}

describe('notification outbox', () => {
  it('each transition writes its next actor’s messages in its own transaction (submit → unit admin, endorse → officer, return → applicant)', async () => {
    const { id, applicationNo } = await submitted();
    expect(await rowsOf(id)).toEqual([
      { org: true, role: 'unitAdmin', channel: 'inApp', key: 'application.toEndorse', no: applicationNo, status: 'pending' },
      { org: true, role: 'unitAdmin', channel: 'sms', key: 'application.toEndorse', no: applicationNo, status: 'pending' },
    ]);
    expect((await unitAdmin.post(`/api/applications/${id}/endorse`)).statusCode).toBe(200);
    expect((await officer.post(`/api/applications/${id}/return`, { reasons: [{ field: 'basic.title', reason: '名称过长' }] })).statusCode).toBe(200);
    const keys = (await rowsOf(id)).map((r) => `${String(r.key)}:${String(r.role)}:${String(r.channel)}`);
    expect(keys).toEqual(['application.toEndorse:unitAdmin:inApp', 'application.toEndorse:unitAdmin:sms', 'application.toAccept:officer:email', 'application.toAccept:officer:inApp', 'application.returned:applicant:inApp', 'application.returned:applicant:sms']);
    // Withdrawal tells the unit admin there is nothing to review any more.
    const second = await submitted();
    expect((await applicant.post(`/api/applications/${second.id}/withdraw`)).statusCode).toBe(200);
    expect((await rowsOf(second.id)).map((r) => r.key)).toEqual(['application.toEndorse', 'application.toEndorse', 'application.withdrawn', 'application.withdrawn']);
  });

  it('a transition that rolls back writes no message, and a refused one writes none either', async () => {
    const { id } = await submitted();
    const before = await count();
    // Make the endorsement's audit write fail after its outbox rows were inserted: the whole step rolls back.
    await rawSql(t.db, `create function test_refuse_endorse() returns trigger as $$ begin if new.action = 'application.endorse' then raise exception 'audit down'; end if; return new; end; $$ language plpgsql`);
    await rawSql(t.db, `create trigger test_refuse_endorse before insert on audit_events for each row execute function test_refuse_endorse()`);
    try {
      const res = await unitAdmin.post(`/api/applications/${id}/endorse`);
      expect(res.statusCode).toBe(500);
    } finally {
      await rawSql(t.db, `drop trigger test_refuse_endorse on audit_events`);
      await rawSql(t.db, `drop function test_refuse_endorse()`);
    }
    expect(await count()).toBe(before);
    expect((await rawSql(t.db, `select state from applications where id = '${id}'`))[0]!.state).toBe('submitted');
    expect((await applicant.post(`/api/applications/${id}/endorse`)).statusCode).toBe(403);
    expect((await unitAdmin.post(`/api/applications/${id}/return`, { reasons: [] })).statusCode).toBe(400);
    expect(await count()).toBe(before);
    // And rows queued inside a transaction that throws are gone with it.
    const plan = applicationNotifications({ event: 'accept', from: 'endorsed', organisationId: ORG, requiresRecommendation: false, payload: { applicationId: id, applicationNo: 'X', title: 'x' } });
    await expect(t.db.transaction(async (tx) => {
      await queueNotifications(tx, plan);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await count()).toBe(before);
  });

  it('two dispatchers running at once send every message exactly once (rows claimed FOR UPDATE SKIP LOCKED)', async () => {
    const plan = (n: number) => applicationNotifications({ event: 'recommend', from: 'endorsed', organisationId: ORG, requiresRecommendation: true, payload: { applicationId: `bulk-${n}`, applicationNo: `SB-BULK-${n}`, title: '批量' } });
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await queueNotifications(tx, plan(i));
    });
    const due = await count(`status = 'pending'`);
    expect(due).toBeGreaterThanOrEqual(60);
    const a = recordingSender({ delayMs: 2 });
    const b = recordingSender({ delayMs: 2 });
    const [ra, rb] = await Promise.all([dispatchNotifications(t.db, a, silentLog, { batch: 7 }), dispatchNotifications(t.db, b, silentLog, { batch: 7 })]);
    const ids = [...a.sent, ...b.sent].map((m) => m.id);
    expect(ids.length).toBe(due);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ra.sent + rb.sent).toBe(due);
    expect(await count(`status <> 'sent'`)).toBe(0);
    expect(await count(`sent_at is null or attempts <> 1`)).toBe(0);
    expect(a.sent.concat(b.sent).find((m) => m.payload.applicationNo === 'SB-BULK-0' && m.channel === 'email')!.text).toBe('申报书 SB-BULK-0「批量」待受理（形式审查）。');
    // Nothing left: a third run sends nothing.
    const c = recordingSender();
    expect(await dispatchNotifications(t.db, c, silentLog)).toEqual({ sent: 0, failed: 0 });
  });

  it('a failing sender is retried with backoff and its error recorded; after the last attempt the row is marked failed', async () => {
    await t.db.transaction(async (tx) => queueNotifications(tx, applicationNotifications({ event: 'accept', from: 'endorsed', organisationId: ORG, requiresRecommendation: false, payload: { applicationId: 'retry', applicationNo: 'SB-RETRY', title: '重试' } }).slice(0, 1)));
    const where = `payload->>'applicationId' = 'retry'`;
    let now = new Date();
    expect(await dispatchNotifications(t.db, recordingSender({ fail: '短信网关 503' }), silentLog, { now })).toEqual({ sent: 0, failed: 1 });
    const [row] = await rawSql(t.db, `select status, attempts, last_error, sent_at, extract(epoch from next_attempt_at)::float8 as next from notification_outbox where ${where}`);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: '短信网关 503', sent_at: null });
    expect(Math.round(Number(row!.next) - now.getTime() / 1000)).toBe(backoffSeconds(1));
    // Not due yet: the next run leaves it alone.
    const early = recordingSender();
    await dispatchNotifications(t.db, early, silentLog, { now });
    expect(early.sent).toEqual([]);
    // Due again after the backoff: a working sender delivers it.
    now = new Date(now.getTime() + backoffSeconds(1) * 1000 + 1000);
    const ok = recordingSender();
    await dispatchNotifications(t.db, ok, silentLog, { now });
    expect(ok.sent.map((m) => m.payload.applicationNo)).toEqual(['SB-RETRY']);
    expect((await rawSql(t.db, `select status, attempts from notification_outbox where ${where}`))[0]).toEqual({ status: 'sent', attempts: 2 });

    // One that never goes through stops after MAX_ATTEMPTS.
    await t.db.transaction(async (tx) => queueNotifications(tx, applicationNotifications({ event: 'accept', from: 'endorsed', organisationId: ORG, requiresRecommendation: false, payload: { applicationId: 'dead', applicationNo: 'SB-DEAD', title: '失败' } }).slice(0, 1)));
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      now = new Date(now.getTime() + 3_600_000 + 1000);
      await dispatchNotifications(t.db, recordingSender({ fail: '邮件服务器拒收' }), silentLog, { now });
    }
    expect((await rawSql(t.db, `select status, attempts, last_error from notification_outbox where payload->>'applicationId' = 'dead'`))[0]).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: '邮件服务器拒收' });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, silentLog, type TestApp, testConfig, until } from '../../test/helpers.js';
import { defineJob, type JobKind } from './kind.js';
import { startJobs, type Jobs } from './queue.js';



let t: TestApp;
let jobs: Jobs | null = null;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await jobs?.stop();
  await t.close();
});

describe('job queue (pg-boss in the app database)', () => {
  it('creates its own pgboss schema, registers every kind and schedules the periodic ones (anchor interval from the configuration)', async () => {
    jobs = await startJobs(t.database, { ...testConfig, auditAnchorIntervalMinutes: 10 }, { log: silentLog, pollingIntervalSeconds: 0.5 });
    const schedules = await rawSql(t.db, `select name, cron, timezone from pgboss.schedule order by name`);
    expect(schedules).toEqual([
      { name: 'audit-anchor', cron: '*/10 * * * *', timezone: 'Asia/Shanghai' },
      { name: 'calls-close-ended', cron: '* * * * *', timezone: 'Asia/Shanghai' },
      { name: 'notification-dispatch', cron: '* * * * *', timezone: 'Asia/Shanghai' },
      { name: 'project-reports-daily', cron: '10 0 * * *', timezone: 'Asia/Shanghai' },
      { name: 'prune-counters', cron: '17 * * * *', timezone: 'Asia/Shanghai' },
      { name: 'review-score-reminders', cron: '*/10 * * * *', timezone: 'Asia/Shanghai' },
    ]);
  });

  it('runs a job that is sent: an audit anchor is made by the worker, with its audit event', async () => {
    const before = await rawSql(t.db, `select count(*)::int as n from audit_anchors`);
    const id = await jobs!.send('audit-anchor', {});
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until('the anchor job to complete', async () => (await rawSql(t.db, `select 1 from pgboss.job where id = '${id}' and state = 'completed'`)).length > 0);
    const after = await rawSql(t.db, `select count(*)::int as n from audit_anchors`);
    expect(after[0]!.n).toBe((before[0]!.n as number) + 1);
    const [ev] = await rawSql(t.db, `select actor_name from audit_events where action = 'audit.anchor' order by occurred_at desc limit 1`);
    expect(ev!.actor_name).toBe('system.anchor');
  });

  it('closes ended calls when the close job runs (the state change and its audit event come from the existing use case)', async () => {
    const [call] = await rawSql(t.db, `select id from calls where status = 'published' limit 1`);
    await rawSql(t.db, `update calls set closes_at = now() - interval '1 minute' where id = '${call!.id}'`);
    const id = await jobs!.send('calls-close-ended', {});
    await until('the close job to complete', async () => (await rawSql(t.db, `select 1 from pgboss.job where id = '${id}' and state = 'completed'`)).length > 0);
    const [row] = await rawSql(t.db, `select status from calls where id = '${call!.id}'`);
    expect(row!.status).toBe('closed');
    const events = await rawSql(t.db, `select actor_name from audit_events where entity_id = '${call!.id}' and actor_name = 'system.callClose'`);
    expect(events.length).toBe(1);
  });

  it('prunes only counters that can no longer change an answer (ended rate-limit windows, login locks that ran out)', async () => {
    await rawSql(t.db, `insert into rate_limit_counters values ('old', now() - interval '2 minutes', now() - interval '1 minute', 9), ('live', now(), now() + interval '1 minute', 3)`);
    await rawSql(t.db, `insert into login_failures values ('ran-out', 5, now() - interval '1 hour', now() - interval '1 minute'), ('counting', 2, now(), null), ('locked', 5, now(), now() + interval '10 minutes')`);
    const id = await jobs!.send('prune-counters', {});
    await until('the prune job to complete', async () => (await rawSql(t.db, `select 1 from pgboss.job where id = '${id}' and state = 'completed'`)).length > 0);
    expect((await rawSql(t.db, `select key from rate_limit_counters where key in ('old', 'live')`)).map((r) => r.key)).toEqual(['live']);
    expect((await rawSql(t.db, `select username_key from login_failures where username_key in ('ran-out', 'counting', 'locked') order by 1`)).map((r) => r.username_key)).toEqual(['counting', 'locked']);
  });

  it('a failing job is recorded as failed (with its error) and logged, and the queue goes on', async () => {
    await jobs!.stop();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const echo = defineJob<'test-echo', { word: string }>({
      name: 'test-echo',
      retryLimit: 0,
      async work(_ctx, data) {
        if (data.word === 'boom') throw new Error('boom');
        seen.push(data.word);
      },
    });
    jobs = await startJobs(t.database, testConfig, { log: { info: () => {}, error: (o) => errors.push(o) }, kinds: [echo as unknown as JobKind], pollingIntervalSeconds: 0.5 });
    const send = jobs.send as unknown as (name: string, data: object) => Promise<string | null>;
    const bad = await send('test-echo', { word: 'boom' });
    const good = await send('test-echo', { word: randomUUID() });
    await until('both jobs to finish', async () => (await rawSql(t.db, `select 1 from pgboss.job where id in ('${bad}', '${good}') and state in ('completed', 'failed')`)).length === 2);
    const [failed] = await rawSql(t.db, `select state, output from pgboss.job where id = '${bad}'`);
    expect(failed!.state).toBe('failed');
    expect(JSON.stringify(failed!.output)).toContain('boom');
    expect(seen).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });
});

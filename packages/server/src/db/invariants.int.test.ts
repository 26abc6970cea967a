import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../test/helpers.js';
import { checkInvariants } from './invariants.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('database invariant checker', () => {
  it('passes on the seeded demo data', async () => {
    expect(await checkInvariants(t.db)).toEqual([]);
  });

  it('reports a separated admin role combined with another role, then passes again once repaired', async () => {
    await rawSql(t.db, `update users set roles = array['auditor','officer'] where username = 'auditor'`);
    expect((await checkInvariants(t.db)).join('\n')).toContain('三员分立');
    await rawSql(t.db, `update users set roles = array['auditor'] where username = 'auditor'`);
    expect(await checkInvariants(t.db)).toEqual([]);
  });

  it('reports an admin recovery approved by its own initiator (dual control, issue 15 item 5)', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await rawSql(
      t.db,
      `insert into admin_recovery_requests (id, target_user_id, target_role, reason, initiated_by, initiator_role, status, decided_by, decider_role, created_at, expires_at, decided_at)
       select '${id}', s.id, 'secadmin', 'test', a.id, 'sysadmin', 'approved', a.id, 'sysadmin', now(), now() + interval '1 day', now()
       from users s, users a where s.username = 'secadmin' and a.username = 'sysadmin'`,
    );
    expect((await checkInvariants(t.db)).join('\n')).toContain(`admin recovery request ${id}`);
    await rawSql(t.db, `update admin_recovery_requests set decided_by = (select id from users where username = 'auditor'), decider_role = 'auditor' where id = '${id}'`);
    expect(await checkInvariants(t.db)).toEqual([]);
  });
});

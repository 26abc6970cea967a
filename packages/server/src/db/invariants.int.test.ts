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
});

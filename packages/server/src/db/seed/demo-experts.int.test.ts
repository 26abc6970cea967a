import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { seedDemoExperts } from './demo-experts.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('demo expert pool', () => {
  it('P315-4: seeds about forty 演示 experts, mostly in equipment, the demo expert linked, and is idempotent', async () => {
    expect(await seedDemoExperts(t.db)).toBe(40);
    expect(await seedDemoExperts(t.db)).toBe(0);
    const rows = await rawSql(t.db, `select name, status, fields, keywords, organisation_credit_code, declared_conflicts::text as dc, user_id from experts`);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => (r.fields as string[]).includes('equipment')).length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'suspended')).toHaveLength(1);
    expect(rows.filter((r) => r.dc !== '[]')).toHaveLength(2);
    expect(rows.filter((r) => r.organisation_credit_code === '91330206MA2DEMA016')).toHaveLength(1);
    expect(rows.filter((r) => (r.keywords as string[]).includes('一体化压铸')).length).toBeGreaterThanOrEqual(5);
    const linked = await rawSql(t.db, `select e.status, e.name from experts e join users u on u.id = e.user_id where u.username = 'expert'`);
    expect(linked).toEqual([{ status: 'active', name: '赵专家' }]);
    // The demo expert signs in and sees their profile.
    const c = t.client();
    await c.login('expert');
    expect((await c.get('/api/experts/me')).json()).toMatchObject({ name: '赵专家', status: 'active', fields: ['equipment'] });
  });
});

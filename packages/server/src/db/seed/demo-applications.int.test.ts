// The demo applications (SEED_DEMO): every state of the chain, real audit events, and both planted 查重 cases flagged (BL-9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { seedDemoApplications, type DemoApplications } from './demo-applications.js';

let t: TestApp;
let officer: TestClient;
let seeded: DemoApplications;

beforeAll(async () => {
  t = await createTestApp();
  seeded = (await seedDemoApplications(t.db))!;
  officer = t.client();
  await officer.login('officer');
}, 180_000);
afterAll(() => t.close());

describe('demo applications (SEED_DEMO)', () => {
  it('the demo call holds applications in every state from several 演示 organisations, each step audited', async () => {
    const rows = await rawSql(t.db, `select a.id, a.state, o.name, a.return_reasons from applications a join organisations o on o.id = a.organisation_id where o.name like '%演示%'`);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['draft', 'submitted', 'endorsed', 'accepted', 'returned']));
    expect(new Set(rows.map((r) => r.name)).size).toBe(3);
    const returned = rows.find((r) => r.id === seeded.ids.returned)!;
    expect((returned.return_reasons as { field: string }[]).map((x) => x.field)).toEqual(['sections.plan.goals', 'budget']);
    const audit = async (id: string) => (await rawSql(t.db, `select action from audit_events where entity_id = '${id}' order by occurred_at, id`)).map((r) => r.action);
    expect(await audit(seeded.ids.accepted)).toEqual(expect.arrayContaining(['application.create', 'application.submit', 'application.duplicateCheck', 'application.endorse', 'application.accept']));
    expect(await audit(seeded.ids.returned)).toContain('application.return');
    // Running the seed again adds nothing.
    expect(await seedDemoApplications(t.db)).toBeNull();
    expect((await rawSql(t.db, `select count(*)::int as n from applications`))[0]!.n).toBe(rows.length);
  });

  it('BL-9: both planted cases are flagged in their 查重 reports, and the unrelated ones are not', async () => {
    const report = async (id: string) => {
      const res = await officer.get(`/api/applications/${id}/duplicate-report`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().report;
    };
    const near = await report(seeded.ids.nearCopy);
    expect(near.flagged).toBe(true);
    expect(near.matches[0]).toMatchObject({ sourceType: 'higherLevel', flagged: true });
    expect(near.matches[0].title).toContain('演示');
    const paste = await report(seeded.ids.pasteCopy);
    expect(paste.flagged).toBe(true);
    const m = paste.matches.find((x: { applicationId: string }) => x.applicationId === seeded.ids.accepted);
    expect(m).toMatchObject({ relation: 'other', flagged: true });
    expect(m.passages[0]).toMatchObject({ query: { section: 'foundation.conditions' }, source: { section: 'foundation.conditions' } });
    expect(m.passages[0].chars).toBeGreaterThan(100);
    for (const id of [seeded.ids.accepted, seeded.ids.endorsed]) expect((await report(id)).flagged).toBe(false);
  });
});

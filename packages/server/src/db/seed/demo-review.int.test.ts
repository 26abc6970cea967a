import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { seedDemoReviewCalls } from './demo-review.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('demo review calls (演示)', () => {
  it('two closed 演示 calls whose accepted applications are in review rounds, made through the use cases; idempotent', async () => {
    const first = await seedDemoReviewCalls(t.db);
    expect(first.approved && first.scoring).toBeTruthy();
    const rounds = await rawSql(t.db, `select r.id, c.title, c.status, (select count(*)::int from review_outcomes o where o.round_id = r.id) as n from review_rounds r join calls c on c.id = r.call_id order by n desc`);
    expect(rounds.map((r) => [r.status, r.n])).toEqual([['closed', 15], ['closed', 5]]);
    expect(rounds.every((r) => String(r.title).includes('演示'))).toBe(true);
    const audit = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'application.accept'`);
    expect(audit[0]!.n).toBe(20);
    expect(await seedDemoReviewCalls(t.db)).toEqual({ approved: null, scoring: null });
  }, 120_000);
});

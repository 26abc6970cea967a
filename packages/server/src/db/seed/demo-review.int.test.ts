import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { seedDemoExperts } from './demo-experts.js';
import { seedDemoReview } from './demo-review.js';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemoReview>>;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoExperts(t.db);
  seeded = await seedDemoReview(t.db);
}, 300_000);
afterAll(() => t.close());

describe('demo review (演示)', () => {
  it('BL-8: one 演示 batch goes all the way to approval through every step, with its draw, notice and ledger commitments', async () => {
    expect(seeded.approved).toBeTruthy();
    const [round] = await rawSql(t.db, `select stage, mode from review_rounds where id = '${seeded.approved}'`);
    expect(round).toEqual({ stage: 'approved', mode: 'draw' });
    const [draw] = await rawSql(t.db, `select status from review_draws where round_id = '${seeded.approved}'`);
    expect(draw!.status).toBe('drawn');
    const projects = await rawSql(t.db, `select p.approved_amount_yuan::bigint as amount from projects p where p.round_id = '${seeded.approved}'`);
    expect(projects.length).toBeGreaterThan(5);
    const [ledger] = await rawSql(t.db, `select coalesce(sum(amount_yuan), 0)::bigint as committed from budget_entries where kind = 'commit' and reference like 'project:%'`);
    expect(BigInt(String(ledger!.committed))).toBe(projects.reduce((s, p) => s + BigInt(String(p.amount)), 0n));
    const objections = await rawSql(t.db, `select o.status from review_objections o join review_notices n on n.id = o.notice_id where n.round_id = '${seeded.approved}'`);
    expect(objections.map((o) => o.status)).toEqual(['dismissed']);
    const statuses = await rawSql(t.db, `select status, count(*)::int as n from review_outcomes where round_id = '${seeded.approved}' group by status order by status`);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['approved', 'rejected']));
    const [{ n: publicDraws }] = (await rawSql(t.db, `select count(*)::int as n from review_draws where round_id = '${seeded.approved}' and public_record is not null`)) as [{ n: number }];
    expect(publicDraws).toBe(1);
  });

  it('P315-5: the second 演示 batch is being scored, and the demo expert has applications waiting', async () => {
    expect(seeded.scoring).toBeTruthy();
    const [round] = await rawSql(t.db, `select stage, mode from review_rounds where id = '${seeded.scoring}'`);
    expect(round).toEqual({ stage: 'scoring', mode: 'optimal' });
    const mine = await rawSql(t.db, `select a.id from review_assignments a join experts e on e.id = a.expert_id join users u on u.id = e.user_id where u.username = 'expert' and a.round_id = '${seeded.scoring}' and a.status = 'active'`);
    expect(mine.length).toBe(5);
  });

  it('is idempotent', async () => {
    expect(await seedDemoReview(t.db)).toEqual({ approved: null, scoring: null });
  });
});

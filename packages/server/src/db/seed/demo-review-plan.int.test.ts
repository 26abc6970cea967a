import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { openedRound, scoreDirectly, setStage } from '../../../test/review-fixtures.js';
import { demoApprove, demoFundingPlan } from './demo-review-plan.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

describe('demo funding plan and approval', () => {
  it('BL-4: take a scored round through the plan and, after the notice, to approved projects committed in the ledger', async () => {
    const r = await openedRound(t, 3);
    await scoreDirectly(t, r.roundId, r.applicationIds.map((applicationId, i) => ({ applicationId, scoreCenti: 8800 - i * 100 })));
    expect(await demoFundingPlan(t.db, r.roundId)).toBe(false);
    await setStage(t, r.roundId, 'planning');
    expect(await demoFundingPlan(t.db, r.roundId)).toBe(true);
    const planned = await rawSql(t.db, `select planned_amount_yuan from review_outcomes where round_id = '${r.roundId}' and planned_amount_yuan is not null`);
    expect(planned).toHaveLength(3);
    await rawSql(t.db, `update review_outcomes set decided_amount_yuan = planned_amount_yuan where round_id = '${r.roundId}'`);
    await rawSql(t.db, `insert into review_notices (id, round_id, title, starts_on, ends_on, published_at) values (gen_random_uuid(), '${r.roundId}', '演示公示', '2026-01-05', '2026-01-09', now() - interval '30 days')`);
    await setStage(t, r.roundId, 'notice');
    expect(await demoApprove(t.db, r.roundId)).toBe(true);
    const projects = await rawSql(t.db, `select approved_amount_yuan from projects where round_id = '${r.roundId}'`);
    expect(projects).toHaveLength(3);
    expect((await rawSql(t.db, `select stage from review_rounds where id = '${r.roundId}'`))[0]!.stage).toBe('approved');
  });
});

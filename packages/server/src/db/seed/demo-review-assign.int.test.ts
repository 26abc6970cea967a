import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { insertTestExperts, openedRound } from '../../../test/review-fixtures.js';
import { demoAssignOptimal } from './demo-review-assign.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

describe('demo: optimal assignment (演示)', () => {
  it('BL-8: the demo officer previews and confirms through the use case; the round moves to scoring, audited under the officer', async () => {
    const { roundId, applicationIds } = await openedRound(t, 4);
    await insertTestExperts(t, 6, { prefix: 'demo-assign-' });
    const out = await demoAssignOptimal(t.db, roundId);
    expect(out).toMatchObject({ assignments: applicationIds.length * 5, stage: 'scoring' });
    const [round] = await rawSql(t.db, `select stage, mode from review_rounds where id = '${roundId}'`);
    expect(round).toEqual({ stage: 'scoring', mode: 'optimal' });
    const audit = await rawSql(t.db, `select action, actor_name from audit_events where entity_id = '${roundId}' and action like 'review.%' order by occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['review.round.settings', 'review.assignment.confirm', 'review.round.advance']));
    expect(audit.find((a) => a.action === 'review.assignment.confirm')!.actor_name).not.toBe('system');
  });
});

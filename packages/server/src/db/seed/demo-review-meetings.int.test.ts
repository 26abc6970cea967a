import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { openedRound, scoreDirectly, setStage } from '../../../test/review-fixtures.js';
import { demoInspection, demoMeetings } from './demo-review-meetings.js';

let t: TestApp;
let roundId: string;
let apps: string[];
beforeAll(async () => {
  t = await createTestApp();
  const r = await openedRound(t, 5);
  roundId = r.roundId;
  apps = r.applicationIds;
  await scoreDirectly(t, roundId, apps.map((applicationId, i) => ({ applicationId, scoreCenti: 8800 - i * 150 })));
}, 180_000);
afterAll(() => t.close());

const stage = async () => (await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage;

describe('demo inspection and meetings (SEED_DEMO)', () => {
  it('BL-8: demoInspection inspects every application with a photo through the use cases (the lowest-ranked fails) and opens the funding plan', async () => {
    await setStage(t, roundId, 'inspection');
    await demoInspection(t.db, roundId);
    expect(await stage()).toBe('planning');
    const rows = await rawSql(t.db, `select application_id, inspection, status from review_outcomes where round_id = '${roundId}'`);
    expect(rows.filter((r) => r.inspection === 'passed')).toHaveLength(4);
    expect(rows.find((r) => r.application_id === apps[4])).toMatchObject({ inspection: 'failed', status: 'rejected' });
    expect((await rawSql(t.db, `select count(*)::int as n from review_inspection_photos where round_id = '${roundId}'`))[0]!.n).toBe(5);
    expect((await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'review.inspection.record'`))[0]!.n).toBe(5);
  });

  it('BL-8: demoMeetings holds both meetings, signed by the leader, one application deferred at the executive meeting; the round reaches the notice', async () => {
    // As the funding plan would: amounts for those still in review, then the party meeting.
    for (const [i, id] of apps.slice(0, 4).entries()) await rawSql(t.db, `update review_outcomes set planned_amount_yuan = ${(300 - i * 50) * 10_000} where round_id = '${roundId}' and application_id = '${id}'`);
    await setStage(t, roundId, 'partyMeeting');
    await demoMeetings(t.db, roundId);
    expect(await stage()).toBe('notice');
    const rows = new Map((await rawSql(t.db, `select application_id, status, decided_amount_yuan from review_outcomes where round_id = '${roundId}'`)).map((r) => [r.application_id, r]));
    expect(rows.get(apps[0]!)).toMatchObject({ status: 'inReview', decided_amount_yuan: 3_000_000 });
    expect(rows.get(apps[1]!)).toMatchObject({ status: 'inReview', decided_amount_yuan: 2_250_000 });
    expect(rows.get(apps[3]!)).toMatchObject({ status: 'deferred', decided_amount_yuan: null });
    const meetings = await rawSql(t.db, `select kind, minutes_no, signed_at is not null as signed from review_meetings where round_id = '${roundId}' order by kind desc`);
    expect(meetings.map((m) => [m.kind, m.signed])).toEqual([['party', true], ['executive', true]]);
    expect(String(meetings[0]!.minutes_no)).toContain('演示');
    const signers = await rawSql(t.db, `select actor_name from audit_events where action = 'review.meeting.signoff'`);
    expect(signers.map((s) => s.actor_name)).toEqual(['leader', 'leader']);
  });
});
